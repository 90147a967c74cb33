package com.webworksync.job;

import static com.webworksync.schema.webwork.Tables.TIME_ENTRIES;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.JobRepository;

import com.webworksync.SyncHarness;
import com.webworksync.WarehouseAssertions;
import com.webworksync.config.Command;
import com.webworksync.observe.StatusReport;
import com.webworksync.plan.DayRange;
import com.webworksync.plan.PlanReport;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

/**
 * SYNC_START_DATE on a 12-member sandbox: runs one after another, each bounded by its deadline, backfill 120 days of history
 * freshest first until the warehouse equals one that read it all at once; a kill mid-backfill loses nothing; moving
 * the date earlier extends the backfill and moving it later deletes nothing; {@code status} and {@code plan} show the
 * progress the ledger holds.
 */
@Tag("scenario") // a dozen deadline-bounded runs: with the slow suites in -Pscenarios, which .ci/run also runs
class StartDateTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
	private static final LocalDate START = TODAY.minusDays(119);
	private static final int LOOKBACK = 31;
	/**
	 * A run's budget is 80 % of its deadline at its rate: 20 s at 1,800 requests a minute make some weeks of history a
	 * run, so the 120 days take several runs. A run that does reach its deadline (a loaded machine) stops with its
	 * progress saved and the next one carries on: the verdict does not depend on the machine's speed, as long as a run
	 * commits something in 20 s. {@code -Dstartdate.deadline=4s} makes most runs stop at their deadline (to check that
	 * claim, the verdicts must not change).
	 */
	private static final String DEADLINE = System.getProperty("startdate.deadline", "20s");
	private static final int RATE = 1800;
	/**
	 * How many runs in a row may commit nothing before the test gives up: on a machine loaded enough, a run can reach
	 * its deadline early, but each one commits what it read, so the backfill ends after however many runs it takes.
	 */
	private static final int RUNS_WITHOUT_PROGRESS = 10;

	private static Sandbox sandbox;
	private static Map<String, List<String>> readAtOnce;

	@TempDir
	Path logs;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withMembers(12)
			.withProjects(4)
			.withHistoryDays(160)
			.withToday(TODAY)
			.withOwnerTimeZones(List.of("UTC")));
		// the warehouse to equal: the same days read in one run with --from
		try (SyncHarness once = SyncHarness.onMigrated(sandbox).with("sync.now", at(0))) {
			assertThat(once.sync("sync", "--from=" + START)).isEqualTo(ExitCodes.OK);
			readAtOnce = WarehouseAssertions.snapshot(once.dsl());
		}
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	/**
	 * The k-th run's "now", from 06:00 UTC on the sandbox's today, five minutes apart (a cron job's runs, closer together):
	 * however many runs a loaded machine needs, 216 before midnight keep every run on the same "today" and its window
	 * the same, so the verdicts do not depend on how many it took.
	 */
	private static String at(int run) {
		var now = TODAY.atTime(6, 0).plusMinutes(5L * run);
		if (!now.toLocalDate().equals(TODAY)) {
			throw new IllegalStateException("run " + run + " would start tomorrow: no run committed anything for a long time");
		}
		return now.toInstant(ZoneOffset.UTC).toString();
	}

	private static SyncHarness backfilling() {
		return SyncHarness.onMigrated(sandbox)
			.with("sync.lookback-days", LOOKBACK)
			.with("sync.start-date", START.toString())
			.with("sync.deadline", DEADLINE)
			.with("webwork.requests-per-minute", RATE);
	}

	@Test
	void runAfterRunBackfillsFreshestFirstUntilTheWarehouseEqualsOneThatReadItAllAtOnce() {
		try (SyncHarness harness = backfilling()) {
			List<DayRange> chunks = new ArrayList<>();
			int run = runUntilDone(harness, 0, chunks);

			assertThat(chunks).as("the history took several runs").hasSizeGreaterThan(2);
			// newest first: each chunk ends where the one before began (or repeats it after a stopped run)
			for (int i = 1; i < chunks.size(); i++) {
				assertThat(chunks.get(i).to()).isIn(chunks.get(i - 1).from().minusDays(1), chunks.get(i - 1).to());
			}
			assertThat(chunks.get(0).to()).isEqualTo(TODAY.minusDays(LOOKBACK));
			assertThat(chunks.get(chunks.size() - 1).from()).isEqualTo(START);
			assertThat(WarehouseAssertions.snapshot(harness.dsl())).isEqualTo(readAtOnce);
			assertThat(syncedFrom(harness.dsl())).as("every date-addressed stream holds history from the start date")
				.containsOnly(START);

			// moving the start date later deletes nothing and reads no history
			long rows = harness.dsl().fetchCount(TIME_ENTRIES);
			harness.with("sync.start-date", START.plusDays(40).toString());
			// (until a run completes: on a loaded machine even the window may take more than one run's deadline)
			chunks.clear();
			run = runUntil(harness, run + 1, chunks, "a run completed", exit -> exit == ExitCodes.OK);
			assertThat(chunks).isEmpty();
			assertThat(harness.dsl().fetchCount(TIME_ENTRIES)).isEqualTo(rows);
			assertThat(syncedFrom(harness.dsl())).containsOnly(START);

			// moving it earlier extends the backfill from where it stood
			LocalDate earlier = START.minusDays(20);
			harness.with("sync.start-date", earlier.toString());
			chunks.clear();
			runUntilDone(harness, run + 1, chunks);
			assertThat(chunks).isNotEmpty();
			assertThat(chunks.get(0).to()).isEqualTo(START.minusDays(1));
			assertThat(syncedFrom(harness.dsl())).containsOnly(earlier);
			assertThat(harness.dsl().fetchCount(TIME_ENTRIES)).isGreaterThan((int) rows);
		}
	}

	@Test
	void statusAndPlanShowTheProgressTheLedgerHolds() {
		try (SyncHarness harness = backfilling()) {
			long workspace = sandbox.data().workspaceIds().get(0);
			// until some history is in and some is left (two runs on an idle machine: the window, then a chunk); on a
			// loaded machine, runs stopped at their deadline on the way: such a run may have read partitions of a chunk
			// without completing the stream, so the ledger can hold days before synced_from, and it may have completed
			// some date-addressed streams and not others, so they can hold different ranges
			LocalDate windowStart = TODAY.minusDays(LOOKBACK);
			Set<Long> completing = new HashSet<>();
			List<DayRange> completedChunks = new ArrayList<>();
			List<DayRange> allChunks = new ArrayList<>();
			runUntil(harness, 0, allChunks, "the backfill has begun", exit -> {
				long runId = harness.lastRun().runId();
				var record = harness.dsl().fetchOne("select last_run_id from sync.streams where stream = "
						+ "'report_attendance' and workspace_id = {0}", workspace);
				Long last = record == null ? null : record.get(0, Long.class);
				if (last != null && last == runId) {
					completing.add(runId);
					DayRange chunk = history(harness, runId).get(workspace);
					if (chunk != null) {
						completedChunks.add(chunk);
					}
				}
				return harness.dsl().fetchCount(harness.dsl().selectFrom("analytics.data_freshness")
					.where("stream = 'report_attendance' and synced_from < {0} and backfill_days_left > 0", windowStart)) > 0;
			});
			DSLContext dsl = harness.dsl();
			// synced_from by its definition: the first day of the range completed runs have read without a gap (every run
			// reads the window; a run that completed report_attendance read every partition it planned, its chunk among
			// them; a stopped run's chunk counts only once a later run completes it)
			LocalDate syncedFrom = windowStart;
			for (DayRange chunk : completedChunks) {
				if (!chunk.to().isBefore(syncedFrom.minusDays(1)) && chunk.from().isBefore(syncedFrom)) {
					syncedFrom = chunk.from();
				}
			}
			String runs = "chunks of all runs " + allChunks + ", of those that completed report_attendance " + completedChunks;
			assertThat(syncedFrom).as("a completed run read a chunk of history: " + runs).isBefore(windowStart)
				.isAfter(START);
			// the ledger holds it: report_attendance reads every day it covers, so every day from synced_from on is there
			List<LocalDate> held = dsl.fetch("select distinct sync.partition_day(partition_key) from sync.partitions "
					+ "where stream = 'report_attendance' and workspace_id = {0} and sync.partition_day(partition_key) "
					+ "between {1} and {2}", workspace, syncedFrom, windowStart).getValues(0, LocalDate.class);
			assertThat(held).as("the ledger holds every day from synced_from").hasSize(
					(int) (windowStart.toEpochDay() - syncedFrom.toEpochDay() + 1));
			// and any older day in it was read by a run that did not complete the stream (stopped at its deadline)
			List<Long> olderReaders = dsl.fetch("select run_id from sync.partitions where stream = 'report_attendance' "
					+ "and workspace_id = {0} and sync.partition_day(partition_key) < {1}", workspace, syncedFrom)
				.getValues(0, Long.class);
			assertThat(olderReaders).as("runs that read days before synced_from").doesNotContainAnyElementsOf(completing);

			var row = dsl.fetchOne("select synced_from, history_start, backfill_days_left from analytics.data_freshness "
					+ "where stream = 'report_attendance'");
			assertThat(row.get(0, LocalDate.class)).as("synced_from: " + runs).isEqualTo(syncedFrom);
			assertThat(row.get(1, LocalDate.class)).isEqualTo(START);
			long left = syncedFrom.toEpochDay() - START.toEpochDay();
			assertThat(row.get(2, Integer.class)).isEqualTo((int) left);
			String status = harness.bean(StatusReport.class).render();
			assertThat(status).containsPattern("(?m)^  " + workspace + "\\s+report_attendance\\s+" + syncedFrom
					+ "\\s+\\S+\\s+" + START + "\\s+" + left + "$");

			// the workspace's backfill is where its least advanced date-addressed stream stands (the same day as
			// report_attendance's unless a run stopped at its deadline after completing some of them)
			LocalDate heldFrom = dsl.fetchOne("select max(synced_from) from analytics.data_freshness where workspace_id = "
					+ "{0} and history_start is not null", workspace).get(0, LocalDate.class);
			assertThat(heldFrom).isAfterOrEqualTo(syncedFrom).isBefore(windowStart);
			long workspaceLeft = heldFrom.toEpochDay() - START.toEpochDay();
			assertThat(status).contains("workspace " + workspace + ": backfill " + workspaceLeft + " days left back to "
					+ START);

			// the end-of-run summary's "not synced yet" names the backfill left, with how it gets done
			assertThat(harness.bean(BackfillLeftovers.class).pending(harness.lastRun())).singleElement()
				.satisfies(p -> assertThat(p.what()).isEqualTo("workspace " + workspace + ": " + workspaceLeft
						+ " days of history before " + heldFrom + " (back to the start date " + START + ")"))
				.satisfies(p -> assertThat(p.fix()).startsWith("the next runs backfill it"));

			String plan = harness.bean(PlanReport.class).render(harness.bean(SyncRunner.class)
				.window(Command.parse(new String[] { "plan" }, true, harness.bean(Clock.class))),
					false);
			assertThat(plan).contains("workspace " + workspace + ": " + workspaceLeft + " days left, "
					+ heldFrom.minusDays(1) + " back to " + START);
		}
	}

	@Test
	void aKillMidBackfillLosesNothing() throws Exception {
		try (SyncHarness harness = backfilling()) {
			harness.with("sync.now", at(0));
			// the window, and maybe a first chunk; on a loaded machine perhaps stopped at its deadline
			assertThat(harness.sync("sync")).isIn(ExitCodes.OK, ExitCodes.DEADLINE);
			harness.restartContext();
			long before = sandbox.requests().count();
			// the child reads at 600 requests a minute: 2 minutes make a chunk of weeks, which the kill interrupts
			ChildSync child = ChildSync.start(harness, logs.resolve("killed.log"), "--sync.now=" + at(1),
					"--sync.lookback-days=" + LOOKBACK, "--sync.start-date=" + START, "--sync.deadline=2m");
			child.killWhen(() -> sandbox.requests().count() >= before + 60);
			ChildSync.awaitNoOtherSessions(harness.databaseUrl());
			assertThat(Files.readString(logs.resolve("killed.log"))).doesNotContain(sandbox.options().token());

			runUntilDone(harness, 2, new ArrayList<>());

			assertThat(WarehouseAssertions.snapshot(harness.dsl())).isEqualTo(readAtOnce);
			CleanRun.read(harness.databaseUrl(), dsl -> {
				CleanRun.assertLedgerMatchesRows(dsl);
				CleanRun.assertNoDuplicateIds(dsl);
				CleanRun.assertHistoryInStep(dsl);
				return null;
			});
		}
	}

	/** Runs from the {@code run}-th on until every stream holds its history; the chunk each run read. */
	private static int runUntilDone(SyncHarness harness, int run, List<DayRange> chunks) {
		return runUntil(harness, run, chunks, "the backfill is done", exit -> exit == ExitCodes.OK
				&& harness.dsl().fetchCount(harness.dsl().selectFrom("analytics.data_freshness")
					.where("history_start is not null and backfill_days_left > 0")) == 0
				&& harness.dsl().fetchCount(harness.dsl().selectFrom("analytics.data_freshness")
					.where("history_start is not null")) > 0);
	}

	/**
	 * Runs from the {@code run}-th on until {@code done} holds after one (given its exit code); the chunk each run read. It
	 * gives up only when {@link #RUNS_WITHOUT_PROGRESS} runs in a row added no partition to the ledger.
	 */
	private static int runUntil(SyncHarness harness, int run, List<DayRange> chunks, String what,
			IntPredicate done) {
		int idle = 0;
		long read = readPartitions(harness);
		for (;; run++) {
			harness.with("sync.now", at(run));
			harness.restartContext();
			int exit = harness.sync("sync");
			assertThat(exit).as("a run ends done or at its deadline").isIn(ExitCodes.OK, ExitCodes.DEADLINE);
			history(harness, harness.lastRun().runId()).values().forEach(chunks::add);
			if (done.test(exit)) {
				return run;
			}
			long now = readPartitions(harness);
			idle = now > read ? 0 : idle + 1;
			read = now;
			assertThat(idle).as("runs in a row that committed nothing before " + what).isLessThan(RUNS_WITHOUT_PROGRESS);
		}
	}

	/** The partitions the ledger holds: a run that committed any of the history adds some. */
	private static long readPartitions(SyncHarness harness) {
		return harness.dsl().fetchCount(harness.dsl().selectFrom("sync.partitions"));
	}

	private static Map<Long, DayRange> history(SyncHarness harness, long runId) {
		var execution = harness.bean(JobRepository.class).getJobExecution(runId);
		return RunParameters.window(execution.getJobParameters()).history();
	}

	/** The first day each date-addressed stream holds. */
	private static List<LocalDate> syncedFrom(DSLContext dsl) {
		return dsl.fetch("select synced_from from sync.streams where synced_from is not null").getValues(0, LocalDate.class);
	}
}
