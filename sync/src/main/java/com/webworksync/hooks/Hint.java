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
 * @param until the tracked interval's stop, when its start is known too; else null
 */
record Hint(String kind, Long memberId, Long projectId, Long taskId, Instant at, Instant until) {

	/** The most days one hint names, the last ones: a tracker left running for weeks is the hourly run's to read. */
	static final int MAX_DAYS = 7;

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
		Instant started = instant(data, "started_at");
		Instant stopped = instant(data, "stopped_at");
		Instant at = started != null ? started : stopped;
		at = at != null ? at : instant(event, "timestamp");
		return new Hint(kind, id(data, "user_id"), id(data, "project_id"), id(data, "task_id"),
				at != null ? at : signedAt, started != null ? stopped : null);
	}

	/**
	 * The workspace's calendar days of the change (the owner's zone, as every {@code date} of the API): each day the
	 * tracked interval ran on, since its entries are split at midnight (the last {@link #MAX_DAYS}); else the day of
	 * its one instant.
	 */
	List<LocalDate> days(ZoneId ownerZone) {
		LocalDate first = at.atZone(ownerZone).toLocalDate();
		if (until == null || !until.isAfter(at)) {
			return List.of(first);
		}
		// an interval that stops at midnight has no time on the day it stops
		LocalDate last = until.minusNanos(1).atZone(ownerZone).toLocalDate();
		if (last.isAfter(first.plusDays(MAX_DAYS - 1L))) {
			first = last.minusDays(MAX_DAYS - 1L);
		}
		return first.datesUntil(last.plusDays(1)).toList();
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
