package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every value format of the API (timestamps, dates, vocabularies, absent amounts) is read in one place. */
@Tag("plain")
class ApiValuesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private Object convert(String jsonValue, Class<?> type) {
		JsonNode node = json.readTree("{\"v\":" + jsonValue + "}").get("v");
		return ApiValues.convert(node, type, "v");
	}

	@Test
	void instantsInEveryFormatTheApiSends() {
		assertThat(convert("\"2025-02-19T19:24:55.000000Z\"", OffsetDateTime.class))
			.isEqualTo(OffsetDateTime.parse("2025-02-19T19:24:55Z"));
		assertThat(convert("\"2026-01-29T09:00:00-10:00\"", OffsetDateTime.class))
			.isEqualTo(OffsetDateTime.parse("2026-01-29T19:00:00Z").withOffsetSameInstant(java.time.ZoneOffset.ofHours(-10)));
		assertThat(convert("\"2025-02-19 19:24:55\"", OffsetDateTime.class)).as("activated_at is UTC")
			.isEqualTo(OffsetDateTime.parse("2025-02-19T19:24:55Z"));
	}

	@Test
	void datesIsoAndDisplay() {
		assertThat(convert("\"2024-01-15\"", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 15));
		assertThat(convert("\"Jan 15, 2024\"", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 15));
		assertThat(convert("\"Dec 3, 2025\"", LocalDate.class)).isEqualTo(LocalDate.of(2025, 12, 3));
	}

	@Test
	void missingAndNullAreNullNeverZero() {
		assertThat(ApiValues.convert(json.readTree("{}").path("rate"), BigDecimal.class, "rate")).isNull();
		assertThat(convert("null", Integer.class)).isNull();
	}

	@Test
	void booleansNumbersAmountsAndLists() {
		assertThat(convert("\"yes\"", Boolean.class)).isEqualTo(true);
		assertThat(convert("\"no\"", Boolean.class)).isEqualTo(false);
		assertThat(convert("\"42\"", Long.class)).isEqualTo(42L);
		assertThat(convert("{\"USD\": 120.5}", BigDecimal.class)).isEqualTo(new BigDecimal("120.5"));
		assertThat(convert("[\"tracker.started\",\"tracker.stopped\"]", String.class)).isEqualTo("tracker.started,tracker.stopped");
	}

	@Test
	void aValueOfTheWrongTypeFailsNamingTheField() {
		assertThatThrownBy(() -> convert("\"abc\"", Integer.class)).isInstanceOf(ApiValues.UnexpectedValueException.class)
			.hasMessageContaining("'v'")
			.hasMessageContaining("abc");
	}
}
