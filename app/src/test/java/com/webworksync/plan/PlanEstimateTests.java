package com.webworksync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;
import com.webworksync.config.Command;
import com.webworksync.job.SyncRunner;
import com.webworksync.sandbox.SandboxOptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code plan} is a number to book a maintenance window with: on the sandbox as shipped, its requests are within 2×
 * of what the run then makes, for a first sync on an empty warehouse (where it lists the workspaces, members and
 * projects, and says so) and for a 7-day backfill of days no run has read. The ratios are printed for the docs.
 */
class PlanEstimateTests {

	private static SyncHarness harness;

	@BeforeAll
	static void start() {
		harness = SyncHarness.start(SandboxOptions.defaults().withRequestsPerMinute(0));
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	private static JsonNode plan(String... args) {
		Command command = Command.parse(args, true, Clock.systemUTC());
		String json = harness.bean(PlanReport.class).render(harness.bean(SyncRunner.class).window(command), true);
		return JsonMapper.builder().build().readTree(json);
	}

	private static long runRequests() {
		return harness.lastRun().requests();
	}

	@Test
	void theFirstSyncAndASevenDayBackfillCostWhatPlanSaid() {
		// an empty warehouse: plan lists what it needs, and only that
		long before = harness.sandbox().requests().count();
		JsonNode first = plan("plan");
		long listing = harness.sandbox().requests().count() - before;
		assertThat(listing).isPositive().isEqualTo(first.path("listing_requests").asLong());
		assertThat(harness.sandbox().requests().all().subList((int) before, (int) (before + listing)))
			.allSatisfy(r -> assertThat(r.path()).isIn("/workspaces", "/members", "/projects"));
		long planned = first.path("requests").asLong();

		assertThat(harness.sync("sync")).isZero();
		double firstRatio = (double) runRequests() / planned;
		System.out.printf("plan ratio, first sync: planned %d, made %d, ratio %.2f%n", planned, runRequests(), firstRatio);
		assertThat(firstRatio).isBetween(0.5, 2.0);

		// seven days well before the window: no run has read their reports
		long ws = harness.sandbox().data().workspaceIds().get(0);
		LocalDate from = harness.sandbox().data().today(ws).minusDays(70);
		String[] backfill = { "sync", "--from=" + from, "--to=" + from.plusDays(6) };
		long plannedBackfill = plan(backfill).path("requests").asLong();
		assertThat(harness.sync(backfill)).isZero();
		double backfillRatio = (double) runRequests() / plannedBackfill;
		System.out.printf("plan ratio, 7-day backfill: planned %d, made %d, ratio %.2f%n", plannedBackfill, runRequests(),
				backfillRatio);
		assertThat(backfillRatio).isBetween(0.5, 2.0);
	}
}
