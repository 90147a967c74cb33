package com.webworksync.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API's JSON envelope ({@code success}, {@code message}, {@code data}, {@code errors}) read from raw bytes. */
final class Envelope {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Envelope() {
	}

	/** The body as a JSON object, or null when it is not one (HTML, truncated, empty). */
	static JsonNode object(byte[] body) {
		try {
			JsonNode node = JSON.readTree(body);
			return node != null && node.isObject() ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** Every answer of the WebWork API, errors included, is a JSON object with its envelope. */
	static boolean looksLikeTheApi(byte[] body) {
		JsonNode node = object(body);
		return node != null && (node.has("success") || node.has("message"));
	}

	/** A 400/422's message and field errors, or the start of a body that is not the envelope. */
	static String errorDetail(byte[] body) {
		JsonNode node = object(body);
		if (node == null) {
			return new String(body, 0, Math.min(body.length, 200));
		}
		String message = node.path("message").asString("");
		JsonNode errors = node.path("errors");
		return errors.isObject() ? message + " " + errors : message;
	}
}
