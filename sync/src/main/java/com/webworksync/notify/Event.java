package com.webworksync.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * One event for the receivers. Its id is the idempotency key (the {@code webhook-id} header): made once, when the run
 * reports the event, and the same for every receiver and every attempt.
 *
 * @param subject what the event is about (a run, a stream, a credential): the outbox remembers it, so a lasting
 *        condition is told once
 * @param data the event's {@code data}; {@code summary} is one line a person reads (the Slack message)
 */
public record Event(String id, String type, String subject, Long runId, Instant at, Map<String, Object> data) {

	public static final String RUN_FAILED = "run.failed";
	public static final String RUN_RECOVERED = "run.recovered";
	public static final String RUN_PARTIAL = "run.partial";
	public static final String RUN_SLOW = "run.slow";
	public static final String STREAM_STALE = "stream.stale";
	public static final String CREDENTIAL_EXPIRING = "credential.expiring";
	public static final String RECONCILIATION_MISMATCH = "reconciliation.mismatch";
	public static final String SCHEMA_DRIFT = "schema.drift";

	public static Event of(String type, String subject, Long runId, Instant at, String summary, Map<String, Object> data) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("summary", summary.replaceAll("\\s*[\\r\\n]+\\s*", " "));
		all.putAll(data);
		return new Event("msg_" + UUID.randomUUID().toString().replace("-", ""), type, subject, runId, at, all);
	}

	/** The Standard Webhooks body: {@code {"type": …, "timestamp": …, "data": {…}}}. */
	public String body(JsonMapper json) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("timestamp", at.toString());
		body.put("data", data);
		return json.writeValueAsString(body);
	}
}
