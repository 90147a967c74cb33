package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.webworksync.SyncHarness;
import com.webworksync.config.Clocks;
import com.webworksync.config.Command;
import com.webworksync.observe.StatusReport;
import com.webworksync.plan.HistorySweep;
import com.webworksync.plan.PlanReport;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partitioning;
import com.webworksync.streams.StreamDef;

import tools.jackson.databind.node.ObjectNode;

/**
 * The history sweep: after a 120-day backfill, an entry deleted 90 days ago and one edited 70 days
 * ago (both outside the 31-day lookback, no {@code --from}) reach the warehouse within 24 hourly
 * runs, in exactly the run whose sweep re-checks the second of their months; every run's sweep
 * stays within SYNC_SWEEP_SHARE of the run before; {@code plan} shows the sweep, and
 * {@code status} the oldest day not re-checked in 24 hours. On days where the calendar bites (the
 * window starts on a month's first day, a year's first day, a leap day) and an ordinary one, all
 * pinned: which months the window holds, and so which the sweep may take, depends on the day.
 */
class HistorySweepTests {

	private static final double SHARE = 0.30;
	private static final int BACKFILL_DAYS = 120;

	private Sandbox sandbox;
	private SyncHarness harness;
	private long ws;
	private LocalDate today;

	/** The days the runs are on, at noon UTC, in an owner's zone of UTC: the sandbox's today is that day. */
	static Stream<String> days() {
		return Stream.of("2026-12-04", "2026-12-31", "2027-01-01", "2028-02-29");
	}

	private void backfill(String day) {
		Instant noon = LocalDate.parse(day).atTime(12, 0).toInstant(ZoneOffset.UTC);
		sandbox = Sandbox.start(SyncHarness.fastOptions().withHistoryDays(BACKFILL_DAYS + 10)
			.withOwnerTimeZones(List.of("UTC")).withClock(Clocks.startingAt(noon)));
		harness = SyncHarness.onMigrated(sandbox).with("sync.now", noon.toString());
		ws = sandbox.data().workspaceIds().get(0);
		today = sandbox.data().today(ws);
		assertThat(today).isEqualTo(day);
		assertThat(harness.sync("sync", "--from=" + today.minusDays(BACKFILL_DAYS - 1))).isEqualTo(ExitCodes.OK);
	}

	@AfterEach
	void close() {
		if (harness != null) {
			harness.close();
		}
		if (sandbox != null) {
			sandbox.close();
		}
	}

	@ParameterizedTest(name = "on {0}")
	@MethodSource("days")
	void oldEditsAndDeletesArriveWithinADayOfHourlyRunsAtTheDocumentedShare(String day) {
		backfill(day);
		ObjectNode gone = entryAround(90);
		ObjectNode edited = entryAround(70);
		harness.sandbox().data().remove("time_entries", ws, gone.path("id").asString());
		harness.sandbox().data().shortenTimeEntry(ws, edited.path("id").asString(), 5);
		long editedMinutes = edited.path("duration_minutes").asLong() - 5;
		Set<YearMonth> changedMonths = new HashSet<>(List.of(month(gone), month(edited)));

		// without the sweep, the lookback never reaches them
		harness.with("sync.sweep-share", 0).restartContext();
		harness.sandbox().requests().clear();
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		assertThat(live(gone)).as("no sweep: the deleted entry stays").isTrue();
		assertThat(sweepOfLastRun()).isEmpty();
		// what the window reads of the month streams, every run at this "now": a month one stream's window holds
		// (timesheets' reaches back a week) can be another's history, which the sweep re-checks
		Set<String> windowReads = new HashSet<>();
		monthStreamReads().forEach(read -> windowReads.add(read.partition()));

		harness.with("sync.sweep-share", SHARE).restartContext();
		String plan = harness.bean(PlanReport.class).render(harness.bean(SyncRunner.class).window(
				Command.parse(new String[] { "sync" }, true, harness.bean(Clock.class))), false);
		assertThat(plan).contains("history sweep: at most 0.30 of the last run's requests")
			.containsPattern("workspace " + ws + ": \\d+ months of history before the window; re-checks \\[\\d{4}-\\d{2}");

		Set<YearMonth> swept = new HashSet<>();
		int expected = 0;
		int seen = 0;
		for (int run = 1; run <= HistorySweep.CYCLE_RUNS && seen == 0; run++) {
			long reference = number("select requests from sync.runs where status = 'COMPLETED' order by run_id desc limit 1");
			harness.sandbox().requests().clear();
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			List<YearMonth> months = sweepOfLastRun();
			assertThat(months).as("run %d sweeps a month", run).isNotEmpty();
			long sweepRequests = monthStreamReads().stream()
				.filter(read -> months.contains(read.month()) && !windowReads.contains(read.partition()))
				.count();
			assertThat(sweepRequests).as("run %d: the sweep's month reads", run).isPositive()
				.isLessThanOrEqualTo((long) Math.floor(SHARE * reference));
			swept.addAll(months);
			if (expected == 0 && swept.containsAll(changedMonths)) {
				expected = run;
				assertThat(harness.sandbox().requests().all().stream().filter(r -> r.path().equals("/time-entries")))
					.as("the changed member-days are re-read in the run that re-checks their month")
					.anyMatch(r -> isFor(r, gone))
					.anyMatch(r -> isFor(r, edited));
			}
			if (!live(gone) && minutes(edited) == editedMinutes) {
				seen = run;
			}
		}
		System.out.printf("HistorySweepTests: an entry deleted 90 days ago and one edited 70 days ago were seen in hourly run %d%n",
				seen);
		assertThat(seen).as("hourly runs until both changes arrived").isPositive().isLessThanOrEqualTo(HistorySweep.CYCLE_RUNS)
			.isEqualTo(expected);
		assertThat(number("select count(*) from webwork.time_entries where id = '" + edited.path("id").asString()
				+ "' and _deleted_at is null")).isEqualTo(1);
	}

	@ParameterizedTest(name = "on {0}")
	@MethodSource("days")
	void statusShowsTheOldestDayNotReCheckedInADayUntilTheSweepHasBeenEverywhere(String day) {
		backfill(day);
		// as if the backfill had been a day and a half ago
		harness.dsl().execute("update sync.partitions set fetched_at = fetched_at - interval '36 hours'");
		String before = harness.bean(StatusReport.class).render();
		LocalDate oldest = harness.dsl().fetchOne("select min(sync.partition_day(partition_key)) from sync.partitions "
				+ "where stream = 'time_entries'").get(0, LocalDate.class);
		assertThat(stale(before, "time_entries")).as("nothing re-checked for 36 hours: the oldest day held")
			.isEqualTo(oldest.toString());
		assertThat(stale(before, "report_tracked_hours")).isNotEqualTo("-");

		int runs = 0;
		while (!everythingReChecked(harness.bean(StatusReport.class).render())) {
			assertThat(++runs).as("runs until every month was re-checked").isLessThanOrEqualTo(HistorySweep.CYCLE_RUNS);
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		}
		String after = harness.bean(StatusReport.class).render();
		for (String stream : List.of("time_entries", "report_tracked_hours", "timesheets", "report_attendance")) {
			assertThat(stale(after, stream)).as(stream).isEqualTo("-");
		}
		assertThat(runs).as("one month re-checked per run at this size: the months held before the window's")
			.isEqualTo(historyMonthsBeforeWindow());
	}

	private boolean everythingReChecked(String status) {
		return !Pattern.compile("(?m)^\\s+" + ws + "\\s+\\S+\\s+\\S+\\s+\\d{4}-\\d{2}-\\d{2}\\s*$").matcher(status).find();
	}

	/** The run's sweep as its job parameters kept it. */
	private List<YearMonth> sweepOfLastRun() {
		String text = harness.dsl().fetchOptional("select parameter_value from batch.batch_job_execution_params where "
				+ "parameter_name = 'sweep' and job_execution_id = (select max(job_execution_id) from batch.batch_job_execution)")
			.map(r -> r.get(0, String.class))
			.orElse(null);
		List<YearMonth> months = new ArrayList<>();
		if (text != null) {
			for (String workspace : text.split(";")) {
				if (workspace.startsWith(ws + ":")) {
					for (String month : workspace.substring(workspace.indexOf(':') + 1).split(",")) {
						months.add(YearMonth.parse(month));
					}
				}
			}
		}
		return months;
	}

	/** A request to a month stream: the page it read ("path from page") and the month. */
	private record MonthRead(String partition, YearMonth month) {
	}

	/** This run's requests to the month streams, each once. */
	private List<MonthRead> monthStreamReads() {
		Map<String, String> fromParams = new HashMap<>();
		for (StreamDef stream : harness.bean(Catalog.class).all()) {
			if (stream.partitioning() == Partitioning.MONTH) {
				fromParams.put(stream.path(), stream.fromParam());
			}
		}
		List<MonthRead> reads = new ArrayList<>();
		for (RecordedRequest request : harness.sandbox().requests().all()) {
			String param = fromParams.get(request.path());
			List<String> from = param == null ? null : request.query().get(param);
			if (from != null) {
				reads.add(new MonthRead(request.path() + " " + from.get(0) + " " + request.query().get("page"),
						YearMonth.from(LocalDate.parse(from.get(0)))));
			}
		}
		return reads;
	}

	/** Months any month stream holds before the first month of the lookback window (timesheets reach one further back). */
	private int historyMonthsBeforeWindow() {
		return (int) number("select count(distinct partition_key) from sync.partitions where workspace_id = " + ws
				+ " and partition_key ~ '^[0-9]{4}-[0-9]{2}$' and sync.partition_day(partition_key) < date '"
				+ YearMonth.from(today.minusDays(30)).atDay(1) + "'");
	}

	/** An entry as close as possible to {@code days} days ago, the day before first. */
	private ObjectNode entryAround(int days) {
		for (int offset = 0; offset < 10; offset++) {
			LocalDate day = today.minusDays(days + offset);
			var entry = harness.sandbox().data().list("time_entries", ws).stream()
				.filter(e -> e.path("date").asString().equals(day.toString()) && e.path("duration_minutes").asLong() > 10)
				.findFirst();
			if (entry.isPresent()) {
				return entry.get();
			}
		}
		throw new AssertionError("no entry near " + days + " days ago");
	}

	private static YearMonth month(ObjectNode entry) {
		return YearMonth.from(LocalDate.parse(entry.path("date").asString()));
	}

	private static boolean isFor(RecordedRequest request, ObjectNode entry) {
		return List.of(entry.path("user_id").asString()).equals(request.query().get("user_id"))
				&& List.of(entry.path("date").asString()).equals(request.query().get("date"));
	}

	private boolean live(ObjectNode entry) {
		return number("select count(*) from webwork.time_entries where id = '" + entry.path("id").asString()
				+ "' and _deleted_at is null") == 1;
	}

	private long minutes(ObjectNode entry) {
		return number("select coalesce(max(duration_minutes), -1) from webwork.time_entries where id = '"
				+ entry.path("id").asString() + "'");
	}

	private long number(String sql) {
		Long value = harness.dsl().fetchOptional(sql).map(r -> r.get(0, Long.class)).orElse(null);
		return value == null ? 0 : value;
	}

	/** The status line's "not re-checked in 24 h" of a stream of the workspace. */
	private String stale(String status, String stream) {
		Matcher line = Pattern.compile("(?m)^\\s+" + ws + "\\s+" + stream + "\\s+(\\S+)\\s+(\\S+)\\s*$").matcher(status);
		assertThat(line.find()).as("status has a history re-check line for %s:%n%s", stream, status).isTrue();
		return line.group(2);
	}
}
