package com.webworksync.sandbox;

import java.util.List;
import java.util.function.UnaryOperator;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three pagination shapes the API documents (`meta.pagination`, a top-level `pagination`, or none at all). A page past the end is an
 * empty {@code data} with from/to null.
 */
final class Paginator {

	enum Shape {

		/** {@code meta.pagination {total, per_page, current_page, last_page, from, to}}. */
		META,
		/** top-level {@code pagination {current_page, per_page, total, last_page}} (contracts). */
		TOP_LEVEL,
		/** no block at all; clients stop on a short page. */
		NONE

	}

	record PageRequest(int page, int perPage) {
	}

	private Paginator() {
	}

	/** Reads page/per_page, recording a 422 for anything out of range. */
	static PageRequest request(Call call, int defaultPerPage, int maxPerPage) {
		Long page = call.optionalLong("page");
		Long perPage = call.optionalLong("per_page");
		if (page != null && page < 1) {
			call.error("page", "The page field must be at least 1.");
		}
		if (perPage != null && perPage < 1) {
			call.error("per_page", "The per page field must be at least 1.");
		}
		if (perPage != null && perPage > maxPerPage) {
			call.error("per_page", "The per page field must not be greater than " + maxPerPage + ".");
		}
		int p = page == null || page < 1 ? 1 : (int) Math.min(page, Integer.MAX_VALUE);
		int size = perPage == null || perPage < 1 || perPage > maxPerPage ? defaultPerPage : perPage.intValue();
		return new PageRequest(p, size);
	}

	/** One page of {@code all}; {@code view} turns each stored item into the served copy. */
	static Payload page(String message, List<ObjectNode> all, PageRequest request, Shape shape,
			UnaryOperator<ObjectNode> view) {
		long offset = (long) (request.page() - 1) * request.perPage();
		ArrayNode data = Json.array();
		for (long i = offset; i < all.size() && i < offset + request.perPage(); i++) {
			data.add(view.apply(all.get((int) i)));
		}
		int total = all.size();
		int lastPage = Math.max(1, (total + request.perPage() - 1) / request.perPage());
		ObjectNode pagination = Json.object();
		switch (shape) {
			case META -> {
				pagination.put("total", total);
				pagination.put("per_page", request.perPage());
				pagination.put("current_page", request.page());
				pagination.put("last_page", lastPage);
				pagination.put("from", data.isEmpty() ? null : Long.valueOf(offset + 1));
				pagination.put("to", data.isEmpty() ? null : Long.valueOf(offset + data.size()));
			}
			case TOP_LEVEL -> {
				pagination.put("current_page", request.page());
				pagination.put("per_page", request.perPage());
				pagination.put("total", total);
				pagination.put("last_page", lastPage);
			}
			case NONE -> pagination = null;
		}
		return new Payload(message, data, pagination, shape == Shape.TOP_LEVEL);
	}

}
