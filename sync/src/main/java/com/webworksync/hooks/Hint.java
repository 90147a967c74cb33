package com.webworksync.hooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a verified delivery names: the event and the ids it is about, and the instant that places it on a day. Only
 * these are taken from the payload, never its data: the hint run reads the API for that. The payload's shape is our
 * working assumption (docs/guide/webhooks.md): {@code {"type", "timestamp", "data": {"workspace_id", "user_id",
 * "project_id", "task_id", "started_at", "stopped_at"}}}.
 *
 * @param at the tracked interval's start, else its stop, else the event's time
 */
record Hint(String kind, Long memberId, Long projectId, Long taskId, Instant at) {

	static final List<String> KINDS = List.of("tracker.started", "tracker.stopped", "member.invited", "member.updated",
			"member.deleted", "member.activated", "member.archived", "project.created", "project.updated",
			"project.deleted", "task.updated");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A body that is not such an event, or names another workspace than the key that signed it. */
	static final class Malformed extends Exception {

		Malformed(String why) {
			super(why, null, false, false);
		}
	}

	static Hint parse(byte[] body, long workspaceId, Instant signedAt) throws Malformed {
		JsonNode event;
		try {
			event = JSON.readTree(new String(body, StandardCharsets.UTF_8));
		}
		catch (JacksonException ex) {
			throw new Malformed("not JSON");
		}
		if (event == null || !event.isObject() || !event.path("type").isString()) {
			throw new Malformed("no type");
		}
		String kind = event.get("type").asString();
		if (!KINDS.contains(kind)) {
			throw new Malformed("unknown event type");
		}
		JsonNode data = event.path("data");
		if (!data.isObject()) {
			throw new Malformed("no data");
		}
		if (data.has("workspace_id") && data.get("workspace_id").asLong(-1) != workspaceId) {
			throw new Malformed("signed for another workspace");
		}
		Instant at = instant(data, "started_at");
		at = at != null ? at : instant(data, "stopped_at");
		at = at != null ? at : instant(event, "timestamp");
		return new Hint(kind, id(data, "user_id"), id(data, "project_id"), id(data, "task_id"),
				at != null ? at : signedAt);
	}

	/** The workspace's calendar day of the change (the owner's zone, as every {@code date} of the API). */
	LocalDate day(ZoneId ownerZone) {
		return at.atZone(ownerZone).toLocalDate();
	}

	private static Long id(JsonNode data, String field) throws Malformed {
		JsonNode value = data.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() && !(value.isString() && value.asString().matches("\\d{1,18}"))) {
			throw new Malformed(field + " is not an id");
		}
		return value.asLong();
	}

	private static Instant instant(JsonNode node, String field) throws Malformed {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		try {
			return Instant.parse(value.asString());
		}
		catch (DateTimeParseException ex) {
			throw new Malformed(field + " is not an ISO 8601 instant");
		}
	}
}
