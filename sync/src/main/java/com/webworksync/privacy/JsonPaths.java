package com.webworksync.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces values at a path in a JSON tree: {@code a.b} nested objects, {@code list[].field} that field of every
 * element of {@code list}. A path that is not there changes nothing (the API left the field out). The node given is
 * never changed: what changes is a copy.
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

	/**
	 * The node with the values at {@code path} changed, copy on write: the node itself when nothing changes, else a copy
	 * of the objects and arrays on the way to each changed value (shallow: what is not on the way is shared), so the
	 * node given is left as it was and a row is not copied whole for one value.
	 */
	static JsonNode replaced(JsonNode node, String path, Change change) {
		return replaced(node, SEGMENTS.computeIfAbsent(path, p -> p.split("\\.")), 0, change);
	}

	private static final Map<String, String[]> SEGMENTS = new ConcurrentHashMap<>();

	private static JsonNode replaced(JsonNode node, String[] segments, int at, Change change) {
		String segment = segments[at];
		boolean array = segment.endsWith("[]");
		String name = array ? segment.substring(0, segment.length() - 2) : segment;
		if (!(node instanceof ObjectNode object) || !object.has(name)) {
			return node;
		}
		JsonNode value = object.get(name);
		boolean last = at == segments.length - 1;
		JsonNode replaced;
		if (array) {
			replaced = last || !(value instanceof ArrayNode elements) ? value : replacedElements(elements, segments, at + 1, change);
		}
		else {
			replaced = last ? change.apply(object, value) : replaced(value, segments, at + 1, change);
		}
		if (replaced == value) {
			return node;
		}
		ObjectNode copy = JsonNodeFactory.instance.objectNode().setAll(object);
		copy.set(name, replaced);
		return copy;
	}

	private static JsonNode replacedElements(ArrayNode elements, String[] segments, int at, Change change) {
		List<JsonNode> out = null;
		for (int i = 0; i < elements.size(); i++) {
			JsonNode element = elements.get(i);
			JsonNode replaced = replaced(element, segments, at, change);
			if (replaced != element && out == null) {
				out = new ArrayList<>(elements.size());
				for (int j = 0; j < i; j++) {
					out.add(elements.get(j));
				}
			}
			if (out != null) {
				out.add(replaced);
			}
		}
		return out == null ? elements : JsonNodeFactory.instance.arrayNode(out.size()).addAll(out);
	}
}
