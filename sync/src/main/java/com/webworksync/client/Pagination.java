package com.webworksync.client;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Pagination in one place: read {@code meta.pagination}, else a top-level {@code pagination}
 * (the contracts quirk), else stop on a short page. An empty page always ends the walk, whatever
 * {@code last_page} says.
 */
final class Pagination {

	private Pagination() {
	}

	static ApiPage read(JsonNode body, int page, int perPage, int requests) {
		JsonNode data = body.path("data");
		List<JsonNode> items = new ArrayList<>();
		if (data.isArray()) {
			data.forEach(items::add);
		}
		else if (data.isObject()) {
			// Object answers (the tracked-hours report) are one item and never paginated.
			return new ApiPage(List.of(data), true, requests);
		}
		JsonNode meta = body.path("meta").path("pagination");
		JsonNode pagination = meta.isObject() ? meta : body.path("pagination");
		boolean last;
		if (items.isEmpty()) {
			last = true;
		}
		else if (pagination.isObject() && pagination.path("last_page").isNumber()) {
			int current = pagination.path("current_page").isNumber() ? pagination.path("current_page").asInt() : page;
			last = current >= pagination.path("last_page").asInt();
		}
		else {
			last = items.size() < perPage;
		}
		return new ApiPage(items, last, requests);
	}
}
