package com.webworksync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON building and the API's several date/time formats, in one place: ISO 8601 with an offset or Z, sometimes with microseconds, and `activated_at` as YYYY-MM-DD HH:MM:SS in UTC. */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** Laravel model timestamps: "2025-02-19T19:24:55.000000Z". */
	private static final DateTimeFormatter LARAVEL = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/** Plain ISO instants as in the time-entry examples: "2026-01-29T09:00:00Z". */
	private static final DateTimeFormatter ISO_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/** Workspace activated_at: "2025-02-19 19:24:55" in UTC. */
	private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/** Expense display dates: "Jan 15, 2024". */
	static final DateTimeFormatter DISPLAY_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);

	/** Timeline times in the owner's offset; "xxx" keeps "+00:00" instead of "Z" for UTC owners. */
	private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx",
			Locale.ROOT);

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

	private Json() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	static ArrayNode array() {
		return MAPPER.createArrayNode();
	}

	static byte[] bytes(JsonNode node) {
		return MAPPER.writeValueAsBytes(node);
	}

	static String laravel(Instant at) {
		return LARAVEL.format(at.truncatedTo(ChronoUnit.SECONDS));
	}

	/** The envelope's meta.timestamp keeps real microseconds. */
	static String metaTimestamp(Instant at) {
		return LARAVEL.format(at.truncatedTo(ChronoUnit.MICROS));
	}

	static String isoZ(Instant at) {
		return ISO_Z.format(at);
	}

	static String sqlUtc(Instant at) {
		return SQL.format(at);
	}

	static String display(LocalDate date) {
		return DISPLAY_DATE.format(date);
	}

	static LocalDate parseDisplay(String text) {
		return LocalDate.parse(text, DISPLAY_DATE);
	}

	static String withOffset(Instant at, ZoneId zone) {
		return OFFSET.format(at.atZone(zone));
	}

	static String hhmm(Instant at, ZoneId zone) {
		return HH_MM.format(at.atZone(zone));
	}

	static Instant instant(JsonNode node, String field) {
		String text = text(node, field);
		return text == null ? null : Instant.parse(text);
	}

	static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}

	static Long longOrNull(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		return value.isNumber() ? value.longValue() : Long.valueOf(value.asString());
	}

	static long longValue(JsonNode node, String field, long fallback) {
		Long value = longOrNull(node, field);
		return value == null ? fallback : value;
	}

	static double round2(double value) {
		return Math.round(value * 100.0) / 100.0;
	}

}
