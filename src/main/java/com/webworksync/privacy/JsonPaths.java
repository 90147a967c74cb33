package com.webworksync.privacy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces values at a path in a JSON tree: {@code a.b} nested objects, {@code list[].field} that field of every
 * element of {@code list}. A path that is not there changes nothing (the API left the field out).
 */
final class JsonPaths {

	private JsonPaths() {
	}

	/** What a value becomes, given the object that holds it (an array's element for {@code list[].field}). */
	@FunctionalInterface
	interface Change {
		/** The value itself to leave it, else its replacement. */
		JsonNode apply(JsonNode owner, JsonNode value);
	}

	static JsonNode text(String text) {
		return text == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.stringNode(text);
	}

	/** True when the path goes through an array: its values belong to the array's elements. */
	static boolean inArray(String path) {
		return path.contains("[]");
	}

	static void replace(JsonNode node, String path, Change change) {
		replace(node, path.split("\\."), 0, change);
	}

	private static void replace(JsonNode node, String[] segments, int at, Change change) {
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
			JsonNode replaced = change.apply(object, value);
			if (replaced != value) {
				object.set(name, replaced);
			}
		}
		else {
			replace(value, segments, at + 1, change);
		}
	}
}
