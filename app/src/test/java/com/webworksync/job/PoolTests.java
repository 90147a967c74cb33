package com.webworksync.job;

import static com.webworksync.job.CleanRun.atNoon;
import static com.webworksync.job.CleanRun.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.config.Command;
import com.webworksync.SyncHarness;
import com.webworksync.WarehouseAssertions;
import com.webworksync.plan.PlanReport;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three tokens of one workspace, pooled (each connection names workspace 5001), against a sandbox that limits each
 * token on its own: the warehouse they build equals one token's clean run, each partition is asked for once, and each
 * token stays under its limit; a token revoked mid-run leaves the pool with one WARN line and the run still ends the
 * same; {@code plan} shows the pool and its combined rate.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@Tag("scenario")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class PoolTests {

	private static Sandbox sandbox;
	private static Map<String, Long> cleanAsked;
	private static Map<String, List<String>> cleanSnapshot;
	private static Set<List<Object>> cleanLedger;
	private static SyncHarness pooled;

	@BeforeAll
	static void cleanRunWithOneToken() throws SQLException {
		sandbox = PoolFixture.sandbox();
		try (SyncHarness clean = PoolFixture.pooled(atNoon(SyncHarness.onMigrated(sandbox)), 1)) {
			assertThat(clean.main("sync")).isEqualTo(ExitCodes.OK);
			cleanAsked = PoolFixture.asked(sandbox.requests().all());
			cleanSnapshot = read(clean.databaseUrl(), WarehouseAssertions::snapshot);
			cleanLedger = read(clean.databaseUrl(), CleanRun::ledger);
		}
	}

	@AfterAll
	static void close() {
		if (pooled != null) {
			pooled.close();
		}
		sandbox.close();
	}

	@Test
	@Order(1)
	void threePooledTokensBuildTheCleanRunsWarehouseAskingForEachPartitionOnce() throws SQLException {
		sandbox.requests().clear();
		pooled = PoolFixture.pooled(atNoon(SyncHarness.onMigrated(sandbox)), 3);
		assertThat(pooled.main("sync")).isEqualTo(ExitCodes.OK);

		List<RecordedRequest> requests = sandbox.requests().all();
		Map<String, Long> asked = PoolFixture.asked(requests);
		// each connection lists its workspaces once; every other request is the clean run's, exactly once
		Map<String, Long> lists = asked.entrySet().stream().filter(e -> e.getKey().startsWith("/workspaces?"))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(lists.values()).as("workspace lists").containsExactly(3L);
		asked.keySet().removeAll(lists.keySet());
		Map<String, Long> cleanFacts = new java.util.HashMap<>(cleanAsked);
		cleanFacts.keySet().removeIf(key -> key.startsWith("/workspaces?"));
		assertThat(asked).as("requests of the pooled run").containsExactlyInAnyOrderEntriesOf(cleanFacts);
		assertThat(asked.values()).as("no partition page asked twice").allMatch(n -> n == 1);

		// all three budgets did the work, none over its limit
		Map<String, Long> entriesByToken = requests.stream().filter(r -> r.path().equals("/time-entries"))
			.collect(Collectors.groupingBy(RecordedRequest::caller, Collectors.counting()));
		long entries = entriesByToken.values().stream().mapToLong(Long::longValue).sum();
		assertThat(entriesByToken).as("time entries per token").hasSize(3)
			.allSatisfy((token, n) -> assertThat(n).as(token).isGreaterThan(entries / 6));
		PoolFixture.assertEachTokenUnderItsLimit(requests);

		CleanRun.assertSameAsClean(pooled.databaseUrl(), cleanSnapshot, PoolFixture.pooledLedger(cleanLedger, 3));
		int queued = CleanRun.read(pooled.databaseUrl(), dsl -> dsl.fetchCount(dsl.selectFrom("sync.pool_partitions")));
		assertThat(queued).as("queues of finished plans are emptied").isZero();
	}

	@Test
	@Order(2)
	void planShowsThePoolAndItsCombinedRate() {
		PlanReport report = pooled.bean(PlanReport.class);
		var window = pooled.bean(SyncRunner.class)
			.window(Command.parse(new String[] { "plan", "--from=" + sandbox.data().today(PoolFixture.WORKSPACE).minusDays(39) },
					true, pooled.bean(java.time.Clock.class)));
		assertThat(report.render(window, false))
			.contains("pool of workspace 5001: p1, p2, p3 (3 tokens here: 1800 requests/minute combined)");
		JsonNode json = JsonMapper.builder().build().readTree(report.render(window, true));
		long requests = 0;
		long poolMillis = 0;
		for (JsonNode stream : json.path("streams")) {
			int rate = stream.path("stream").asString().equals("workspaces") ? 600 : 1800;
			long streamMillis = stream.path("requests").asLong() * 60_000 / rate;
			assertThat(stream.path("eta_seconds").asLong()).as(stream.path("stream").asString())
				.isEqualTo(streamMillis / 1000);
			requests += stream.path("requests").asLong();
			poolMillis += streamMillis;
		}
		assertThat(requests).as("requests planned").isGreaterThan(30);
		// the whole plan is the sum of its streams at their rates, in whole seconds
		assertThat(json.path("eta_seconds").asLong()).as("the whole plan at the pool's rate")
			.isEqualTo(poolMillis / 1000);
		// pooling pays: everything but the one workspace list goes three times as fast, so the plan takes under
		// half of what one token (600/minute) would; compared in milliseconds, as whole seconds truncate both sides
		long oneTokenMillis = requests * 60_000 / 600;
		assertThat(poolMillis).as("the plan at the pool's rate against one token's").isLessThan(oneTokenMillis / 2);
	}

	@Test
	@Order(3)
	void aTokenRevokedMidRunLeavesThePoolWithOneWarnLineAndTheRunEndsTheSame(CapturedOutput output) throws Exception {
		SyncHarness revoked = PoolFixture.pooled(atNoon(SyncHarness.onMigrated(sandbox)), 3);
		sandbox.requests().clear();
		String third = PoolFixture.token(3);
		Thread revoker = new Thread(() -> {
			while (sandbox.requests().all().stream()
				.filter(r -> third.equals(r.caller()) && r.path().equals("/time-entries")).count() < 10) {
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
			sandbox.tokens().revoke(third);
		});
		revoker.setDaemon(true);
		revoker.start();
		try {
			assertThat(revoked.main("sync")).isEqualTo(ExitCodes.OK);
			assertThat(revoker.isAlive()).as("the token was revoked during the run").isFalse();
			assertThat(sandbox.requests().all()).as("the revoked token was turned away").anyMatch(r -> r.status() == 401);
			List<String> warnings = output.getAll().lines().filter(PoolTests::jobWarning).toList();
			assertThat(warnings).as("WARN lines").singleElement().asString()
				.contains("connection 'p3' leaves its pools for the rest of the run")
				.contains("was rejected")
				.doesNotContain(third);
			CleanRun.assertSameAsClean(revoked.databaseUrl(), cleanSnapshot, PoolFixture.pooledLedger(cleanLedger, 3));
		}
		finally {
			revoker.interrupt();
			sandbox.tokens().add(third, "Executive manager");
			revoked.close();
		}
	}

	@Test
	@Order(4)
	void aMemberThatIsNotAManagerLeavesThePoolAndIfNoneIsLeftTheWorkspaceFailsWithExitTwo(CapturedOutput output)
			throws Exception {
		sandbox.tokens().add("pool-token-regular-1", "Regular User");
		sandbox.tokens().add("pool-token-regular-2", "Regular User");
		try (SyncHarness oneRegular = PoolFixture.pooled(atNoon(SyncHarness.onMigrated(sandbox)), 2)
			.with("webwork.connections[1].token", "pool-token-regular-1")) {
			assertThat(oneRegular.main("sync")).isEqualTo(ExitCodes.OK);
			assertThat(output.getAll().lines().filter(PoolTests::jobWarning).toList()).as("WARN lines")
				.singleElement().asString()
				.contains("connection 'p2' leaves the pool of workspace 5001 (the pool carries on with p1)")
				.contains("'Regular User'");
			CleanRun.assertSameAsClean(oneRegular.databaseUrl(), cleanSnapshot, PoolFixture.pooledLedger(cleanLedger, 2));
		}
		try (SyncHarness noManager = PoolFixture.pooled(atNoon(SyncHarness.onMigrated(sandbox)), 2)
			.with("webwork.connections[0].token", "pool-token-regular-1")
			.with("webwork.connections[1].token", "pool-token-regular-2")) {
			assertThat(noManager.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(output.getAll()).contains("webwork-sync: workspace 5001: no connection of its pool (p1, p2) can read it");
		}
	}

	/**
	 * A WARN line of the job's own. The first test of a JVM that asks for a migrated warehouse also captures the test
	 * infrastructure's migration of the template database (Flyway notes that schema sync exists), which is not the run's.
	 */
	private static boolean jobWarning(String line) {
		return line.contains(" WARN ") && !line.contains("org.flywaydb");
	}
}
