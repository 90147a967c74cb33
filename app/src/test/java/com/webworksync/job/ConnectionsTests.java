package com.webworksync.job;

import static com.webworksync.WarehouseAssertions.canonical;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.webworksync.SyncHarness;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

import tools.jackson.databind.JsonNode;

/**
 * Two connections, two tokens, two sandboxes (each accepts only its own token: a request sent
 * with the other's would be a 401), one warehouse: every workspace holds exactly its own
 * sandbox's rows, a re-run rewrites nothing, and a shard syncs only its connections.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectionsTests {

	private static final String TOKEN_ACME = "acme-token-5b1f";
	private static final String TOKEN_BETA = "beta-token-9c2e";

	private static Sandbox acme;
	private static Sandbox beta;
	private static SyncHarness harness;

	@BeforeAll
	static void twoSandboxes() {
		SandboxOptions options = SyncHarness.fastOptions().withMembers(5).withProjects(3).withHistoryDays(40);
		acme = Sandbox.start(options.withSeed(7).withToken(TOKEN_ACME).withFirstWorkspaceId(7001));
		beta = Sandbox.start(options.withSeed(8).withToken(TOKEN_BETA).withFirstWorkspaceId(8001).withWorkspaces(2));
		harness = connections(SyncHarness.on(acme));
	}

	@AfterAll
	static void close() {
		harness.close();
		acme.close();
		beta.close();
	}

	/** WEBWORK_CONNECTIONS_0_… = acme, _1_ = beta, and no WEBWORK_API_TOKEN. */
	private static SyncHarness connections(SyncHarness harness) {
		harness.properties().remove("webwork.api.token");
		harness.properties().remove("webwork.api.url");
		return harness.with("webwork.connections[0].name", "beta")
			.with("webwork.connections[0].token", TOKEN_BETA)
			.with("webwork.connections[0].url", beta.baseUrl())
			.with("webwork.connections[1].name", "acme")
			.with("webwork.connections[1].token", TOKEN_ACME)
			.with("webwork.connections[1].url", acme.baseUrl());
	}

	@Test
	@Order(1)
	void twoConnectionsSyncIntoOneWarehouseWithoutMixingRows() {
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);

		Map<Long, String> connections = harness.dsl()
			.fetch("select workspace_id, connection from webwork.workspaces where _deleted_at is null")
			.intoMap(r -> r.get(0, Long.class), r -> r.get(1, String.class));
		assertThat(connections).isEqualTo(Map.of(7001L, "acme", 8001L, "beta", 8002L, "beta"));
		for (Sandbox sandbox : new Sandbox[] { acme, beta }) {
			assertThat(sandbox.requests().all()).as("requests of " + sandbox.options().token()).isNotEmpty()
				.allSatisfy(request -> assertThat(request.authorized()).as(request.path()).isTrue());
			for (long ws : sandbox.data().workspaceIds()) {
				for (String table : new String[] { "members", "projects", "contracts", "tasks" }) {
					assertThat(rows(table, ws)).as(table + " of workspace " + ws).isEqualTo(served(sandbox, table, ws, null));
				}
				LocalDate today = sandbox.data().today(ws);
				assertThat(rows("time_entries", ws)).as("time entries of workspace " + ws)
					.isNotEmpty()
					.isEqualTo(served(sandbox, "time_entries", ws, today.minusDays(30)));
			}
		}
		var byStream = harness.lastRun().byStream();
		assertThat(byStream.get("workspaces").get("partitions")).as("one workspace list per connection").isEqualTo(2);
		assertThat(harness.lastRun().requests()).isEqualTo(acme.requests().count() + beta.requests().count());
		String tokens = String.valueOf(harness.dsl().fetchValue("select string_agg(raw::text, '') from webwork.workspaces"))
				+ harness.dsl().fetchValue("select string_agg(coalesce(error_message, '') || rows_by_stream::text, '') from sync.runs");
		assertThat(tokens).doesNotContain(TOKEN_ACME).doesNotContain(TOKEN_BETA);
	}

	@Test
	@Order(2)
	void aSecondRunRewritesNothingAndDeletesNothing() {
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		assertThat(harness.lastRun().byStream()).allSatisfy((stream, counts) -> {
			assertThat(counts.get("upserted")).as(stream + " upserted").isZero();
			assertThat(counts.get("deleted")).as(stream + " deleted").isZero();
		});
	}

	@Test
	@Order(3)
	void aWorkspaceTwoConnectionsCanReadIsSyncedOnceByTheFirstName() {
		// "zeta" reads the same account as "acme": workspace 7001 stays acme's, and nothing flip-flops
		harness.restartContext();
		harness.with("webwork.connections[2].name", "zeta")
			.with("webwork.connections[2].token", TOKEN_ACME)
			.with("webwork.connections[2].url", acme.baseUrl());
		try {
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(harness.dsl().fetchValue("select connection from webwork.workspaces where workspace_id = 7001"))
				.isEqualTo("acme");
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(harness.lastRun().byStream()).allSatisfy((stream, counts) -> {
				assertThat(counts.get("upserted")).as(stream + " upserted").isZero();
				assertThat(counts.get("deleted")).as(stream + " deleted").isZero();
			});
			assertThat(harness.dsl().fetchValue("select count(*)::int from webwork.workspaces where _deleted_at is null"))
				.isEqualTo(3);
		}
		finally {
			harness.restartContext();
			harness.properties().keySet().removeIf(key -> key.startsWith("webwork.connections[2]"));
		}
	}

	@Test
	@Order(4)
	void theSecondOfTwoShardsSyncsOnlyTheSecondConnection() throws Exception {
		acme.requests().clear();
		beta.requests().clear();
		try (SyncHarness shard = connections(SyncHarness.on(acme)).with("sync.shard", "2/2")) {
			assertThat(shard.main("sync")).isEqualTo(ExitCodes.OK);
			assertThat(acme.requests().all()).as("connection acme is shard 1's").isEmpty();
			assertThat(beta.requests().all()).isNotEmpty();
			try (var db = java.sql.DriverManager.getConnection(shard.databaseUrl(), com.webworksync.TestWarehouse.username(),
					com.webworksync.TestWarehouse.password());
					var rs = db.createStatement().executeQuery(
							"select string_agg(workspace_id::text, ',' order by workspace_id) from webwork.workspaces")) {
				rs.next();
				assertThat(rs.getString(1)).isEqualTo("8001,8002");
			}
		}
	}

	@Test
	@Order(5)
	void badConnectionOrShardConfigurationExitsTwoWithALineNamingTheVariable() {
		assertExitTwo(Map.of("webwork.connections[0].name", "acme"), "WEBWORK_CONNECTIONS_0_TOKEN");
		assertExitTwo(Map.of("webwork.api.token", TOKEN_ACME, "sync.shard", "3/2"), "SYNC_SHARD");
		assertExitTwo(Map.of("webwork.api.token", TOKEN_ACME, "sync.shard", "x"), "SYNC_SHARD");
	}

	@Test
	@Order(6)
	void aRejectedTokenNamesItsConnectionAndNeverTheToken() {
		try (SyncHarness wrong = connections(SyncHarness.on(acme)).with("webwork.connections[0].token", "wrong-token-0d4")) {
			assertThat(wrong.sync()).isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(wrong.lastRun().error()).startsWith("connection 'beta': its token (WEBWORK_CONNECTIONS_<i>_TOKEN) was rejected")
				.doesNotContain("wrong-token-0d4")
				.doesNotContain(TOKEN_BETA);
		}
	}

	private static void assertExitTwo(Map<String, Object> properties, String variable) {
		PrintStream err = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		int exit;
		try {
			System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
			exit = com.webworksync.WebworkSyncApplication.run(new String[] { "sync" }, properties);
		}
		finally {
			System.setErr(err);
		}
		String lines = captured.toString(StandardCharsets.UTF_8);
		assertThat(exit).as(lines).isEqualTo(ExitCodes.CONFIGURATION);
		assertThat(lines.lines().toList()).as(lines).singleElement().asString()
			.startsWith("webwork-sync: " + variable)
			.doesNotContain(TOKEN_ACME);
	}

	private static Map<String, JsonNode> rows(String table, long ws) {
		return harness.dsl()
			.fetch("select id::text, raw::text from webwork." + table + " where workspace_id = ? and _deleted_at is null", ws)
			.stream()
			.collect(Collectors.toMap(r -> r.get(0, String.class), r -> canonical(r.get(1, String.class))));
	}

	private static Map<String, JsonNode> served(Sandbox sandbox, String resource, long ws, LocalDate from) {
		return sandbox.data().list(resource, ws).stream()
			.filter(item -> from == null || !LocalDate.parse(item.path("date").asString()).isBefore(from))
			.collect(Collectors.toMap(item -> item.path("id").asString(), item -> canonical(item)));
	}
}
