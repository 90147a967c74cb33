package com.webworksync.privacy;

import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces values at a path in a JSON tree: {@code a.b} nested objects, {@code list[].field} that field of every
 * element of {@code list}. A path that is not there changes nothing (the API left the field out).
 */
final class JsonPaths {

	private JsonPaths() {
	}

	/** Each value at {@code path} becomes {@code change(value)}: a text, or JSON null for null. */
	static void replace(JsonNode node, String path, Function<JsonNode, String> change) {
		replace(node, path.split("\\."), 0, change);
	}

	private static void replace(JsonNode node, String[] segments, int at, Function<JsonNode, String> change) {
		String segment = segments[at];
		boolean array = segment.endsWith("[]");
		String name = array ? segment.substring(0, segment.length() - 2) : segment;
		if (!(node instanceof ObjectNode object) || !object.has(name)) {
			return;
		}
		JsonNode value = object.get(name);
		boolean last = at == segments.length - 1;
		if (array) {
			if (!last) {
				for (JsonNode element : value) {
					replace(element, segments, at + 1, change);
				}
			}
		}
		else if (last) {
			String replaced = change.apply(value);
			if (replaced == null) {
				object.putNull(name);
			}
			else {
				object.put(name, replaced);
			}
		}
		else {
			replace(value, segments, at + 1, change);
		}
	}
}
