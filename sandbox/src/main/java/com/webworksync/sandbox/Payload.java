package com.webworksync.sandbox;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A successful answer before it is wrapped in the envelope.
 *
 * @param pagination null for no pagination block
 * @param topLevel true puts {@code pagination} next to {@code meta} (contracts) instead of inside it
 */
record Payload(String message, JsonNode data, ObjectNode pagination, boolean topLevel) {

	static Payload of(String message, JsonNode data) {
		return new Payload(message, data, null, false);
	}

}
