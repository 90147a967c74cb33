package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;

/**
 * SYNC_DEADLINE: the run stops at a chunk boundary before the deadline with its progress saved
 * (exit 3), and the next run finishes the rest without re-reading what was committed.
 */
class DeadlineTests {

	private static SyncHarness harness;

	@BeforeAll
	static void start() {
		// 1,200 requests/minute: a 90-day backfill takes far longer than the 8 s deadline
		harness = SyncHarness.start(SyncHarness.fastOptions().withRequestsPerMinute(1200));
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	void aRunAtItsDeadlineStopsWithProgressSavedAndTheNextRunFinishes() {
		var ws = harness.sandbox().data().workspaceIds().get(0);
		String from = "--from=" + harness.sandbox().data().today(ws).minusDays(89);
		harness.with("sync.deadline", "8s");
		int first = harness.sync("sync", from);
		assertThat(first).isEqualTo(ExitCodes.DEADLINE);
		assertThat(harness.lastRun().error()).contains("SYNC_DEADLINE");
		int partitionsAfterFirst = harness.dsl().fetchCount(com.webworksync.schema.sync.Tables.PARTITIONS);
		assertThat(partitionsAfterFirst).as("progress was saved").isPositive();
		long requestsFirst = harness.sandbox().requests().count();

		harness.restartContext();
		harness.with("sync.deadline", "");
		// re-verification would re-read a share of what the first run read: keep it to its minimum of one
		harness.with("sync.verify-share", "0");
		int second = harness.sync("sync", from);
		assertThat(second).isEqualTo(ExitCodes.OK);
		var resumed = harness.sandbox().requests().all().subList((int) requestsFirst, (int) harness.sandbox().requests().count());
		var before = harness.sandbox().requests().all().subList(0, (int) requestsFirst);
		long repeated = resumed.stream()
			.filter(r -> r.path().equals("/time-entries"))
			.filter(r -> before.stream().anyMatch(b -> b.path().equals(r.path()) && b.query().equals(r.query())))
			.count();
		assertThat(repeated).as("time-entry pages fetched again after the stop (one is the re-verification)")
			.isLessThanOrEqualTo(1);
		long readAfterTheStop = resumed.stream()
			.filter(r -> r.path().equals("/time-entries"))
			.filter(r -> before.stream().noneMatch(b -> b.path().equals(r.path()) && b.query().equals(r.query())))
			.count();
		assertThat(readAfterTheStop).as("time-entry pages the first run left to the second: it stopped early").isPositive();
	}
}
