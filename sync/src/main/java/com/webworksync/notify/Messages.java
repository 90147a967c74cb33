package com.webworksync.notify;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.webworksync.signing.Signature;

/**
 * What a receiver gets for an event: Standard Webhooks (the body, signed: {@code webhook-id}, {@code webhook-timestamp}
 * and {@code webhook-signature}), the same body unsigned ({@code json:}), or a Slack incoming-webhook message
 * ({@code slack:}, {@code {"text": …}}).
 */
final class Messages {

	/** Headers and body of one request. */
	record Request(Map<String, String> headers, String body) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Messages() {
	}

	/**
	 * @param body the event's Standard Webhooks body, as the outbox keeps it
	 * @param key the HMAC key (NOTIFY_SECRET); only Standard Webhooks receivers use it
	 * @param nowSeconds the attempt's time, the {@code webhook-timestamp}
	 */
	static Request render(Receiver.Kind kind, String eventId, String body, byte[] key, long nowSeconds) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("webhook-id", eventId);
		return switch (kind) {
			case STANDARD -> {
				headers.put("webhook-timestamp", Long.toString(nowSeconds));
				headers.put("webhook-signature", Signature.sign(key, eventId, nowSeconds, body));
				yield new Request(headers, body);
			}
			case JSON -> new Request(headers, body);
			case SLACK -> new Request(Map.of(), JSON.writeValueAsString(Map.of("text", slackText(body))));
		};
	}

	/** One line for a person: "webwork-sync run.failed: run 42 failed (…)". */
	static String slackText(String body) {
		JsonNode event = JSON.readTree(body);
		String summary = event.path("data").path("summary").asString("");
		return "webwork-sync " + event.path("type").asString("") + (summary.isEmpty() ? "" : ": " + summary);
	}
}
