package com.webworksync.job;

import static com.webworksync.job.CleanRun.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.webworksync.Failures;
import com.webworksync.SyncHarness;
import com.webworksync.WarehouseAssertions;
import com.webworksync.sandbox.Sandbox;

/**
 * Two pods on one workspace's plan: two child JVMs, the shards 1/2 and 2/2 of a pool of two tokens (as the pods of an
 * Indexed Job get them), share the warehouse's queues. One is killed with SIGKILL while it holds a time-entries
 * partition; the other takes the partition over and finishes the plan, and a rerun of the killed shard closes its
 * books. The warehouse equals one token's clean run: no key twice, no partition marked complete that is not.
 */
class PoolCrashTests {

	@Test
	void onePodKilledMidPartitionTheOtherFinishesThePlanAndTheWarehouseEqualsACleanRun() throws Exception {
		try (Sandbox sandbox = PoolFixture.sandbox()) {
			Map<String, List<String>> cleanSnapshot;
			Set<List<Object>> cleanLedger;
			try (SyncHarness clean = PoolFixture.pooled(SyncHarness.on(sandbox), 1)) {
				assertThat(clean.main("sync")).isEqualTo(Failures.OK);
				cleanSnapshot = read(clean.databaseUrl(), WarehouseAssertions::snapshot);
				cleanLedger = read(clean.databaseUrl(), CleanRun::ledger);
			}
			try (SyncHarness first = PoolFixture.pooled(SyncHarness.on(sandbox), 2).with("sync.shard", "1/2");
					SyncHarness second = PoolFixture.pooled(SyncHarness.on(sandbox), 2).with("sync.shard", "2/2");
					ChildSync.Probe probe = new ChildSync.Probe(first.databaseUrl())) {
				second.with("warehouse.url", first.databaseUrl()); // the same warehouse
				Path logs = Files.createDirectories(Path.of("target", "pool-crash"));
				ChildSync killed = ChildSync.withProperties(first, logs.resolve("shard-1.log"));
				ChildSync survivor = ChildSync.withProperties(second, logs.resolve("shard-2.log"));
				String doneByFirst = "select count(*) from sync.pool_partitions q join sync.pool_plans p using (plan_id) "
						+ "where p.stream = 'time_entries' and q.done and q.worked_by like '%connection p1'";
				String doneBySecond = doneByFirst.replace("connection p1", "connection p2");
				killed.killWhen(() -> probe.count(doneByFirst) >= 10 && probe.count(doneBySecond) >= 10);

				assertThat(survivor.await(300)).as(survivor.output()).isEqualTo(Failures.OK);
				assertThat(probe.count("select count(*) from sync.pool_plans where closed_at is null"))
					.as("plans the survivor left open").isZero();
				assertThat(probe.count("select count(distinct run_id) from sync.partitions where stream = 'time_entries'"))
					.as("runs that read time entries").isEqualTo(2);
				probe.close(); // a session of its own
				ChildSync.awaitNoOtherSessions(first.databaseUrl());
				assertThat(first.main("sync")).as("the killed shard's rerun").isEqualTo(Failures.OK);
				CleanRun.assertSameAsClean(first.databaseUrl(), cleanSnapshot, PoolFixture.pooledLedger(cleanLedger, 2));
			}
		}
	}
}
