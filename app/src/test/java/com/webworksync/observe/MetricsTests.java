package com.webworksync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.sun.net.httpserver.HttpServer;
import com.webworksync.job.ExitCodes;
import com.webworksync.SyncHarness;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.streams.StreamDef;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * After a sandbox run the registry holds what happened: requests per endpoint as the sandbox
 * logged them, rows per stream as sync.runs records them, the run's result; the same numbers
 * reach a Pushgateway (a fake one on localhost). The status command prints the run and the
 * streams without asking the API anything.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsTests {

	record Push(String method, String path, String contentType, String body) {
	}

	private static final List<Push> pushes = new CopyOnWriteArrayList<>();
	private static final List<String> queries = new CopyOnWriteArrayList<>();
	/** What the fake gateway answers to GET /api/v1/metrics. */
	private static volatile String gatewayState = "{\"status\":\"success\",\"data\":[]}";
	private static HttpServer gateway;
	private static SyncHarness harness;
	private static long ws;

	@BeforeAll
	static void syncOnce() throws IOException {
		gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gateway.createContext("/", exchange -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			if (exchange.getRequestMethod().equals("GET")) {
				// the query API: what the last run that pushed left in the group
				queries.add(exchange.getRequestURI().getRawPath());
				byte[] answer = gatewayState.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
				return;
			}
			pushes.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		gateway.start();
		harness = SyncHarness.start(options())
			.with("sync.lookback-days", 5)
			.with("sync.freshness-goals", "report_tracked_hours=6h")
			.with("pushgateway.url", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/")
			.with("management.prometheus.metrics.export.pushgateway.grouping-key.connection", "main");
		ws = harness.sandbox().data().workspaceIds().get(0);
		harness.sandbox().requests().clear();
		assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);
	}

	static SandboxOptions options() {
		return SandboxOptions.defaults().withRequestsPerMinute(0).withMembers(6).withProjects(2).withHistoryDays(10);
	}

	@AfterAll
	static void close() {
		harness.close();
		gateway.stop(0);
	}

	@Test
	@Order(1)
	void requestsPerEndpointAreTheSandboxsRequests() {
		MeterRegistry registry = harness.bean(MeterRegistry.class);
		Map<String, Long> byEndpoint = new TreeMap<>();
		for (Timer timer : registry.find(SyncMetrics.REQUESTS).timers()) {
			assertThat(timer.getId().getTag("status")).isEqualTo("200");
			byEndpoint.merge(timer.getId().getTag("endpoint"), timer.count(), Long::sum);
		}
		assertThat(byEndpoint).isNotEmpty().isEqualTo(harness.sandbox().requests().countsByPath());
		assertThat(byEndpoint.values().stream().mapToLong(Long::longValue).sum())
			.isEqualTo(harness.lastRun().requests());
		assertThat(registry.get(SyncMetrics.RATE_LIMIT_WAITS).functionCounter().count()).isZero();
	}

	@Test
	@Order(2)
	void rowsAndPartitionsPerStreamAreWhatSyncRunsRecords() {
		MeterRegistry registry = harness.bean(MeterRegistry.class);
		JSONB recorded = harness.dsl()
			.select(DSL.field("rows_by_stream", JSONB.class))
			.from("sync.runs")
			.where(DSL.field("run_id").eq(harness.lastRun().runId()))
			.fetchSingle()
			.value1();
		JsonNode byStream = JsonMapper.builder().build().readTree(recorded.data());
		long totalUpserted = 0;
		for (var entry : byStream.properties()) {
			String stream = entry.getKey();
			JsonNode counts = entry.getValue();
			assertThat(count(registry, SyncMetrics.ROWS_UPSERTED, stream)).as(stream)
				.isEqualTo(counts.path("upserted").asLong());
			assertThat(count(registry, SyncMetrics.ROWS_DELETED, stream)).as(stream)
				.isEqualTo(counts.path("deleted").asLong());
			assertThat(count(registry, SyncMetrics.PARTITIONS_DONE, stream)).as(stream)
				.isEqualTo(counts.path("partitions").asLong());
			assertThat(count(registry, SyncMetrics.STREAM_REQUESTS, stream)).as(stream)
				.isEqualTo(counts.path("requests").asLong());
			// a first run reads every partition it planned
			assertThat(count(registry, SyncMetrics.PARTITIONS_PLANNED, stream)).as(stream)
				.isEqualTo(counts.path("partitions").asLong());
			totalUpserted += counts.path("upserted").asLong();
		}
		assertThat(count(registry, SyncMetrics.ROWS_UPSERTED, "time_entries")).isPositive();
		assertThat(totalUpserted).isPositive();
	}

	@Test
	@Order(3)
	void theRunIsTimedAndTaggedWithItsResult() {
		MeterRegistry registry = harness.bean(MeterRegistry.class);
		Timer run = registry.get(SyncMetrics.RUN).timer();
		assertThat(run.getId().getTag("exit_code")).isEqualTo("0");
		assertThat(run.getId().getTag("status")).isEqualTo("COMPLETED");
		assertThat(run.count()).isEqualTo(1);
		assertThat(run.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isPositive();
		assertThat(registry.get(SyncMetrics.RUN_EXIT_CODE).gauge().value()).isZero();
		assertThat(registry.get(SyncMetrics.LAST_SUCCESS).gauge().value()).isPositive();
	}

	@Test
	@Order(4)
	void theMetricsArePushedToThePushgatewayAtTheEndOfTheRun() {
		assertThat(pushes).hasSize(1);
		Push push = pushes.get(0);
		assertThat(push.method()).isEqualTo("POST");
		assertThat(push.path()).isEqualTo("/metrics/job/webwork-sync/connection/main");
		assertThat(push.contentType()).startsWith("text/plain; version=0.0.4");
		assertThat(queries).as("the last run's values, read before the push").containsExactly("/api/v1/metrics");
		assertThat(push.body()).contains("# TYPE webwork_sync_api_requests_seconds summary",
				"webwork_sync_api_requests_seconds_count{endpoint=\"/members\",status=\"200\"} ",
				"webwork_sync_rows_upserted_total{stream=\"time_entries\"} ",
				"webwork_sync_rows_deleted_total{stream=\"time_entries\"} 0",
				"webwork_sync_partitions_planned_total{stream=\"time_entries\"} ",
				"webwork_sync_partitions_done_total{stream=\"time_entries\"} ",
				"webwork_sync_rate_limit_waits_total 0",
				"webwork_sync_run_seconds_count{exit_code=\"0\",status=\"COMPLETED\"} 1",
				"webwork_sync_run_exit_code 0", "webwork_sync_last_success_timestamp_seconds ",
				"webwork_sync_run_finished_timestamp_seconds ", "webwork_sync_failed_runs_in_a_row 0\n",
				"webwork_sync_stream_last_success_timestamp_seconds{kind=\"fact\",stream=\"time_entries\",workspace_id=\"" + ws + "\"} ",
				"webwork_sync_stream_last_success_timestamp_seconds{kind=\"report\",stream=\"report_tracked_hours\",workspace_id=\"" + ws + "\"} ",
				"webwork_sync_stream_last_success_timestamp_seconds{kind=\"dimension\",stream=\"members\",workspace_id=\"" + ws + "\"} ",
				"webwork_sync_stream_last_success_timestamp_seconds{kind=\"dimension\",stream=\"workspaces\",workspace_id=\"0\"} ");
		// each stream's goal beside its last success: the configured one, else the stream's default
		assertThat(value(push.body(), "webwork_sync_stream_freshness_goal_seconds{kind=\"report\",stream=\"report_tracked_hours\","
				+ "workspace_id=\"" + ws + "\"}")).isEqualTo("21600");
		assertThat(value(push.body(), "webwork_sync_stream_freshness_goal_seconds{kind=\"fact\",stream=\"time_entries\","
				+ "workspace_id=\"" + ws + "\"}")).isEqualTo(Long.toString(StreamDef.FACT_GOAL.toSeconds()));
		assertThat(value(push.body(), "webwork_sync_stream_freshness_goal_seconds{kind=\"dimension\",stream=\"members\","
				+ "workspace_id=\"" + ws + "\"}")).isEqualTo(Long.toString(StreamDef.DIMENSION_GOAL.toSeconds()));
		// no start date: no backfill to count
		assertThat(push.body()).doesNotContain("webwork_sync_backfill_days_left");
		long finished = Long.parseLong(value(push.body(), "webwork_sync_run_finished_timestamp_seconds"));
		assertThat(value(push.body(), "webwork_sync_last_success_timestamp_seconds")).isEqualTo(Long.toString(finished));
		assertThat(Long.parseLong(value(push.body(),
				"webwork_sync_stream_last_success_timestamp_seconds{kind=\"fact\",stream=\"time_entries\",workspace_id=\"" + ws + "\"}")))
			.isBetween(finished - 600, finished);
		long members = harness.sandbox().requests().count("/members");
		assertThat(push.body()).contains(
				"webwork_sync_api_requests_seconds_count{endpoint=\"/members\",status=\"200\"} " + members + "\n");
		assertThat(push.body()).doesNotContain(harness.sandbox().options().token());
		// every sample line is "name{labels} value"
		assertThat(push.body().lines().filter(l -> !l.startsWith("#")))
			.allMatch(l -> l.matches("[a-z_]+(\\{[^}]*\\})? [-+0-9.eENaInf]+"));
	}

	@Test
	@Order(5)
	void statusPrintsTheRunsAndTheStreamsWithoutARequest(CapturedOutput output) {
		harness.sandbox().requests().clear();
		assertThat(harness.main("status")).isEqualTo(ExitCodes.OK);
		assertThat(harness.sandbox().requests().count()).isZero();
		String printed = output.getOut();
		long runId = harness.lastRun().runId();
		assertThat(printed).contains("last runs", "streams (per workspace");
		assertThat(printed).containsPattern("(?m)^  " + runId + " +sync +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ .* COMPLETED +0 +"
				+ harness.lastRun().requests() + " ");
		assertThat(printed).containsPattern("(?m)^  " + ws + " +time_entries +\\d{4}-");
		assertThat(printed).containsPattern("(?m)^  \\(list\\) +workspaces +\\d{4}-");
		assertThat(printed).doesNotContain(harness.sandbox().options().token());
	}

	@Test
	@Order(6)
	void aSyncThatCannotReachTheWarehousePushesItsResultWithTheFailedRunsInARow() throws IOException {
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		pushes.clear();
		// the last run that pushed to this group failed once, at 1000 s
		gatewayState = "{\"status\":\"success\",\"data\":[" + group("other-connection", 7, 1000) + "," + group("main", 1, 1000) + "]}";
		String url = (String) harness.properties().get("warehouse.url");
		harness.with("warehouse.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/warehouse");
		try {
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.FAILED);
		}
		finally {
			harness.with("warehouse.url", url);
		}
		assertThat(pushes).singleElement().satisfies(push -> {
			assertThat(push.path()).isEqualTo("/metrics/job/webwork-sync/connection/main");
			assertThat(push.body()).contains("webwork_sync_run_exit_code 1\n", "webwork_sync_failed_runs_in_a_row 2\n",
					"webwork_sync_run_finished_timestamp_seconds ");
			// a POST replaces only the metrics it holds: the last success and the streams stay at the gateway
			assertThat(push.body()).doesNotContain("webwork_sync_last_success", "webwork_sync_stream_", "webwork_sync_api_");
		});
	}

	@Test
	@Order(7)
	void aConfigurationErrorIsPushedAndARunRefusedByTheLockIsNot() throws Exception {
		pushes.clear();
		gatewayState = "{\"status\":\"success\",\"data\":[" + group("main", 2, 2000) + "]}";
		harness.with("sync.streams", "members,time_entrys");
		try {
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
		}
		finally {
			harness.properties().remove("sync.streams");
		}
		assertThat(pushes).singleElement().satisfies(push -> assertThat(push.body())
			.contains("webwork_sync_run_exit_code 2\n", "webwork_sync_failed_runs_in_a_row 3\n"));

		pushes.clear();
		try (java.sql.Connection other = com.webworksync.TestWarehouse.connect(harness.databaseUrl());
				java.sql.Statement statement = other.createStatement()) {
			statement.execute("select pg_advisory_lock(" + 0x7765627763796e63L + ")");
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.LOCKED);
		}
		assertThat(pushes).as("a run refused by the lock is not a run").isEmpty();
	}

	/** One group of a fake /api/v1/metrics answer: job webwork-sync, a connection, two gauges. */
	private static String group(String connection, long inARow, long finished) {
		String labels = "{\"job\":\"webwork-sync\",\"connection\":\"" + connection + "\"}";
		return "{\"labels\":" + labels + ",\"webwork_sync_failed_runs_in_a_row\":{\"type\":\"GAUGE\",\"metrics\":[{\"labels\":"
				+ labels + ",\"value\":\"" + inARow + "\"}]},\"webwork_sync_run_finished_timestamp_seconds\":{\"type\":\"GAUGE\","
				+ "\"metrics\":[{\"labels\":" + labels + ",\"value\":\"" + finished + "\"}]}}";
	}

	/** The value of the sample line {@code series} (name and labels, as rendered). */
	private static String value(String body, String series) {
		return body.lines()
			.filter(l -> l.startsWith(series + " "))
			.map(l -> l.substring(series.length() + 1))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + body));
	}

	@Test
	@Order(8)
	void aRefreshPushesToAGroupOfItsOwnAndNoLastSuccess() {
		int before = pushes.size();
		assertThat(harness.main("refresh", "--streams=members")).isEqualTo(ExitCodes.OK);

		assertThat(pushes).hasSize(before + 1);
		Push push = pushes.get(before);
		assertThat(push.path()).isEqualTo("/metrics/job/webwork-sync/connection/main/kind/refresh");
		assertThat(push.body()).contains("webwork_sync_run_exit_code 0",
				"webwork_sync_rows_upserted_total{stream=\"members\"} ",
				"webwork_sync_api_requests_seconds_count{endpoint=\"/members\",status=\"200\"} 1\n")
			.as("the hourly runs' last success is theirs").doesNotContain("webwork_sync_last_success_timestamp_seconds");
	}

	private static long count(MeterRegistry registry, String name, String stream) {
		Counter counter = registry.find(name).tag("stream", stream).counter();
		return counter == null ? 0 : (long) counter.count();
	}
}
