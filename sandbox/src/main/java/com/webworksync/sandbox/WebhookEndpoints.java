package com.webworksync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.webworksync.signing.Signature;

/**
 * The write side of /webhooks (section 15 of the API notes): POST /webhooks returns the new subscription with its
 * {@code whsec_} token; GET, PUT and DELETE /webhooks/{id}. Bodies may be JSON or form-encoded; workspace_id is read
 * from the body, else from the query. The list (GET /webhooks) stays a {@link ListEndpoints} row.
 */
final class WebhookEndpoints {

	static final List<String> EVENTS = List.of("tracker.started", "tracker.stopped", "member.invited", "member.updated",
			"member.deleted", "member.activated", "member.archived", "project.created", "project.updated",
			"project.deleted", "task.updated");

	private final SandboxData data;

	private final long seed;

	private final AtomicLong created = new AtomicLong();

	WebhookEndpoints(SandboxData data, long seed) {
		this.data = data;
		this.seed = seed;
	}

	static boolean handles(String method, String path) {
		return path.startsWith("/webhooks/") || "/webhooks".equals(path) && !"GET".equals(method);
	}

	Response handle(String method, String path, Map<String, List<String>> query, byte[] body) {
		Map<String, List<String>> fields = fields(query, body);
		Call call = new Call(fields, data);
		String id = path.startsWith("/webhooks/") ? path.substring("/webhooks/".length()) : null;
		if (id == null) {
			if (!"POST".equals(method)) {
				throw new ErrorAnswer(405, "The " + method + " method is not supported for route webhooks.", null, null);
			}
			return create(call);
		}
		return switch (method) {
			case "GET" -> ok("Webhook retrieved successfully", existing(call, id));
			case "PUT" -> update(call, id);
			case "DELETE" -> {
				ObjectNode gone = existing(call, id);
				data.remove("webhooks", call.store().id, id);
				yield ok("Webhook deleted successfully", gone);
			}
			default -> throw new ErrorAnswer(405, "The " + method + " method is not supported for route webhooks/{id}.",
					null, null);
		};
	}

	private Response create(Call call) {
		String url = url(call, true);
		List<String> events = events(call, true);
		WorkspaceStore store = call.workspace();
		long n = created.incrementAndGet();
		Rng rng = Rng.of(seed, "webhook-created", store.id, n);
		ObjectNode webhook = Json.object();
		webhook.put("id", rng.alnum(12));
		webhook.put("url", url);
		ArrayNode names = webhook.putArray("events");
		events.forEach(names::add);
		webhook.put("token", Signature.newSecret(rng.generator()));
		data.add("webhooks", store.id, webhook);
		return Response.json(201, Envelope.success(Payload.of("Webhook created successfully", webhook)));
	}

	private Response update(Call call, String id) {
		String url = url(call, true);
		List<String> events = events(call, false);
		existing(call, id);
		data.update("webhooks", call.store().id, id, webhook -> {
			webhook.put("url", url);
			if (!events.isEmpty()) {
				ArrayNode names = webhook.putArray("events");
				events.forEach(names::add);
			}
		});
		return ok("Webhook updated successfully", data.get("webhooks", call.store().id, id));
	}

	private ObjectNode existing(Call call, String id) {
		WorkspaceStore store = call.workspace();
		ObjectNode webhook = data.get("webhooks", store.id, id);
		if (webhook == null) {
			throw ErrorAnswer.notFound();
		}
		return webhook;
	}

	private static Response ok(String message, JsonNode webhook) {
		return Response.json(200, Envelope.success(Payload.of(message, webhook)));
	}

	private static String url(Call call, boolean required) {
		String url = call.string("url");
		if (url == null && required) {
			call.error("url", "The url field is required.");
		}
		else if (url != null && !url.matches("https?://\\S+")) {
			call.error("url", "The url must be a valid URL.");
		}
		return url;
	}

	private static List<String> events(Call call, boolean required) {
		List<String> events = call.strings("events");
		if (events.isEmpty() && required) {
			call.error("events", "The events field is required.");
		}
		for (String event : events) {
			if (!EVENTS.contains(event)) {
				call.error("events", "The selected event " + event + " is invalid.");
			}
		}
		return events;
	}

	/** The body's fields (JSON or form), with the query's as a fallback: the shape {@link Call} reads. */
	private static Map<String, List<String>> fields(Map<String, List<String>> query, byte[] body) {
		Map<String, List<String>> fields = new LinkedHashMap<>(query);
		String text = new String(body, StandardCharsets.UTF_8).strip();
		if (text.startsWith("{")) {
			try {
				Json.MAPPER.readTree(text).properties().forEach(field -> {
					List<String> values = new ArrayList<>();
					if (field.getValue().isArray()) {
						field.getValue().forEach(v -> values.add(v.asString()));
					}
					else {
						values.add(field.getValue().asString());
					}
					fields.put(field.getKey(), values);
				});
			}
			catch (JacksonException ex) {
				throw new ErrorAnswer(400, "The request body is not valid JSON.", null, null);
			}
		}
		else if (!text.isEmpty()) {
			fields.putAll(Routes.parseQuery(text));
		}
		return fields;
	}

}
