package com.webworksync.warehouse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

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

	/** Fields the table has no column for on purpose: not drift. */
	final Set<String> untyped;

	FieldObservations(Table<?> table, Set<String> untyped) {
		this.table = table;
		this.untyped = untyped;
		for (Field<?> field : table.fields()) {
			types.put(field.getName(), field.getType());
		}
	}

	/** Observations of one column of a type, for tests of the JSON kinds on plain values. */
	static FieldObservations ofColumn(String column, Class<?> type) {
		FieldObservations observations = new FieldObservations(DSL.table(column + "_table"), Set.of());
		observations.types.put(column, type);
		return observations;
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
		Class<?> type = types.get(column);
		JsonKind kind = JsonKind.of(node);
		if (type != null && !kind.takenBy(type)) {
			retyped.putIfAbsent(column, kind.label());
		}
	}

	void nulled(String column, JsonNode node) {
		retyped.putIfAbsent(column, jsonType(node));
		nulled.merge(column, 1, Integer::sum);
	}

	static String jsonType(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return "null";
		}
		return JsonKind.of(node).label();
	}
}
