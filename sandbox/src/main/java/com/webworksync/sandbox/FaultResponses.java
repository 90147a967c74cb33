package com.webworksync.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What each {@link Fault.Kind} does to one request. Faulted requests never use the rate-limit window. */
final class FaultResponses {

	/** Nullable fields in the order MISSING_FIELD prefers to drop them; the last field otherwise. */
	private static final List<String> OPTIONAL = List.of("deleted_at", "avatar", "title", "team_name", "notes",
			"description", "note", "activity_description", "task_title", "project_icon", "reject_reason",
			"submitted_on", "comment", "completed_at", "parent_id", "member_since", "first_start", "total_balance",
			"activity_level", "allowance", "icon");

	private FaultResponses() {
	}

	static Response apply(Fault fault, Supplier<Response> normal) {
		return switch (fault.kind()) {
			case TOO_MANY_REQUESTS -> {
				Response r = Response.error(new ErrorAnswer(429, "Too Many Attempts.", null, null));
				if (fault.retryAfterSeconds() != null) {
					r.header("Retry-After", fault.retryAfterSeconds());
				}
				yield r.header("X-RateLimit-Remaining", 0);
			}
			case SERVER_ERROR -> Response.error(new ErrorAnswer(500, "An error occurred", "Internal Server Error", null));
			case BAD_GATEWAY -> Response.error(new ErrorAnswer(502, "An error occurred", "Bad Gateway", null));
			case UNAVAILABLE -> Response.error(new ErrorAnswer(503, "An error occurred", "Service Unavailable", null));
			case SLOW -> {
				sleep(fault.delay() == null ? Duration.ofSeconds(1) : fault.delay());
				yield normal.get();
			}
			case RESET_CONNECTION -> {
				Response r = normal.get();
				r.resetMidBody = true;
				yield r;
			}
			case TRUNCATED_JSON -> {
				Response r = normal.get();
				r.truncated = true;
				yield r;
			}
			case HTML_200 -> Response.html(200,
					"<html><head><title>503 Service Unavailable</title></head>"
							+ "<body><h1>Service Unavailable</h1><p>The server is temporarily busy.</p></body></html>");
			case SUCCESS_FALSE_200 ->
				Response.json(200, Json.object().put("success", false).put("message", "Something went wrong"));
			case UNAUTHORIZED -> Response.error(new ErrorAnswer(401, "Unauthenticated.", null, null));
			case FORBIDDEN -> Response.error(ErrorAnswer.forbidden());
			case NOT_FOUND -> Response.error(ErrorAnswer.notFound());
			case LYING_REMAINING -> normal.get().header("X-RateLimit-Remaining", 0);
			case WRONG_TYPE -> mutate(normal.get(), FaultResponses::wrongType);
			case EXTRA_FIELD -> mutate(normal.get(), item -> item.putObject("x_new_field").put("a", 1));
			case MISSING_FIELD -> mutate(normal.get(), FaultResponses::dropOptional);
		};
	}

	/** Applies the change to every item of {@code data} (or to data itself when it is an object). */
	private static Response mutate(Response response, Consumer<ObjectNode> change) {
		JsonNode data = response.json == null ? null : response.json.get("data");
		if (data != null && data.isArray()) {
			data.values().forEach(item -> {
				if (item instanceof ObjectNode object) {
					change.accept(object);
				}
			});
		}
		else if (data instanceof ObjectNode object) {
			change.accept(object);
		}
		return response;
	}

	/** The first numeric field, depth first, becomes the string "abc". */
	private static boolean wrongType(ObjectNode item) {
		for (String name : new ArrayList<>(item.propertyNames())) {
			JsonNode value = item.get(name);
			if (value.isNumber()) {
				item.put(name, "abc");
				return true;
			}
			if (value instanceof ObjectNode child && wrongType(child)) {
				return true;
			}
		}
		return false;
	}

	private static void dropOptional(ObjectNode item) {
		for (String name : OPTIONAL) {
			if (item.has(name)) {
				item.remove(name);
				return;
			}
		}
		List<String> names = new ArrayList<>(item.propertyNames());
		if (!names.isEmpty()) {
			item.remove(names.get(names.size() - 1));
		}
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
