package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import com.webworksync.schema.webwork.Webwork;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Conversion and schema drift read one table of JSON kinds: every kind against every column type, on plain values. */
@Tag("plain")
class JsonKindTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A well-formed value of the kind for a column of the type, where the column takes that kind. */
	private static final Map<Class<?>, String> WELL_FORMED_TEXT = Map.of(Long.class, "\"42\"", Integer.class, "\"42\"",
			BigDecimal.class, "\"12.50\"", Boolean.class, "\"yes\"", String.class, "\"x\"", LocalDate.class,
			"\"2024-01-15\"", OffsetDateTime.class, "\"2025-02-19T19:24:55Z\"", JSONB.class, "\"x\"");

	private static JsonNode sample(JsonKind kind, Class<?> type) {
		String text = switch (kind) {
			case NUMBER -> "1";
			case STRING -> WELL_FORMED_TEXT.get(type);
			case BOOLEAN -> "true";
			case ARRAY -> "[\"a\", 2]";
			case OBJECT -> "{\"USD\": 1}";
		};
		return JSON.readTree("{\"v\":" + text + "}").get("v");
	}

	@Test
	void aValueConvertsExactlyWhenItsColumnTakesItsKindAndDriftAgrees() {
		assertThat(JsonKind.columnTypes()).containsAll(WELL_FORMED_TEXT.keySet()).hasSize(WELL_FORMED_TEXT.size());
		for (Class<?> type : JsonKind.columnTypes()) {
			for (JsonKind kind : JsonKind.values()) {
				JsonNode value = sample(kind, type);
				String pair = kind + " into " + type.getSimpleName();
				Throwable failure = catchThrowable(() -> ApiValues.convert(value, type, "v"));
				FieldObservations seen = observing(type);
				seen.value("v", value);
				if (kind.takenBy(type)) {
					assertThat(failure).as(pair + " converts").isNull();
					assertThat(seen.retyped).as(pair + " is no drift").isEmpty();
				}
				else {
					assertThat(failure).as(pair + " fails").isInstanceOf(ApiValues.UnexpectedValueException.class);
					assertThat(seen.retyped).as(pair + " is retyped drift").containsEntry("v", kind.label());
				}
			}
		}
	}

	@Test
	void aNumberWrittenAsTextLandsAndIsNoDrift() {
		JsonNode text = JSON.readTree("\"46\"");
		assertThat(ApiValues.convert(text, Long.class, "user_id")).isEqualTo(46L);
		FieldObservations seen = observing(Long.class);
		seen.value("v", text);
		assertThat(seen.retyped).isEmpty();
	}

	@Test
	void aTakenKindThatDoesNotParseStillFails() {
		assertThatThrownBy(() -> ApiValues.convert(JSON.readTree("\"maybe\""), Boolean.class, "billable"))
			.isInstanceOf(ApiValues.UnexpectedValueException.class);
	}

	@Test
	void everyTypedColumnOfTheWarehouseHasItsKindsDeclared() {
		int columns = 0;
		for (Table<?> table : Webwork.WEBWORK.getTables()) {
			for (Field<?> field : table.fields()) {
				assertThat(JsonKind.columnTypes()).as(table.getName() + "." + field.getName()).contains(field.getType());
				columns++;
			}
		}
		assertThat(columns).isGreaterThan(100);
	}

	private static FieldObservations observing(Class<?> type) {
		return FieldObservations.ofColumn("v", type);
	}
}
