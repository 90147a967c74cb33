package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.demo.Demo;
import com.webworksync.observe.RunSummaryText;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.Tokens;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.TableMapping;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The summary at the end of {@code sync}, through the whole command line: its numbers are those of {@code sync.runs}
 * and of the rows the run wrote ({@code _run_id}), and what the run left out is listed with what fixes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunSummaryOutputTests {

	private static final Pattern STREAM_ROW = Pattern.compile("^  (\\S+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)$");
	private static final Pattern RUN_LINE = Pattern.compile("^run (\\d+): (\\w+), exit code (\\d+), (\\d+) requests, "
			+ "(\\d+) rate-limit waits, (\\d+) retries, ([\\d.]+) s$");
	private static final Catalog CATALOG = new Catalog();

	/** The last summary printed: its table, its run line and its "not synced yet" entries (each with its fix). */
	record Printed(Map<String, Map<String, Long>> byStream, long runId, String status, int exitCode, long requests,
			long waits, long retries, double seconds, Map<String, String> pending) {
	}

	@Test
	void theNumbersAreThoseOfSyncRunsAndOfTheRowsTheRunWrote(CapturedOutput output) throws Exception {
		try (SyncHarness harness = SyncHarness.start(RunChecks.small().withDisabledPaths(Set.of("/leaves/policies")))) {
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
			Printed first = assertSameAsTheWarehouse(parse(output.getOut()), harness.databaseUrl());
			assertThat(first.status()).isEqualTo("completed");
			assertThat(first.byStream().get("time_entries").get("upserted")).isPositive();
			assertThat(first.pending()).containsOnlyKeys("stream leave_policies");
			assertThat(first.pending().get("stream leave_policies")).contains("404 on /leaves/policies")
				.contains("SYNC_STREAMS");

			// a project gone from the API: the second run marks it (and its tags) deleted
			long ws = harness.sandbox().data().workspaceIds().get(0);
			var project = harness.sandbox().data().list("projects", ws).get(0);
			harness.sandbox().data().remove("projects", ws, project.path("id").asString());
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
			Printed second = assertSameAsTheWarehouse(parse(output.getOut()), harness.databaseUrl());
			assertThat(second.runId()).isGreaterThan(first.runId());
			assertThat(second.byStream().get("projects").get("deleted")).isPositive();
		}
	}

	@Test
	void aMemberTokensWorkspacesAreListedWithTheFix(CapturedOutput output) throws Exception {
		try (Sandbox sandbox = Demo.startSandbox(RunChecks.small());
				SyncHarness harness = SyncHarness.on(sandbox).with("webwork.api.token", Tokens.MEMBER_TOKEN)) {

			assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);

			Printed printed = assertSameAsTheWarehouse(parse(output.getOut()), harness.databaseUrl());
			assertThat(printed.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
			List<String> workspaces = sandbox.data().workspaceIds().stream()
				.map(ws -> "workspace " + ws + " (none of its streams)")
				.toList();
			assertThat(printed.pending()).containsOnlyKeys(workspaces);
			assertThat(printed.pending().values()).allSatisfy(fix -> assertThat(fix).contains(Tokens.MEMBER_ROLE)
				.contains("Owner or Executive manager")
				.contains("WEBWORK_WORKSPACE_IDS"));
			assertThat(output.getAll()).doesNotContain(Tokens.MEMBER_TOKEN);
		}
	}

	@Test
	void aStoppedRunListsTheRestOfItsPlanWithWhatContinuesItAndTheNextRunsFinishIt(CapturedOutput output)
			throws Exception {
		try (SyncHarness harness = SyncHarness.start(RunChecks.small())) {
			long ws = harness.sandbox().data().workspaceIds().get(0);
			String from = harness.sandbox().data().today(ws).minusDays(9).toString();
			// every time-entry page takes a second: neither run below can be done before it is stopped, on any machine
			harness.sandbox().faults().inject(Fault.of(Fault.Kind.SLOW).on("/time-entries").times(10_000)
				.delay(Duration.ofSeconds(1)));

			harness.with("sync.deadline", "3s");
			assertThat(harness.main("sync", "--from=" + from)).isEqualTo(ExitCodes.DEADLINE);
			Map.Entry<String, String> byDeadline = restOfPlan(parse(output.getOut()), harness.databaseUrl());
			assertThat(byDeadline.getValue()).contains("`sync` continues it")
				.contains("of its backfill " + from)
				.contains("SYNC_DEADLINE (3 s)");

			// stopped as SIGTERM stops it, once it reads time entries: part of their plan is left
			harness.with("sync.deadline", "");
			long before = harness.sandbox().requests().count("/time-entries");
			Thread sigterm = new Thread(() -> {
				try {
					while (harness.sandbox().requests().count("/time-entries") < before + 2) {
						Thread.sleep(20);
					}
					StopSignals.active().stop("SIGTERM");
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			sigterm.start();
			try {
				assertThat(harness.main("sync")).isEqualTo(ExitCodes.DEADLINE);
			}
			finally {
				sigterm.interrupt();
			}
			Map.Entry<String, String> bySignal = restOfPlan(parse(output.getOut()), harness.databaseUrl());
			assertThat(bySignal.getKey()).containsPattern("time_entries [1-9]\\d* partitions?\\b");
			assertThat(bySignal.getValue()).contains("`sync` continues it")
				.contains("of its backfill " + from)
				.doesNotContain("SYNC_DEADLINE");

			harness.sandbox().faults().clear();
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
			Printed done = assertSameAsTheWarehouse(parse(output.getOut()), harness.databaseUrl());
			assertThat(done.pending()).as("nothing is left").isEmpty();
		}
	}

	/**
	 * A stopped run's summary, checked against the warehouse: its one entry, the rest of its plan, lists as many open
	 * partitions as the run's plans hold.
	 */
	private static Map.Entry<String, String> restOfPlan(Printed printed, String db) throws SQLException {
		assertSameAsTheWarehouse(printed, db);
		assertThat(printed.status()).isEqualTo("stopped");
		assertThat(printed.exitCode()).isEqualTo(ExitCodes.DEADLINE);
		assertThat(printed.pending()).hasSize(1);
		Map.Entry<String, String> entry = printed.pending().entrySet().iterator().next();
		assertThat(entry.getKey()).startsWith("the rest of run " + printed.runId() + "'s plan: ");
		long listed = 0;
		for (Matcher m = Pattern.compile("(\\w+) (\\d+) partitions?\\b").matcher(entry.getKey()); m.find();) {
			listed += Long.parseLong(m.group(2));
		}
		assertThat(listed).as("the open partitions of the run's plans").isEqualTo(RunChecks.count(db,
				"select count(*) from sync.pool_partitions q join sync.pool_plans p on p.plan_id = q.plan_id "
						+ "join batch.batch_job_execution e on e.job_instance_id = p.job_instance_id "
						+ "where e.job_execution_id = " + printed.runId() + " and not q.done and p.closed_at is null"));
		assertThat(listed > 0 || entry.getKey().contains("not started: ")).as(entry.getKey()).isTrue();
		return entry;
	}

	/** The summary's numbers against sync.runs and, stream by stream, the rows whose _run_id is the run's. */
	private static Printed assertSameAsTheWarehouse(Printed printed, String db) throws SQLException {
		assertThat(RunChecks.count(db, "select max(run_id) from sync.runs")).as("the last run").isEqualTo(printed.runId());
		String run = " from sync.runs where run_id = " + printed.runId();
		assertThat(printed.requests()).isEqualTo(RunChecks.count(db, "select requests" + run));
		assertThat(printed.waits()).isEqualTo(RunChecks.count(db, "select rate_limit_waits" + run));
		assertThat(printed.retries()).isEqualTo(RunChecks.count(db, "select retries" + run));
		assertThat(printed.exitCode()).isEqualTo(RunChecks.count(db, "select exit_code" + run));
		assertThat(printed.status()).isEqualTo(text(db, "select lower(status)" + run));
		assertThat(printed.seconds()).as("started_at to ended_at")
			.isCloseTo(RunChecks.count(db, "select (extract(epoch from ended_at - started_at) * 1000)::bigint" + run) / 1000.0,
					within(0.051));
		Map<String, Map<String, Long>> recorded = JsonMapper.builder().build()
			.readValue(text(db, "select rows_by_stream::text" + run), new TypeReference<Map<String, Map<String, Long>>>() {
			});
		assertThat(printed.byStream()).isEqualTo(recorded);
		assertThat(printed.byStream()).isNotEmpty();
		for (var stream : printed.byStream().entrySet()) {
			long live = 0;
			long deleted = 0;
			for (TableMapping table : CATALOG.get(stream.getKey()).tables()) {
				String rows = "select count(*) from webwork." + table.table().getName() + " where _run_id = " + printed.runId();
				live += RunChecks.count(db, rows + " and _deleted_at is null");
				deleted += RunChecks.count(db, rows + " and _deleted_at is not null");
			}
			assertThat(stream.getValue().get("upserted")).as(stream.getKey() + " upserted").isEqualTo(live);
			assertThat(stream.getValue().get("deleted")).as(stream.getKey() + " deleted").isEqualTo(deleted);
		}
		return printed;
	}

	/** The last summary in {@code out}. */
	static Printed parse(String out) {
		int start = out.lastIndexOf(RunSummaryText.STREAMS);
		assertThat(start).as("a summary on stdout").isNotNegative();
		List<String> lines = out.substring(start).lines().toList();
		Map<String, Map<String, Long>> byStream = new LinkedHashMap<>();
		Map<String, String> pending = new LinkedHashMap<>();
		Matcher runLine = null;
		List<String> rest = new ArrayList<>();
		for (String line : lines.subList(2, lines.size())) {
			Matcher row = STREAM_ROW.matcher(line);
			Matcher run = RUN_LINE.matcher(line);
			if (runLine == null && row.matches() && !row.group(1).equals("total")) {
				byStream.put(row.group(1), Map.of("upserted", Long.parseLong(row.group(2)), "deleted",
						Long.parseLong(row.group(3)), "requests", Long.parseLong(row.group(4)), "partitions",
						Long.parseLong(row.group(5))));
			}
			else if (run.matches()) {
				runLine = run;
			}
			else if (runLine != null) {
				rest.add(line);
			}
		}
		assertThat(runLine).as("the run line").isNotNull();
		int heading = rest.indexOf(RunSummaryText.PENDING);
		if (heading < 0) {
			assertThat(rest).contains(RunSummaryText.NOTHING_PENDING);
		}
		else {
			for (int i = heading + 1; i + 1 < rest.size() && rest.get(i).startsWith("  "); i += 2) {
				assertThat(rest.get(i + 1)).startsWith(RunSummaryText.FIX);
				pending.put(rest.get(i).strip(), rest.get(i + 1).substring(RunSummaryText.FIX.length()));
			}
			assertThat(pending).as("entries under " + RunSummaryText.PENDING).isNotEmpty();
		}
		return new Printed(byStream, Long.parseLong(runLine.group(1)), runLine.group(2), Integer.parseInt(runLine.group(3)),
				Long.parseLong(runLine.group(4)), Long.parseLong(runLine.group(5)), Long.parseLong(runLine.group(6)),
				Double.parseDouble(runLine.group(7)), pending);
	}

	private static String text(String db, String sql) throws SQLException {
		try (Connection connection = TestWarehouse.connect(db); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}
}
