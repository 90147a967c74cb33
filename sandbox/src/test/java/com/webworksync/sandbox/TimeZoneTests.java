package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Owner-calendar days at the edges of the clock: UTC-10 and UTC+13 owners with members around the world. */
class TimeZoneTests {

	@ParameterizedTest
	@CsvSource({ "Pacific/Honolulu, -10:00", "Pacific/Tongatapu, +13:00" })
	void everyEntryDateIsItsStartDayInTheOwnersZone(String zoneId, String offset) throws Exception {
		ZoneId zone = ZoneId.of(zoneId);
		SandboxOptions options = PinnedSandbox.OPTIONS.withOwnerTimeZones(List.of(zoneId)).withMembers(20);
		try (Sandbox sandbox = Sandbox.start(options)) {
			long ws = sandbox.data().workspaceIds().get(0);
			assertThat(sandbox.data().ownerZone(ws)).isEqualTo(zone);
			assertThat(sandbox.data().list("members", ws).get(0).get("timezone").asString()).isEqualTo(zoneId);
			List<ObjectNode> entries = sandbox.data().list("time_entries", ws);
			assertThat(entries).hasSizeGreaterThan(1000);
			int startsAtMidnight = 0;
			for (ObjectNode e : entries) {
				LocalDate date = LocalDate.parse(e.get("date").asString());
				Instant start = Instant.parse(e.get("start_time").asString());
				Instant end = Instant.parse(e.get("end_time").asString());
				assertThat(start.atZone(zone).toLocalDate()).as(e.toString()).isEqualTo(date);
				// never across the owner's midnight
				assertThat(end).isBeforeOrEqualTo(date.plusDays(1).atStartOfDay(zone).toInstant());
				assertThat(e.get("start_time").asString()).endsWith("Z");
				if (start.atZone(zone).toLocalTime().equals(LocalTime.MIDNIGHT)) {
					startsAtMidnight++;
				}
			}
			assertThat(startsAtMidnight).as("entries split at the owner's midnight").isPositive();

			JsonNode timeline = new Api(sandbox)
				.ok("/reports/daily-timeline?workspace_id=" + ws + "&date=2026-01-27&per_page=100")
				.data();
			assertThat(timeline).isNotEmpty();
			timeline.forEach(row -> row.get("entries").forEach(entry -> {
				assertThat(entry.get("start_time").asString()).startsWith("2026-01-27T").endsWith(offset);
				assertThat(entry.get("end_time").asString()).endsWith(offset);
			}));
		}
	}

}
