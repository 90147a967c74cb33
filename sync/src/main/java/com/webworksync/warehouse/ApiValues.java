package com.webworksync.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.StringJoiner;

import org.jooq.JSONB;

import tools.jackson.databind.JsonNode;

/**
 * Every format the API uses for a value, read in one place (timestamps, dates, vocabularies, absent amounts): ISO
 * instants with Z, an offset or microseconds; {@code YYYY-MM-DD HH:MM:SS} in UTC; display dates
 * such as {@code Jan 15, 2024}; "yes"/"no" booleans; amounts keyed by currency. A missing or
 * null field is NULL, never 0. A value of the wrong type fails loudly instead of landing wrong.
 */
public final class ApiValues {

	private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
	private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

	private ApiValues() {
	}

	/**
	 * Converts {@code node} to {@code type}; null for a missing or null field. A value of a kind the column does not
	 * take ({@link JsonKind}), or one that does not parse, is an {@link UnexpectedValueException}.
	 */
	public static Object convert(JsonNode node, Class<?> type, String column) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (!JsonKind.of(node).takenBy(type)) {
			throw new UnexpectedValueException(column, node, type);
		}
		try {
			if (type == String.class) {
				return text(node);
			}
			if (type == Long.class) {
				return node.isNumber() ? Long.valueOf(node.longValue()) : Long.valueOf(node.asString().trim());
			}
			if (type == Integer.class) {
				return node.isNumber() ? Integer.valueOf(node.intValue()) : Integer.valueOf(node.asString().trim());
			}
			if (type == BigDecimal.class) {
				return decimal(node);
			}
			if (type == Boolean.class) {
				return bool(node);
			}
			if (type == LocalDate.class) {
				return date(node.asString());
			}
			if (type == OffsetDateTime.class) {
				return instant(node.asString());
			}
			if (type == JSONB.class) {
				return JSONB.valueOf(node.toString());
			}
		}
		catch (RuntimeException ex) {
			throw new UnexpectedValueException(column, node, type);
		}
		throw new IllegalStateException("no conversion to " + type.getSimpleName() + " for column " + column);
	}

	static String text(JsonNode node) {
		if (node.isArray()) {
			StringJoiner joined = new StringJoiner(",");
			node.forEach(element -> joined.add(element.isValueNode() ? element.asString() : element.toString()));
			return joined.toString();
		}
		return node.isValueNode() ? node.asString() : node.toString();
	}

	static BigDecimal decimal(JsonNode node) {
		if (node.isNumber()) {
			return node.decimalValue();
		}
		if (node.isObject()) {
			// amounts keyed by currency ({"USD": 120.5}): the single value; several currencies stay in raw
			if (node.size() == 1) {
				return decimal(node.values().iterator().next());
			}
			return null;
		}
		String text = node.asString().trim();
		return text.isEmpty() ? null : new BigDecimal(text);
	}

	static Boolean bool(JsonNode node) {
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isNumber()) {
			return node.intValue() != 0;
		}
		return switch (node.asString().trim().toLowerCase(Locale.ROOT)) {
			case "yes", "true", "1" -> true;
			case "no", "false", "0" -> false;
			default -> throw new IllegalArgumentException("not a boolean");
		};
	}

	public static LocalDate date(String text) {
		String value = text.trim();
		if (value.isEmpty()) {
			return null;
		}
		if (Character.isDigit(value.charAt(0))) {
			return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
		}
		return LocalDate.parse(value, DISPLAY);
	}

	public static OffsetDateTime instant(String text) {
		String value = text.trim();
		if (value.isEmpty()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException notIso) {
			if (value.length() == 10) {
				return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
			}
			// activated_at: YYYY-MM-DD HH:MM:SS, in UTC (the one field in that format)
			return LocalDateTime.parse(value.replace('T', ' '), SPACED).atOffset(ZoneOffset.UTC);
		}
	}

	/** A field whose value has a type the contract does not allow. */
	public static final class UnexpectedValueException extends RuntimeException {
		public UnexpectedValueException(String column, JsonNode value, Class<?> type) {
			super("field '" + column + "' has an unexpected value " + abbreviate(value.toString()) + " (expected "
					+ type.getSimpleName() + ")");
		}

		private UnexpectedValueException(String message, UnexpectedValueException cause) {
			super(message, cause);
		}

		/** The same problem, with where the value came from (the endpoint and page) in front. */
		public UnexpectedValueException in(String where) {
			return new UnexpectedValueException(where + ": " + getMessage(), this);
		}

		private static String abbreviate(String text) {
			return text.length() > 60 ? text.substring(0, 60) + "…" : text;
		}
	}
}
