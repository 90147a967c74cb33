package com.webworksync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

/** The summary at the end of {@code sync}, rendered from plain values. */
@Tag("plain")
class RunSummaryTextTests {

	private static Map<String, Long> counts(long upserted, long deleted, long requests, long partitions) {
		return Map.of("upserted", upserted, "deleted", deleted, "requests", requests, "partitions", partitions);
	}

	private static RunSummary run(BatchStatus status, int exitCode) {
		Map<String, Map<String, Long>> byStream = new LinkedHashMap<>();
		byStream.put("workspaces", counts(1, 0, 1, 1));
		byStream.put("time_entries", counts(640, 3, 201, 201));
		byStream.put("leave_policies", counts(0, 0, 1, 0));
		return new RunSummary(42, status, exitCode, null, 205, 2, 1, byStream, Duration.ofMillis(58_640), RunSummary.SYNC);
	}

	@Test
	void everyStreamWithItsCountsThenTheTotalsAndTheRunLine() {
		String text = RunSummaryText.render(run(BatchStatus.COMPLETED, 0), List.of());

		assertThat(text).contains(RunSummaryText.STREAMS);
		assertThat(text).containsPattern("(?m)^  workspaces +1 +0 +1 +1$")
			.containsPattern("(?m)^  time_entries +640 +3 +201 +201$")
			.containsPattern("(?m)^  leave_policies +0 +0 +1 +0$")
			.containsPattern("(?m)^  total +641 +3 +203 +202$");
		assertThat(text.indexOf("workspaces")).as("the recorder's order").isLessThan(text.indexOf("time_entries"));
		assertThat(text).contains("this run inserted or changed 641 rows and marked 3 deleted")
			.contains("run 42: completed, exit code 0, 205 requests, 2 rate-limit waits, 1 retries, 58.6 s");
		assertThat(text).contains(RunSummaryText.NOTHING_PENDING).doesNotContain(RunSummaryText.PENDING);
	}

	@Test
	void whatIsNotSyncedYetComesLastEachWithItsFixOnTheLineBelow() {
		List<Pending> pending = List.of(new Pending("workspace 7 (none of its streams)", "use an Owner's token"),
				new Pending("the rest of run 42's plan: time_entries 35 partitions", "`sync` continues it"));

		String text = RunSummaryText.render(run(BatchStatus.STOPPED, 3), pending);

		assertThat(text).contains("run 42: stopped, exit code 3, ");
		assertThat(text).doesNotContain(RunSummaryText.NOTHING_PENDING);
		String tail = text.substring(text.indexOf(RunSummaryText.PENDING));
		assertThat(tail.lines().toList()).containsExactly(RunSummaryText.PENDING, "  workspace 7 (none of its streams)",
				RunSummaryText.FIX + "use an Owner's token", "  the rest of run 42's plan: time_entries 35 partitions",
				RunSummaryText.FIX + "`sync` continues it");
	}

	@Test
	void aStreamWithoutSomeCountShowsZeroAndTheDurationIsInTenthsOfASecond() {
		RunSummary run = new RunSummary(1, BatchStatus.FAILED, 1, "boom", 0, 0, 0,
				Map.of("members", Map.of("upserted", 5L)), Duration.ofMillis(1_250), RunSummary.SYNC);

		String text = RunSummaryText.render(run, List.of());

		assertThat(text).containsPattern("(?m)^  members +5 +0 +0 +0$")
			.contains("run 1: failed, exit code 1, 0 requests, 0 rate-limit waits, 0 retries, 1.3 s");
	}
}
