package com.webworksync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The days a hint names, in the owner's zone: each day a tracked interval ran on, the last seven at most. */
@Tag("plain")
class HintTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
	private static final Instant SIGNED = Instant.parse("2027-01-01T05:30:00Z");

	private static Hint stopped(String startedAt, String stoppedAt) throws Hint.Malformed {
		String body = "{\"type\":\"tracker.stopped\",\"timestamp\":\"2027-01-01T05:30:00Z\",\"data\":{\"user_id\":7,"
				+ "\"started_at\":" + quoted(startedAt) + ",\"stopped_at\":" + quoted(stoppedAt) + "}}";
		return Hint.parse(body.getBytes(StandardCharsets.UTF_8), 1, SIGNED);
	}

	private static String quoted(String instant) {
		return instant == null ? "null" : "\"" + instant + "\"";
	}

	@Test
	void aTrackerStoppedAfterTheOwnersMidnightNamesBothDays() throws Exception {
		// 23:40 on New Year's Eve to 00:20 in New York: the year turns in UTC long before
		assertThat(stopped("2027-01-01T04:40:00Z", "2027-01-01T05:20:00Z").days(NEW_YORK))
			.containsExactly(LocalDate.parse("2026-12-31"), LocalDate.parse("2027-01-01"));
	}

	@Test
	void aTrackerWithinOneDayNamesThatDayAlone() throws Exception {
		assertThat(stopped("2027-01-01T03:00:00Z", "2027-01-01T04:59:00Z").days(NEW_YORK))
			.containsExactly(LocalDate.parse("2026-12-31"));
		assertThat(stopped("2027-01-01T03:00:00Z", "2027-01-01T05:00:00Z").days(NEW_YORK))
			.as("stopped at midnight: no time on the day it stops").containsExactly(LocalDate.parse("2026-12-31"));
	}

	@Test
	void aTrackerLeftRunningForWeeksNamesItsLastSevenDays() throws Exception {
		assertThat(stopped("2026-12-01T14:00:00Z", "2027-01-01T15:00:00Z").days(NEW_YORK))
			.hasSize(Hint.MAX_DAYS)
			.endsWith(LocalDate.parse("2027-01-01"))
			.startsWith(LocalDate.parse("2026-12-26"));
	}

	@Test
	void withoutTheIntervalTheDayOfItsOneInstant() throws Exception {
		assertThat(stopped(null, "2027-01-01T05:20:00Z").days(NEW_YORK)).containsExactly(LocalDate.parse("2027-01-01"));
		assertThat(stopped(null, null).days(NEW_YORK)).as("the event's timestamp").containsExactly(LocalDate.parse("2027-01-01"));
		assertThat(stopped("2027-01-01T05:20:00Z", "2027-01-01T05:00:00Z").days(NEW_YORK))
			.as("a stop before the start names the start's day").containsExactly(LocalDate.parse("2027-01-01"));
	}
}
