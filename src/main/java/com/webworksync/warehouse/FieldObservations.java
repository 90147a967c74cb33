package com.webworksync.warehouse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jooq.Field;
import org.jooq.Table;

import tools.jackson.databind.JsonNode;

/**
 * What one page showed about one table's fields, collected in memory while its rows are
 * converted: the field names the rows had, the JSON types of the typed columns' values, and the
 * values no typed column could take. {@link SchemaDrift} turns it into findings once per page.
 */
final class FieldObservations {

	final Table<?> table;
	int rows;
	/** Every field name the rows had (their mapped columns). */
	final Set<String> fields = new HashSet<>();
	/** Typed column -> a JSON type it does not accept, as seen on this page. */
	final Map<String, String> retyped = new LinkedHashMap<>();
	/** Typed column -> how many values of this page became NULL because they did not convert. */
	final Map<String, Integer> nulled = new LinkedHashMap<>();
	private final Map<String, Class<?>> types = new HashMap<>();

	FieldObservations(Table<?> table) {
		this.table = table;
		for (Field<?> field : table.fields()) {
			types.put(field.getName(), field.getType());
		}
	}

	void row(JsonNode columns) {
		rows++;
		for (String name : columns.propertyNames()) {
			fields.add(name);
		}
	}

	/** A typed column's value: notes its JSON type when the column's type does not accept it. */
	void value(String column, JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return;
		}
		String type = jsonType(node);
		if (!accepts(types.get(column), type)) {
			retyped.putIfAbsent(column, type);
		}
	}

	void nulled(String column, JsonNode node) {
		retyped.putIfAbsent(column, jsonType(node));
		nulled.merge(column, 1, Integer::sum);
	}

	/**
	 * The JSON types the API uses for a column of this Java type (calibrated on the contract,
	 * see ApiValues): numbers for whole numbers, numbers, currency maps or decimal
	 * strings for amounts, booleans or yes/no for flags, strings for text, dates and instants.
	 * Text columns also take numbers and arrays (ids and lists as text). A value of an accepted
	 * type that still does not convert (a flag "maybe") is a finding too, through
	 * {@link #nulled}.
	 */
	static boolean accepts(Class<?> type, String json) {
		if (type == null || type == org.jooq.JSONB.class) {
			return true;
		}
		if (type == Long.class || type == Integer.class) {
			return json.equals("number");
		}
		if (type == java.math.BigDecimal.class) {
			return json.equals("number") || json.equals("object") || json.equals("string"); // {"USD": 1}, "12.50"
		}
		if (type == Boolean.class) {
			return json.equals("boolean") || json.equals("string"); // "yes"/"no"; other strings do not convert
		}
		if (type == String.class) {
			return json.equals("string") || json.equals("number") || json.equals("array");
		}
		return json.equals("string"); // dates and instants
	}

	static String jsonType(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return "null";
		}
		if (node.isNumber()) {
			return "number";
		}
		if (node.isBoolean()) {
			return "boolean";
		}
		if (node.isArray()) {
			return "array";
		}
		if (node.isObject()) {
			return "object";
		}
		return "string";
	}
}
