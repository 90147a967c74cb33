package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.webworksync.SyncHarness;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.warehouse.ApiValues;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 3: a 90-day backfill lands exactly the served time entries and the reports that agree
 * with them; the next plain run picks up late edits, deletes, approvals and new time inside the
 * lookback window; and no run ever asks the API for what it refuses (old timeline dates, ranges
 * over 31 days, pages over the maximum, time of project viewers).
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimeEntriesAndReportsTests {

	private static final String PENDING_REQUEST = "pendingTimeRequest0000001";

	private static SyncHarness harness;
	private static long ws;
	private static ZoneId zone;
	private static LocalDate today;
	private static LocalDate from;

	@BeforeAll
	static void backfill90Days() {
		harness = SyncHarness.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withMembers(6)
			.withProjects(3)
			.withHistoryDays(120));
		ws = harness.sandbox().data().workspaceIds().get(0);
		zone = harness.sandbox().data().ownerZone(ws);
		today = harness.sandbox().data().today(ws);
		from = today.minusDays(89);
		// a request still pending, five days back, for the approval to change
		ObjectNode pending = harness.sandbox().data().list("time_requests", ws).get(0).deepCopy();
		var start = today.minusDays(5).atTime(10, 0).atZone(zone).toInstant();
		pending.put("id", PENDING_REQUEST);
		pending.put("start", start.toString());
		pending.put("end", start.plusSeconds(5400).toString());
		pending.put("status", "pending");
		pending.putNull("updated_by");
		pending.putNull("comment");
		harness.sandbox().data().add("time_requests", ws, pending);
		assertThat(harness.sync("sync", "--from=" + from)).isEqualTo(ExitCodes.OK);
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	@Order(1)
	void theBackfillLandsExactlyTheServedTimeEntries() {
		Map<String, List<Object>> served = harness.sandbox()
			.data()
			.list("time_entries", ws)
			.stream()
			.filter(e -> inRange(LocalDate.parse(e.path("date").asString()), from, today))
			.collect(Collectors.toMap(e -> e.path("id").asString(),
					e -> List.of(e.path("duration_minutes").asInt(), instant(e.path("start_time")),
							instant(e.path("end_time")), LocalDate.parse(e.path("date").asString()))));
		assertThat(served).hasSizeGreaterThan(300);

		Map<String, List<Object>> landed = new HashMap<>();
		for (Record r : harness.dsl().fetch("select id, duration_minutes, start_time, end_time, date "
				+ "from webwork.time_entries where _deleted_at is null and workspace_id = ?", ws)) {
			landed.put(r.get("id", String.class), List.of(r.get("duration_minutes", Integer.class),
					r.get("start_time", OffsetDateTime.class).toInstant(), r.get("end_time", OffsetDateTime.class).toInstant(),
					r.get("date", LocalDate.class)));
		}
		assertThat(landed.keySet()).containsExactlyInAnyOrderElementsOf(served.keySet());
		assertThat(landed).isEqualTo(served);
	}

	@Test
	@Order(2)
	void theTrackedHoursReportLandsAsServed() {
		// the report is the served entries summed per day, member, project and contract
		Map<String, Long> served = harness.sandbox()
			.data()
			.list("time_entries", ws)
			.stream()
			.filter(e -> inRange(LocalDate.parse(e.path("date").asString()), from, today))
			.collect(Collectors.groupingBy(e -> e.path("date").asString() + "|" + e.path("user_id").asLong() + "|"
					+ text(e.path("project_id")) + "|" + text(e.path("contract_id")),
					Collectors.summingLong(e -> e.path("duration_minutes").asLong())));
		Map<String, Long> landed = new HashMap<>();
		for (Record r : harness.dsl().fetch("select date, user_id, project_id, contract_id, total_minutes "
				+ "from webwork.report_tracked_hours where _deleted_at is null and date between ? and ?", from, today)) {
			landed.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3), r.get(4, Long.class));
		}
		assertThat(landed).hasSizeGreaterThan(100).isEqualTo(served);
	}

	@Test
	@Order(3)
	void reportMinutesPerMemberAndDayEqualThatDaysTimeEntries() {
		assertReportsAgreeWithEntries(from, today);
	}

	@Test
	@Order(4)
	void lateChangesInsideTheLookbackReachTheWarehouseOnTheNextPlainRun() {
		var data = harness.sandbox().data();
		ObjectNode edited = entryFromDaysBack(3);
		ObjectNode deleted = entryFromDaysBack(12);
		ObjectNode outsideWindow = entryFromDaysBack(60);
		ObjectNode pending = data.get("time_requests", ws, PENDING_REQUEST);
		ObjectNode contract = data.list("contracts", ws).get(0);
		assertThat(LocalDate.parse(deleted.path("date").asString())).isAfter(today.minusDays(31));
		assertThat(harness.dsl().fetchValue("select status from webwork.time_requests where id = ?", pending.path("id").asString()))
			.isEqualTo("pending");
		assertThat(liveRow(outsideWindow.path("id").asString())).as("synced by the backfill").isTrue();

		String editedId = edited.path("id").asString();
		int newMinutes = edited.path("duration_minutes").asInt() - 7;
		OffsetDateTime newEnd = ApiValues.instant(edited.path("start_time").asString()).plusMinutes(newMinutes);
		data.update("time_entries", ws, editedId, e -> {
			e.put("duration_minutes", newMinutes);
			e.put("end_time", newEnd.toInstant().toString());
			e.put("activity_description", "shortened after review");
		});
		data.remove("time_entries", ws, deleted.path("id").asString());
		data.approveTimeRequest(ws, pending.path("id").asString());
		ObjectNode added = data.addTimeEntry(ws, contract.path("user_id").asLong(), today.minusDays(10), LocalTime.of(21, 0), 45,
				contract.path("project_id").asLong(), null, "added ten days late");
		data.remove("time_entries", ws, outsideWindow.path("id").asString());

		assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);

		Record row = harness.dsl().fetchOne("select duration_minutes, end_time, activity_description, _deleted_at "
				+ "from webwork.time_entries where id = ?", editedId);
		assertThat(row.get("duration_minutes", Integer.class)).isEqualTo(newMinutes);
		assertThat(row.get("end_time", OffsetDateTime.class).toInstant()).isEqualTo(newEnd.toInstant());
		assertThat(row.get("activity_description", String.class)).isEqualTo("shortened after review");
		assertThat(row.get("_deleted_at")).isNull();
		assertThat(liveRow(deleted.path("id").asString())).as("deleted at the source").isFalse();
		assertThat(harness.dsl().fetchValue("select _deleted_at is not null from webwork.time_entries where id = ?",
				deleted.path("id").asString())).isEqualTo(true);
		assertThat(harness.dsl().fetchValue("select status from webwork.time_requests where id = ?", pending.path("id").asString()))
			.isEqualTo("approved");
		Record late = harness.dsl().fetchOne("select date, duration_minutes from webwork.time_entries "
				+ "where id = ? and _deleted_at is null", added.path("id").asString());
		assertThat(late).isNotNull();
		assertThat(late.get("date", LocalDate.class)).isEqualTo(today.minusDays(10));
		assertThat(late.get("duration_minutes", Integer.class)).isEqualTo(45);
		// a deletion 60 days back, outside the window, arrives when the history sweep re-checks its
		// month: this run or a later one (HistorySweepTests counts the runs)
		String sweep = harness.dsl().fetchOne("select parameter_value from batch.batch_job_execution_params where "
				+ "parameter_name = 'sweep' and job_execution_id = (select max(job_execution_id) from batch.batch_job_execution)")
			.get(0, String.class);
		boolean swept = sweep != null && sweep.contains(outsideWindow.path("date").asString().substring(0, 7));
		assertThat(liveRow(outsideWindow.path("id").asString())).as("deletion 60 days back, swept this run: %s", swept)
			.isEqualTo(!swept);

		assertReportsAgreeWithEntries(today.minusDays(30), today);
	}

	@Test
	@Order(5)
	void aBackfillPastAYearStopsTheTimelineAtTheApisHorizon() {
		harness.with("sync.streams", "report_timeline");
		try {
			// a range that starts past the horizon and ends inside it: only its last days may be asked for
			assertThat(harness.main("sync", "--from=" + today.minusDays(400), "--to=" + today.minusDays(360)))
				.isEqualTo(ExitCodes.OK);
		}
		finally {
			harness.properties().remove("sync.streams");
		}
		assertThat(requests("/reports/daily-timeline")).allSatisfy(
				r -> assertThat(LocalDate.parse(param(r, "date"))).isAfter(today.minusDays(365)));
		// the planner's candidates stop at the horizon; the attendance, which has no horizon, does not
		var window = harness.bean(com.webworksync.job.SyncRunner.class)
			.window(com.webworksync.config.Command.parse(new String[] { "sync", "--from=" + today.minusDays(400),
					"--to=" + today.minusDays(360) }, true, java.time.Clock.systemUTC()));
		var plans = harness.bean(com.webworksync.plan.PlanReport.class).plans(
				new com.webworksync.plan.RunWindow(window.runAt(), window.backfillFrom(), window.backfillTo(), 1,
						java.util.Set.of(), 0.1, java.util.Map.of(), java.util.Map.of()));
		var timeline = plans.stream().filter(p -> p.stream().equals("report_timeline")).findFirst().orElseThrow();
		var attendance = plans.stream().filter(p -> p.stream().equals("report_attendance")).findFirst().orElseThrow();
		assertThat(timeline.candidates()).as("today, and days 364..360 ago").isEqualTo(1 + 5);
		assertThat(attendance.candidates()).as("today, and days 400..360 ago").isEqualTo(1 + 41);
	}

	@Test
	@Order(6)
	void noRunEverAskedForWhatTheApiRefuses() {
		List<RecordedRequest> all = harness.sandbox().requests().all();
		assertThat(all).allSatisfy(r -> assertThat(r.status()).as(ChildSync.key(r)).isEqualTo(200));

		// the timeline only serves the last 365 days
		assertThat(requests("/reports/daily-timeline")).isNotEmpty()
			.allSatisfy(r -> assertThat(LocalDate.parse(param(r, "date"))).isAfterOrEqualTo(today.minusDays(365)));

		// date windows of at most 31 days (leave balances are a year-to-date snapshot: no such limit)
		long ranges = 0;
		for (RecordedRequest r : all) {
			for (String[] pair : List.of(new String[] { "start_date", "end_date" }, new String[] { "date_from", "date_to" })) {
				if (param(r, pair[0]) == null || r.path().equals("/leaves/balances")) {
					continue;
				}
				long days = ChronoUnit.DAYS.between(LocalDate.parse(param(r, pair[0])), LocalDate.parse(param(r, pair[1]))) + 1;
				assertThat(days).as(ChildSync.key(r)).isBetween(1L, 31L);
				ranges++;
			}
		}
		assertThat(ranges).isGreaterThan(20);

		// always the largest page, never more: 50 for time entries and webhooks, 100 elsewhere
		assertThat(all).allSatisfy(r -> assertThat(Integer.parseInt(param(r, "per_page")))
			.as(ChildSync.key(r))
			.isEqualTo(Set.of("/time-entries", "/webhooks").contains(r.path()) ? 50 : 100));

		// project viewers have no time: never asked for
		Set<Long> viewers = harness.sandbox()
			.data()
			.list("members", ws)
			.stream()
			.filter(m -> m.path("current_role").asString().equals("Project viewer"))
			.map(m -> m.path("id").asLong())
			.collect(Collectors.toSet());
		assertThat(viewers).isNotEmpty();
		List<RecordedRequest> entries = requests("/time-entries");
		assertThat(entries).allSatisfy(r -> assertThat(Long.parseLong(param(r, "user_id"))).isNotIn(viewers));
		// and not vacuously: every member-day with time was asked for (how many there are depends on the day)
		Set<String> memberDaysWithTime = harness.sandbox().data().list("time_entries", ws).stream()
			.filter(e -> inRange(LocalDate.parse(e.path("date").asString()), from, today))
			.map(e -> e.path("user_id").asString() + " " + e.path("date").asString())
			.collect(Collectors.toSet());
		assertThat(memberDaysWithTime).hasSizeGreaterThan(100);
		assertThat(entries.stream().map(r -> param(r, "user_id") + " " + param(r, "date")).collect(Collectors.toSet()))
			.containsAll(memberDaysWithTime);
	}

	/** Minutes per member and day agree between time_entries, the tracked-hours and the timeline report. */
	private static void assertReportsAgreeWithEntries(LocalDate first, LocalDate last) {
		String perDay = """
				with entries as (select date, user_id, sum(duration_minutes) as minutes from webwork.time_entries
				                 where _deleted_at is null and date between {0} and {1} group by 1, 2),
				     report as (select date, user_id, sum(%2$s) as minutes from webwork.%1$s
				                where _deleted_at is null and date between {0} and {1} group by 1, 2)
				select count(*) filter (where e.minutes is distinct from r.minutes), count(*)
				from entries e full join report r using (date, user_id)
				""";
		for (String[] report : List.of(new String[] { "report_tracked_hours", "total_minutes" },
				new String[] { "report_timeline", "duration_minutes" })) {
			Record result = harness.dsl()
				.fetchOne(perDay.formatted(report[0], report[1]), DSL.val(first), DSL.val(last));
			assertThat(result.get(1, Long.class)).as(report[0] + " member-days").isGreaterThan(20);
			assertThat(result.get(0, Long.class)).as(report[0] + " member-days that disagree with time_entries").isZero();
		}
	}

	/** An entry of at least 20 minutes on the first day, going back from {@code daysBack}, that has one. */
	private static ObjectNode entryFromDaysBack(int daysBack) {
		for (int back = daysBack; back < daysBack + 14; back++) {
			String day = today.minusDays(back).toString();
			ObjectNode entry = harness.sandbox()
				.data()
				.findTimeEntry(ws, e -> e.path("date").asString().equals(day) && e.path("duration_minutes").asInt() >= 20);
			if (entry != null) {
				return entry;
			}
		}
		throw new IllegalStateException("no time in the two weeks from " + daysBack + " days back");
	}

	private static boolean liveRow(String id) {
		return harness.dsl().fetchExists(harness.dsl()
			.selectOne()
			.from("webwork.time_entries")
			.where("id = ? and _deleted_at is null", id));
	}

	private static List<RecordedRequest> requests(String path) {
		return harness.sandbox().requests().all().stream().filter(r -> r.path().equals(path)).toList();
	}

	private static String param(RecordedRequest r, String name) {
		List<String> values = r.query().get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	private static boolean inRange(LocalDate day, LocalDate first, LocalDate last) {
		return !day.isBefore(first) && !day.isAfter(last);
	}

	private static Object instant(JsonNode text) {
		return ApiValues.instant(text.asString()).toInstant();
	}

	private static String text(JsonNode value) {
		return value.isNull() || value.isMissingNode() ? "null" : value.asString();
	}
}
