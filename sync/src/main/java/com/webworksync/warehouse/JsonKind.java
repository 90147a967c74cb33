package com.webworksync.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jooq.JSONB;

import tools.jackson.databind.JsonNode;

/**
 * The kinds of JSON value, and the one table of which kinds a column of each type takes. Conversion ({@link ApiValues})
 * and schema drift ({@link FieldObservations}) both read it: a value of a kind its column takes is converted (and is a
 * finding only if it still does not parse, a flag "maybe"); a value of any other kind is a retyped field.
 */
enum JsonKind {

	NUMBER, STRING, BOOLEAN, ARRAY, OBJECT;

	/**
	 * Column type to the kinds the API uses for it: numbers for whole numbers, also written as text; numbers, currency
	 * maps ({"USD": 1}) or decimal text for amounts; booleans, yes/no or 0/1 for flags; text for text, also ids and
	 * lists written into it; text for dates and instants; anything for JSON.
	 */
	private static final Map<Class<?>, Set<JsonKind>> TAKEN = Map.of(
			Long.class, EnumSet.of(NUMBER, STRING),
			Integer.class, EnumSet.of(NUMBER, STRING),
			BigDecimal.class, EnumSet.of(NUMBER, OBJECT, STRING),
			Boolean.class, EnumSet.of(BOOLEAN, STRING, NUMBER),
			String.class, EnumSet.of(STRING, NUMBER, ARRAY),
			LocalDate.class, EnumSet.of(STRING),
			OffsetDateTime.class, EnumSet.of(STRING),
			JSONB.class, EnumSet.allOf(JsonKind.class));

	/** The column types the table knows: every typed column of the warehouse is one of them. */
	static Set<Class<?>> columnTypes() {
		return TAKEN.keySet();
	}

	/** Whether a column of {@code type} takes a value of this kind. */
	boolean takenBy(Class<?> type) {
		Set<JsonKind> kinds = TAKEN.get(type);
		if (kinds == null) {
			throw new IllegalStateException("no JSON kinds declared for columns of type " + type.getSimpleName());
		}
		return kinds.contains(this);
	}

	/** The kind of a present, non-null value. */
	static JsonKind of(JsonNode node) {
		if (node.isNumber()) {
			return NUMBER;
		}
		if (node.isBoolean()) {
			return BOOLEAN;
		}
		if (node.isArray()) {
			return ARRAY;
		}
		if (node.isObject()) {
			return OBJECT;
		}
		return STRING;
	}

	/** As sync.schema_drift.json_type writes it. */
	String label() {
		return name().toLowerCase(Locale.ROOT);
	}
}
