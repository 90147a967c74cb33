package com.webworksync.sandbox;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/** The response envelopes (success: data and meta; errors: message and errors), with the 422 variant Laravel sends. */
final class Envelope {

	static final String API_VERSION = "2.0.0";

	private Envelope() {
	}

	static ObjectNode success(Payload payload) {
		ObjectNode body = Json.object();
		body.put("success", true);
		body.put("message", payload.message());
		body.set("data", payload.data());
		ObjectNode meta = meta(body);
		if (payload.pagination() != null) {
			(payload.topLevel() ? body : meta).set("pagination", payload.pagination());
		}
		return body;
	}

	static ObjectNode error(ErrorAnswer e) {
		ObjectNode body = Json.object();
		body.put("success", false);
		body.put("message", e.getMessage());
		if (e.errors != null) {
			ObjectNode errors = body.putObject("errors");
			for (Map.Entry<String, List<String>> field : e.errors.entrySet()) {
				field.getValue().forEach(errors.putArray(field.getKey())::add);
			}
		}
		else {
			body.put("error", e.error);
		}
		meta(body);
		return body;
	}

	private static ObjectNode meta(ObjectNode body) {
		return body.putObject("meta").put("api_version", API_VERSION); // Routes stamps the timestamp
	}

}
