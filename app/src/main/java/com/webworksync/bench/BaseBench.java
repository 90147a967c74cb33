package com.webworksync.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.webworksync.config.Command;
import com.webworksync.config.Launcher;
import com.webworksync.job.SyncRunner;
import com.webworksync.plan.PlanReport;
import com.webworksync.plan.StreamPlan;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.streams.Catalog;
import com.webworksync.warehouse.Ledger;
import com.webworksync.warehouse.PartitionWriter;
import com.webworksync.warehouse.SchemaDrift;

/**
 * The base bench: a backfill, a simulated day's incremental run against the naive and minimal request counts, the
 * re-verification of moved entries, fidelity against a clean backfill, the writer, the budget and the heap.
 */
final class BaseBench {

	private BaseBench() {
	}

	static boolean measure(Bench bench, int members, int days, StringBuilder line) throws Exception {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
			.withMembers(members)
			.withProjects(12)
			.withHistoryDays(days)
			.withRequestsPerMinute(0))) {
			long ws = sandbox.data().workspaceIds().get(0);
			LocalDate today = sandbox.data().today(ws);
			String from = "--from=" + today.minusDays(days - 1);
			System.out.printf("bench: %d members, %d days of history, sandbox unlimited, embedded PostgreSQL%n", members, days);

			String incremental = bench.database();
			double r1;
			double r2;
			double r3;
			long sweep;
			boolean fidelity;
			String loaderVsCopy;
			String privacyCost;
			try (ConfigurableApplicationContext context = Launcher.start(new String[0],
					Bench.properties(sandbox, incremental, 60_000))) {
				SyncRunner runner = context.getBean(SyncRunner.class);
				long started = System.nanoTime();
				List<RecordedRequest> backfill = Bench.run(sandbox, runner, "sync", from);
				Duration backfillTook = Duration.ofNanos(System.nanoTime() - started);
				long backfillMinimum = Minimum.backfill(sandbox, ws, today.minusDays(days - 1), today, backfill);
				r3 = Bench.ratio(backfill.size(), backfillMinimum);
				bench.row("backfill requests / minimum", backfill.size() + " / " + backfillMinimum + String.format(" (%.0f s)",
						backfillTook.toMillis() / 1000.0));

				long naive = context.getBean(PlanReport.class)
					// the window's candidates: naive reads them all (the history sweep's are apart, as its requests are)
					.plans(runner.window(Command.parse(new String[] { "sync" }, true, sandbox.options().clock()))
						.withSweep(Map.of()))
					.stream()
					.mapToLong(StreamPlan::candidates)
					.sum();
				Simulation day = Simulation.oneDay(sandbox, ws, today, 7);
				List<RecordedRequest> daily = Bench.run(sandbox, runner, "sync");
				// the history sweep is the price of the history guarantee, not of the day's changes: apart
				List<RecordedRequest> dayOnly = Bench.withoutSweep(context, daily);
				long swept = daily.size() - dayOnly.size();
				sweep = swept;
				long dailyMinimum = Minimum.incremental(sandbox, ws, day, dayOnly);
				r1 = Bench.ratio(dayOnly.size(), naive);
				r2 = Bench.ratio(dayOnly.size(), dailyMinimum);
				bench.row("simulated day", day.describe());
				bench.row("daily run requests / naive / minimum", daily.size() + " (of them " + swept + " the history sweep's) / "
						+ naive + " / " + dailyMinimum);

				// what the reports cannot see (entries moved in time) is caught by re-verification
				int runs = 1;
				while (!day.movedCaught(context) && runs < 40) {
					Bench.run(sandbox, runner, "sync");
					runs++;
				}
				bench.row("runs until every moved entry was caught", Integer.toString(runs));
				String clean = bench.database();
				try (ConfigurableApplicationContext fresh = Launcher.start(new String[0],
						Bench.properties(sandbox, clean, 60_000))) {
					fresh.getBean(SyncRunner.class).run(Command.parse(new String[] { "sync", from }, true, sandbox.options().clock()));
					Map<String, Integer> differences = Snapshot.differences(
							Snapshot.live(context.getBean(DSLContext.class)),
							Snapshot.live(fresh.getBean(DSLContext.class)));
					fidelity = day.movedCaught(context) && differences.isEmpty();
					bench.row("incremental warehouse vs a clean backfill", differences.isEmpty() ? "identical" : differences.toString());
				}
				DSLContext dsl = context.getBean(DSLContext.class);
				Loader.Result loader = Loader.compare(dsl, context.getBean(PartitionWriter.class),
						Loader.pseudonymizing(dsl, context.getBean(Clock.class), context.getBean(SchemaDrift.class),
								context.getBean(Ledger.class)),
						context.getBean(Catalog.class));
				bench.row("warehouse writer rows/s (pages of 50, one transaction each)", String.format("%.0f", loader.writerRowsPerSecond()));
				bench.row("COPY rows/s into a scratch table", String.format("%.0f", loader.copyRowsPerSecond()));
				loaderVsCopy = String.format("%.2f", loader.ratio());
				bench.figure("loader_vs_copy", loaderVsCopy);
				bench.row("privacy cost: writer rows/s pseudonymize / keep (goal >= 0.9)", String.format("%.2f", loader.privacyCost()));
				privacyCost = String.format("%.2f", loader.privacyCost());
				bench.figure("privacy_cost", privacyCost);
			}

			Budget.Result budget = Budget.measure(bench, 600);
			bench.row("budget: achieved / limit over " + budget.requests() + " requests",
					String.format("%.1f / 600 per minute", budget.perMinute()));
			bench.row("budget: 429 responses", Long.toString(budget.tooManyRequests()));

			Heap.Result heap = Heap.measure(bench, sandbox, Math.max(7, days / 10), days);
			bench.row("peak live heap, " + Math.max(7, days / 10) + " days / " + days + " days",
					heap.baseMegabytes() + " MB / " + heap.tenTimesMegabytes() + " MB");

			line.append(String.format(" incremental_vs_naive=%.3f incremental_vs_min=%.2f sweep_requests=%d backfill_vs_min=%.3f "
					+ "budget_use=%.3f unplanned_429=%d loader_vs_copy=%s privacy_cost=%s heap_ratio=%.2f fidelity=%s", r1, r2, sweep, r3,
					budget.perMinute() / 600.0, budget.tooManyRequests(), loaderVsCopy, privacyCost, heap.ratio(),
					fidelity ? "ok" : "FAIL"));
			return fidelity;
		}
	}
}
