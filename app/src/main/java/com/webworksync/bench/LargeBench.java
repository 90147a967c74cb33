package com.webworksync.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.webworksync.config.Command;
import com.webworksync.config.Launcher;
import com.webworksync.job.SyncRunner;
import com.webworksync.plan.ChangeDetector;
import com.webworksync.plan.PlanReport;
import com.webworksync.plan.StreamPlan;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;
import java.sql.DriverManager;

/**
 * {@code bench --size=large}: the backfill rate at 400 members against 50 (both 90 days, sandbox
 * unlimited), the daily run against the oracle at 400 members, and the planner's time and heap
 * over the state of a 2,000-member workspace with 1,095 days of history, synthesized with SQL
 * ({@link LargeState}).
 */
final class LargeBench {

	static final int SCALE_DAYS = 90;
	static final int LARGE_MEMBERS = 2_000;
	static final int LARGE_DAYS = 1_095;
	/** Change-detected streams: what an hourly run over the large state spends its planning on. */
	static final String CHANGE_DETECTED = String.join(",",
			new Catalog().changeDetected().stream().map(StreamDef::name).toList());

	record Scale(double requestsPerSecond, long backfillRequests, long backfillMinimum, long daily, long dailyMinimum) {
	}

	record Plan(double seconds, long heapMegabytes, String described) {
	}

	private LargeBench() {
	}

	/** A full backfill of {@code members} × 90 days, then (if asked) one simulated day and its daily run. */
	static Scale scale(Bench bench, int members, boolean daily) throws Exception {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
			.withMembers(members)
			.withProjects(12)
			.withHistoryDays(SCALE_DAYS)
			.withRequestsPerMinute(0))) {
			long ws = sandbox.data().workspaceIds().get(0);
			LocalDate today = sandbox.data().today(ws);
			try (ConfigurableApplicationContext context = Launcher.start(new String[0],
					Bench.properties(sandbox, bench.database(), 60_000))) {
				SyncRunner runner = context.getBean(SyncRunner.class);
				long started = System.nanoTime();
				List<RecordedRequest> backfill = Bench.run(sandbox, runner, "sync",
						"--from=" + today.minusDays(SCALE_DAYS - 1));
				double seconds = (System.nanoTime() - started) / 1e9;
				long minimum = Minimum.backfill(sandbox, ws, today.minusDays(SCALE_DAYS - 1), today, backfill);
				if (!daily) {
					return new Scale(backfill.size() / seconds, backfill.size(), minimum, 0, 0);
				}
				Simulation day = Simulation.oneDay(sandbox, ws, today, 7);
				// without the history sweep's requests, as at the base size (Bench)
				List<RecordedRequest> run = Bench.withoutSweep(context, Bench.run(sandbox, runner, "sync"));
				return new Scale(backfill.size() / seconds, backfill.size(), minimum, run.size(),
						Minimum.incremental(sandbox, ws, day, run));
			}
		}
	}

	/**
	 * {@code plan}, then one hourly run of the change-detected streams, over a synthesized
	 * 2,000-member × 1,095-day state whose ledger agrees with the reports except on 20
	 * member-days: wall time in this JVM, peak live heap in child JVMs (on a copy of the state).
	 */
	static Plan plan(Bench bench) throws Exception {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
			.withMembers(2)
			.withProjects(2)
			.withHistoryDays(10)
			.withRequestsPerMinute(0))) {
			String state = bench.database();
			LocalDate today = LocalDate.ofInstant(sandbox.options().clock().instant(), ZoneOffset.UTC);
			String now = "sync.now";
			Map<String, Object> properties = Bench.properties(sandbox, state, 60_000);
			properties.put(now, sandbox.options().clock().instant().toString());
			try (ConfigurableApplicationContext context = Launcher.start(new String[0], properties)) {
				SyncRunner runner = context.getBean(SyncRunner.class);
				Bench.run(sandbox, runner, "sync");
				DSLContext ctx = context.getBean(DSLContext.class);
				long ws = ctx.fetchOne("select min(workspace_id) from webwork.workspaces").get(0, Long.class);
				ctx.execute("update webwork.workspaces set _deleted_at = now() where workspace_id <> ?", ws);
				LargeState.synthesize(ctx, ws, LARGE_MEMBERS, LARGE_DAYS, 31, today);
				settle(context, ws, today);
				ctx.execute("update webwork.report_tracked_hours set total_minutes = total_minutes + 5 "
						+ "where workspace_id = ? and date = ? and user_id <= ?", ws, today, LargeState.FIRST_MEMBER + 20);
			}
			String copy = copyOf(bench, state);
			double seconds;
			String described;
			properties.put("sync.streams", CHANGE_DETECTED);
			try (ConfigurableApplicationContext context = Launcher.start(new String[0], properties)) {
				SyncRunner runner = context.getBean(SyncRunner.class);
				long started = System.nanoTime();
				List<StreamPlan> plans = context.getBean(PlanReport.class)
					.plans(runner.window(Command.parse(new String[] { "sync" }, true, sandbox.options().clock())));
				StreamPlan timeEntries = plans.stream().filter(p -> p.stream().equals("time_entries")).findFirst().orElseThrow();
				List<RecordedRequest> run = Bench.run(sandbox, runner, "sync");
				seconds = (System.nanoTime() - started) / 1e9;
				described = String.format("time_entries %d in range, %d changed, %d re-verified; the run sent %d requests",
						timeEntries.candidates(), timeEntries.changed(), timeEntries.verified(), run.size());
			}
			Map<String, Object> child = Bench.properties(sandbox, copy, 60_000);
			child.put(now, sandbox.options().clock().instant().toString());
			child.put("sync.streams", CHANGE_DETECTED);
			long heap = Math.max(Heap.peak("-Xmx512m", List.of("plan"), child), Heap.peak("-Xmx512m", List.of("sync"), child));
			return new Plan(seconds, heap, described);
		}
	}

	/** The ledger as a run that read every reported member-day and day would have left it: fingerprints equal. */
	private static void settle(ConfigurableApplicationContext context, long ws, LocalDate today) {
		ChangeDetector detector = context.getBean(ChangeDetector.class);
		Catalog catalog = context.getBean(Catalog.class);
		DSLContext ctx = context.getBean(DSLContext.class);
		for (String name : List.of("time_entries", "report_timeline", "report_attendance")) {
			StreamDef stream = catalog.get(name);
			Map<String, String> fingerprints = detector.fingerprints(stream, ws, today.minusDays(30), today);
			var batch = ctx.batch(ctx.query("update sync.partitions set source_fingerprint = ? "
					+ "where stream = ? and workspace_id = ? and partition_key = ?", null, name, ws, ""));
			fingerprints.forEach((key, fp) -> batch.bind(fp, name, ws, key));
			if (!fingerprints.isEmpty()) {
				batch.execute();
			}
		}
	}

	private static String copyOf(Bench bench, String database) throws Exception {
		String copy = bench.database();
		String name = copy.substring(copy.lastIndexOf('/') + 1);
		String source = database.substring(database.lastIndexOf('/') + 1);
		try (Connection connection = DriverManager.getConnection(database.replace("/" + source, "/postgres"),
				"postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop database " + name);
			statement.execute("create database " + name + " template " + source);
		}
		return copy;
	}
}
