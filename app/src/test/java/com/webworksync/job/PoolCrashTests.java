package com.webworksync.job;

import static com.webworksync.job.CleanRun.atNoon;
import static com.webworksync.job.CleanRun.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import com.webworksync.SyncHarness;
import com.webworksync.WarehouseAssertions;
import com.webworksync.sandbox.Sandbox;

/**
 * Two pods on one workspace's plan: two child JVMs, the shards 1/2 and 2/2 of a pool of two tokens (as the pods of an
 * Indexed Job get them), share the warehouse's queues. One is killed with SIGKILL while it holds a time-entries
 * partition; the other takes the partition over and finishes the plan, and a rerun of the killed shard closes its
 * books. The warehouse equals one token's clean run: no key twice, no partition marked complete that is not. And one
 * process of three workers killed mid-run and restarted asks again only for the pages that were in flight.
 */
@Tag("scenario")
class PoolCrashTests {

	private static Sandbox sandbox;
	private static Map<String, List<String>> cleanSnapshot;
	private static Set<List<Object>> cleanLedger;
	private static Map<String, Long> cleanAsked;

	@BeforeAll
	static void cleanRunWithOneToken() throws Exception {
		sandbox = PoolFixture.sandbox();
		try (SyncHarness clean = PoolFixture.pooled(atNoon(SyncHarness.on(sandbox)), 1)) {
			assertThat(clean.main("sync")).isEqualTo(ExitCodes.OK);
			cleanAsked = PoolFixture.asked(sandbox.requests().all());
			cleanSnapshot = read(clean.databaseUrl(), WarehouseAssertions::snapshot);
			cleanLedger = read(clean.databaseUrl(), CleanRun::ledger);
		}
	}

	@AfterAll
	static void close() {
		sandbox.close();
	}

	@Test
	void onePodKilledMidPartitionTheOtherFinishesThePlanAndTheWarehouseEqualsACleanRun() throws Exception {
		try (SyncHarness first = PoolFixture.pooled(atNoon(SyncHarness.on(sandbox)), 2).with("sync.shard", "1/2");
					SyncHarness second = PoolFixture.pooled(atNoon(SyncHarness.on(sandbox)), 2).with("sync.shard", "2/2");
					ChildSync.Probe probe = new ChildSync.Probe(first.databaseUrl())) {
				second.with("warehouse.url", first.databaseUrl()); // the same warehouse
				Path logs = Files.createDirectories(Path.of("target", "pool-crash"));
				// the pod to kill reads at 2 requests a second: its time entries take most of a minute, however long the
				// survivor's JVM takes to start (10 s beside another suite), so both hold partitions when it is killed
				Object rate = first.properties().get("webwork.requests-per-minute");
				first.with("webwork.requests-per-minute", 120);
				ChildSync killed = ChildSync.withProperties(first, logs.resolve("shard-1.log"));
				first.with("webwork.requests-per-minute", rate);
				// the pods work one plan together once the workspace is known: its row is p1's list's, and a pod that
				// plans before it exists finds nothing to read (the survivor would then have nothing to take over)
				for (int i = 0; i < 1200 && probe.count("select count(*) from webwork.workspaces") < 1; i++) {
					Thread.sleep(100);
				}
				ChildSync survivor = ChildSync.withProperties(second, logs.resolve("shard-2.log"));
				String doneByFirst = "select count(*) from sync.pool_partitions q join sync.pool_plans p using (plan_id) "
						+ "where p.stream = 'time_entries' and q.done and q.worked_by like '%connection p1'";
				String doneBySecond = doneByFirst.replace("connection p1", "connection p2");
				killed.killWhen(() -> probe.count(doneByFirst) >= 10 && probe.count(doneBySecond) >= 10);

				assertThat(survivor.await(300)).as(survivor.output()).isEqualTo(ExitCodes.OK);
				assertThat(probe.count("select count(*) from sync.pool_plans where closed_at is null"))
					.as("plans the survivor left open").isZero();
				assertThat(probe.count("select count(distinct run_id) from sync.partitions where stream = 'time_entries'"))
					.as("runs that read time entries").isEqualTo(2);
				probe.close(); // a session of its own
				ChildSync.awaitNoOtherSessions(first.databaseUrl());
				assertThat(first.main("sync")).as("the killed shard's rerun").isEqualTo(ExitCodes.OK);
				CleanRun.assertSameAsClean(first.databaseUrl(), cleanSnapshot, PoolFixture.pooledLedger(cleanLedger, 2));
		}
	}

	@Test
	void aKilledRunOfThreeWorkersRestartedAsksAgainOnlyThePagesInFlight() throws Exception {
		try (SyncHarness pooled = PoolFixture.pooled(atNoon(SyncHarness.on(sandbox)), 3);
				ChildSync.Probe probe = new ChildSync.Probe(pooled.databaseUrl())) {
			sandbox.requests().clear();
			ChildSync killed = ChildSync.withProperties(pooled,
					Files.createDirectories(Path.of("target", "pool-crash")).resolve("three-workers.log"));
			killed.killWhen(() -> probe.count("select count(*) from sync.pool_partitions q join sync.pool_plans p "
					+ "using (plan_id) where p.stream = 'time_entries' and q.done") >= 30);
			probe.close();
			ChildSync.awaitNoOtherSessions(pooled.databaseUrl());
			assertThat(pooled.main("sync")).as("the restart").isEqualTo(ExitCodes.OK);

			Map<String, Long> asked = PoolFixture.asked(sandbox.requests().all());
			assertThat(asked.keySet()).as("what the killed run and its restart asked for")
				.isEqualTo(cleanAsked.keySet());
			long again = asked.entrySet().stream()
				.filter(e -> !e.getKey().startsWith("/workspaces?"))
				.mapToLong(e -> e.getValue() - 1)
				.sum();
			assertThat(again).as("pages asked twice: at most the ones in flight, one per worker").isLessThanOrEqualTo(3);
			CleanRun.assertSameAsClean(pooled.databaseUrl(), cleanSnapshot, PoolFixture.pooledLedger(cleanLedger, 3));
		}
	}
}
