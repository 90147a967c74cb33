package com.webworksync.sandbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API's schema changing under the job: a field added to, dropped from or retyped in every
 * item of a resource as served (the stored data stays as it is, so a change can be undone).
 */
public final class SchemaChanges {

	private final Map<String, List<UnaryOperator<ObjectNode>>> byResource = new ConcurrentHashMap<>();

	/** Every item of {@code resource} gets {@code field} = {@code value}. */
	public SchemaChanges add(String resource, String field, JsonNode value) {
		return change(resource, item -> {
			item.set(field, value);
			return item;
		});
	}

	/** {@code field} no longer arrives in items of {@code resource}. */
	public SchemaChanges drop(String resource, String field) {
		return change(resource, item -> {
			item.remove(field);
			return item;
		});
	}

	/** {@code field} arrives as a string (number 40 becomes "40 h" with {@code suffix} " h"). */
	public SchemaChanges retypeAsString(String resource, String field, String suffix) {
		return change(resource, item -> {
			JsonNode value = item.get(field);
			if (value != null && !value.isNull()) {
				item.set(field, JsonNodeFactory.instance.stringNode(value.asString() + suffix));
			}
			return item;
		});
	}

	public void clear() {
		byResource.clear();
	}

	private SchemaChanges change(String resource, UnaryOperator<ObjectNode> change) {
		byResource.computeIfAbsent(resource, r -> new CopyOnWriteArrayList<>()).add(change);
		return this;
	}

	ObjectNode apply(String resource, ObjectNode item) {
		ObjectNode out = item;
		for (UnaryOperator<ObjectNode> change : byResource.getOrDefault(resource, List.of())) {
			out = change.apply(out);
		}
		return out;
	}
}
