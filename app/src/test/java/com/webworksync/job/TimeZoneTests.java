package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.webworksync.SyncHarness;
import com.webworksync.sandbox.SandboxOptions;

/**
 * Days are the workspace owner's calendar days (a report's `date`), at the far ends of the clock: an owner at
 * UTC−10 and one at UTC+13, in one run, at an instant when one is still on November 30 and the
 * other already on December 1.
 */
class TimeZoneTests {

	private static final int LOOKBACK = 4;
	/** Honolulu: 2026-11-30 13:30; Tongatapu: 2026-12-01 12:30. */
	private static final java.time.Instant AT = java.time.Instant.parse("2026-11-30T23:30:00Z");

	private static SyncHarness harness;
	private static final Map<String, Long> workspaceByZone = new HashMap<>();
	private static final Map<String, List<LocalDate>> todayAround = new HashMap<>();

	@BeforeAll
	static void syncBothWorkspaces() {
		List<String> zones = List.of("Pacific/Honolulu", "Pacific/Tongatapu");
		harness = SyncHarness.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withWorkspaces(2)
			.withOwnerTimeZones(zones)
			.withMembers(6)
			.withProjects(2)
			.withHistoryDays(10)
			.withClock(com.webworksync.config.Clocks.startingAt(AT))).with("sync.lookback-days", LOOKBACK)
			.with("sync.now", AT.toString());
		java.time.Clock clock = harness.sandbox().options().clock();
		for (long ws : harness.sandbox().data().workspaceIds()) {
			workspaceByZone.put(harness.sandbox().data().ownerZone(ws).getId(), ws);
		}
		assertThat(workspaceByZone.keySet()).containsExactlyInAnyOrderElementsOf(zones);
		zones.forEach(zone -> todayAround.put(zone, new java.util.ArrayList<>(List.of(LocalDate.now(clock.withZone(ZoneId.of(zone)))))));

		assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);

		zones.forEach(zone -> todayAround.get(zone).add(LocalDate.now(clock.withZone(ZoneId.of(zone)))));
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Pacific/Honolulu", "Pacific/Tongatapu" })
	void everyEntrysDateIsItsStartDayInTheOwnersZoneAsServed(String zone) {
		long ws = workspaceByZone.get(zone);
		Record check = harness.dsl()
			.fetchOne("select count(*), count(*) filter (where (start_time at time zone ?)::date <> date) "
					+ "from webwork.time_entries where workspace_id = ? and _deleted_at is null", zone, ws);
		LocalDate today = harness.sandbox().data().today(ws);
		long servedInWindow = harness.sandbox()
			.data()
			.list("time_entries", ws)
			.stream()
			.map(e -> LocalDate.parse(e.path("date").asString()))
			.filter(d -> !d.isBefore(today.minusDays(LOOKBACK - 1)) && !d.isAfter(today))
			.count();
		assertThat(servedInWindow).as("entries the sandbox serves in the window").isPositive();
		assertThat(check.get(0, Long.class)).as("entries").isEqualTo(servedInWindow);
		assertThat(check.get(1, Long.class)).as("entries whose date is not their start day in " + zone).isZero();

		Map<String, LocalDate> landed = new HashMap<>();
		for (Record r : harness.dsl().fetch("select id, date, start_time from webwork.time_entries where workspace_id = ?", ws)) {
			landed.put(r.get("id", String.class), r.get("date", LocalDate.class));
			assertThat(r.get("start_time", OffsetDateTime.class).atZoneSameInstant(ZoneId.of(zone)).toLocalDate())
				.isEqualTo(r.get("date", LocalDate.class));
		}
		Map<String, LocalDate> served = harness.sandbox()
			.data()
			.list("time_entries", ws)
			.stream()
			.filter(e -> landed.containsKey(e.path("id").asString()))
			.collect(Collectors.toMap(e -> e.path("id").asString(), e -> LocalDate.parse(e.path("date").asString())));
		assertThat(landed).isEqualTo(served);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Pacific/Honolulu", "Pacific/Tongatapu" })
	void thePartitionForTodayIsTheOwnersToday(String zone) {
		long ws = workspaceByZone.get(zone);
		LocalDate ownersToday = harness.sandbox().data().today(ws);
		assertThat(todayAround.get(zone)).contains(ownersToday);

		for (String stream : List.of("time_entries", "report_timeline", "report_attendance")) {
			List<LocalDate> days = harness.dsl()
				.fetch("select partition_key from sync.partitions where stream = ? and workspace_id = ?", stream, ws)
				.map(r -> LocalDate.parse(r.get(0, String.class).replaceFirst("^.*@", "")));
			assertThat(days).as(stream + " days").isNotEmpty();
			// attendance has rows every day, so every day is read; the others skip days without time
			if (stream.equals("report_attendance")) {
				assertThat(days.stream().max(LocalDate::compareTo).orElseThrow()).as(stream + ": latest day read")
					.isEqualTo(ownersToday);
			}
			else {
				assertThat(days.stream().max(LocalDate::compareTo).orElseThrow()).as(stream + ": latest day read")
					.isBeforeOrEqualTo(ownersToday);
			}
			assertThat(days.stream().min(LocalDate::compareTo).orElseThrow()).as(stream + ": earliest day read")
				.isAfterOrEqualTo(ownersToday.minusDays(LOOKBACK - 1));
		}
		// no entry of a day after the owner's today
		assertThat(harness.dsl().fetchCount(harness.dsl()
			.selectFrom("webwork.time_entries")
			.where("workspace_id = ? and date > ?", ws, ownersToday))).isZero();
	}
}
