package com.webworksync.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.webworksync.FreePort;
import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.job.ChildSync;
import com.webworksync.job.ExitCodes;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.SandboxOptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alerts through real components: Debian's {@code prometheus-pushgateway} and {@code prometheus} (scraping the
 * gateway every second with honor_labels, evaluating observability/webwork-sync.rules.yml every second), and syncs
 * against the sandbox that push to the gateway as a CronJob's pod would. One scenario on one warehouse, in order:
 * a sync killed with SIGKILL (exit 137, as at a memory limit) pushes nothing; the next run, failing with exit 1,
 * counts it: two failed runs in a row fire WebworkSyncFailing; a wrong token (exit 2) fires
 * WebworkSyncConfigurationError at once; a run refused by the warehouse lock (exit 4) pushes nothing and changes no
 * alert; a successful run that met 429s resolves both and fires WebworkSyncUnplanned429s.
 * <p>
 * The binaries come from the PATH; without them the suite fails, it does not skip. Each wait polls Prometheus' API
 * for up to {@link #PATIENCE}: the verdict does not depend on the machine's speed below that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsEndToEndTests {

	private static final Duration PATIENCE = Duration.ofSeconds(120);
	private static final long LOCK_KEY = 0x7765627763796e63L; // "webwork-sync": the unsharded job's warehouse lock
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	static Path dir;

	private static final List<Process> processes = new ArrayList<>();
	private static String gateway;
	private static String prometheus;
	private static SyncHarness harness;

	@BeforeAll
	static void start() throws Exception {
		Path pushgatewayBinary = AlertRulesTests.onPath("prometheus-pushgateway");
		Path prometheusBinary = AlertRulesTests.onPath("prometheus");
		int gatewayPort = FreePort.pick();
		gateway = "http://127.0.0.1:" + gatewayPort;
		// in memory only: Debian's build persists to /var/lib/prometheus/pushgateway.data by default
		start("pushgateway", pushgatewayBinary.toString(), "--web.listen-address=127.0.0.1:" + gatewayPort,
				"--persistence.file=");
		Files.writeString(dir.resolve("prometheus.yml"), """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files:
				  - %s
				scrape_configs:
				  - job_name: pushgateway
				    honor_labels: true
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(AlertRulesTests.RULES.toAbsolutePath(), gatewayPort));
		int prometheusPort = FreePort.pick();
		prometheus = "http://127.0.0.1:" + prometheusPort;
		start("prometheus", prometheusBinary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
				"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort);
		await("the Pushgateway ready", () -> status(gateway + "/-/ready") == 200);
		await("Prometheus ready with the rules loaded", () -> status(prometheus + "/-/ready") == 200
				&& get(prometheus + "/api/v1/rules").path("data").path("groups").size() == 1);
		JsonNode group = get(prometheus + "/api/v1/rules").path("data").path("groups").get(0);
		assertThat(group.path("rules").size()).isEqualTo(AlertRulesTests.rules().size());

		harness = SyncHarness.start(SandboxOptions.defaults().withRequestsPerMinute(0).withMembers(6).withProjects(2)
			.withHistoryDays(10))
			.with("sync.lookback-days", 3)
			.with("pushgateway.url", gateway);
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (harness != null) {
			harness.close();
		}
		for (Process process : processes) {
			process.destroy();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
	}

	@Test
	@Order(1)
	void aSyncKilledWithSigkillPushesNothing() throws Exception {
		ChildSync child = ChildSync.withProperties(harness, dir.resolve("killed.log"));
		child.killWhen(() -> harness.sandbox().requests().count() >= 3); // asserts exit 137
		assertThat(groups()).as("what the gateway holds after the kill").isEmpty();
	}

	@Test
	@Order(2)
	void theNextRunFailingCountsTheKilledOneAndTwoFailedRunsInARowFire() throws Exception {
		TestWarehouse.awaitNoOtherSessions(harness.databaseUrl()); // the killed child's lock is gone
		harness.sandbox().faults().inject(Fault.of(Fault.Kind.SERVER_ERROR).times(100_000));
		try {
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.FAILED);
		}
		finally {
			harness.sandbox().faults().clear();
		}
		assertThat(pushed("webwork_sync_failed_runs_in_a_row")).isEqualTo(2.0);
		assertThat(pushed("webwork_sync_run_exit_code")).isEqualTo(1.0);
		Map<String, JsonNode> alerts = awaitAlerts("WebworkSyncFailing firing",
				a -> firing(a, "WebworkSyncFailing"));
		assertThat(alerts.get("WebworkSyncFailing").path("value").asString()).isEqualTo("2e+00");
		assertThat(alerts).doesNotContainKey("WebworkSyncConfigurationError");
	}

	@Test
	@Order(3)
	void aWrongTokenFiresTheConfigurationErrorAtOnce() throws Exception {
		harness.with("webwork.api.token", "wrong-token-1234");
		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
		assertThat(pushed("webwork_sync_run_exit_code")).isEqualTo(2.0);
		Map<String, JsonNode> alerts = awaitAlerts("WebworkSyncConfigurationError firing",
				a -> firing(a, "WebworkSyncConfigurationError") && firing(a, "WebworkSyncFailing"));
		assertThat(alerts.get("WebworkSyncFailing").path("value").asString()).isEqualTo("3e+00");
	}

	@Test
	@Order(4)
	void aRunRefusedByTheLockPushesNothingAndChangesNoAlert() throws Exception {
		harness.with("webwork.api.token", harness.sandbox().options().token());
		double pushedAt = pushed("push_time_seconds");
		try (Connection other = TestWarehouse.connect(harness.databaseUrl()); Statement statement = other.createStatement()) {
			try (ResultSet locked = statement.executeQuery("select pg_try_advisory_lock(" + LOCK_KEY + ")")) {
				locked.next();
				assertThat(locked.getBoolean(1)).isTrue();
			}
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.LOCKED);
		}
		// by Prometheus' clock, which need not be this machine's (another host's, or a test run under another date)
		double refused = query("vector(time())");
		assertThat(refused).as("Prometheus answers").isPositive();
		assertThat(pushed("push_time_seconds")).as("no push").isEqualTo(pushedAt);
		// Prometheus scraped the gateway after the refused run, and evaluated the rules after that scrape
		await("a scrape after the refused run", () -> query("timestamp(push_time_seconds)") > refused + 1);
		Map<String, JsonNode> alerts = awaitAlerts("the alerts after a scrape", a -> true);
		assertThat(firing(alerts, "WebworkSyncConfigurationError")).isTrue();
		assertThat(firing(alerts, "WebworkSyncFailing")).isTrue();
		assertThat(query("webwork_sync_failed_runs_in_a_row")).isEqualTo(3.0);
	}

	@Test
	@Order(5)
	void aSuccessResolvesThemAnd429sFireTheirs() throws Exception {
		TestWarehouse.awaitNoOtherSessions(harness.databaseUrl());
		harness.sandbox().faults().inject(Fault.of(Fault.Kind.TOO_MANY_REQUESTS).retryAfter(1).times(2));
		assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
		harness.sandbox().faults().clear();
		assertThat(pushed("webwork_sync_failed_runs_in_a_row")).isZero();
		Map<String, JsonNode> alerts = awaitAlerts("Unplanned429s firing, the failures resolved",
				a -> firing(a, "WebworkSyncUnplanned429s") && !a.containsKey("WebworkSyncFailing")
						&& !a.containsKey("WebworkSyncConfigurationError"));
		assertThat(alerts.get("WebworkSyncUnplanned429s").path("value").asString()).isEqualTo("2e+00");
		assertThat(alerts).doesNotContainKeys("WebworkSyncStreamLate", "WebworkSyncNoRecentSuccess");
	}

	// ---------------------------------------------------------------------------------------------------------

	private static void start(String name, String... command) throws IOException {
		Path log = dir.resolve(name + ".log");
		processes.add(new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start());
	}

	interface Check {
		boolean holds() throws Exception;
	}

	/** Polls {@code check} until it holds; fails after {@link #PATIENCE} with the servers' logs. */
	private static void await(String what, Check check) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			try {
				if (check.holds()) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			for (Process process : processes) {
				if (!process.isAlive()) {
					fail("a server ended (exit " + process.exitValue() + ") while waiting for " + what + ":\n" + logs());
				}
			}
			if (System.nanoTime() > deadline) {
				fail("no " + what + " within " + PATIENCE.toSeconds() + " s; alerts: " + alerts() + "\n" + logs());
			}
			Thread.sleep(200);
		}
	}

	/** The active alerts (pending or firing) by name, once {@code expected} holds. */
	private static Map<String, JsonNode> awaitAlerts(String what, Predicate<Map<String, JsonNode>> expected) throws Exception {
		await(what, () -> expected.test(alerts()));
		return alerts();
	}

	private static Map<String, JsonNode> alerts() throws IOException, InterruptedException {
		Map<String, JsonNode> byName = new TreeMap<>();
		for (JsonNode alert : get(prometheus + "/api/v1/alerts").path("data").path("alerts")) {
			byName.put(alert.path("labels").path("alertname").asString(), alert);
		}
		return byName;
	}

	private static boolean firing(Map<String, JsonNode> alerts, String name) {
		return alerts.containsKey(name) && alerts.get(name).path("state").asString().equals("firing");
	}

	/** An instant query's single value; NaN when it has none. */
	private static double query(String promql) throws IOException, InterruptedException {
		JsonNode result = get(prometheus + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
			.path("data").path("result");
		return result.size() == 1 ? Double.parseDouble(result.get(0).path("value").get(1).asString()) : Double.NaN;
	}

	/** The groups the gateway holds for the job. */
	private static List<JsonNode> groups() throws IOException, InterruptedException {
		List<JsonNode> groups = new ArrayList<>();
		for (JsonNode group : get(gateway + "/api/v1/metrics").path("data")) {
			if (group.path("labels").path("job").asString().equals("webwork-sync")) {
				groups.add(group);
			}
		}
		return groups;
	}

	/** A gauge of the job's one group at the gateway. */
	private static double pushed(String gauge) throws IOException, InterruptedException {
		List<JsonNode> groups = groups();
		assertThat(groups).hasSize(1);
		JsonNode metrics = groups.get(0).path(gauge).path("metrics");
		assertThat(metrics.size()).as(gauge + " at the gateway").isEqualTo(1);
		return Double.parseDouble(metrics.get(0).path("value").asString());
	}

	private static JsonNode get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private static int status(String url) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static String logs() throws IOException {
		StringBuilder out = new StringBuilder();
		for (String name : List.of("pushgateway", "prometheus")) {
			Path log = dir.resolve(name + ".log");
			if (Files.exists(log)) {
				List<String> lines = Files.readAllLines(log);
				out.append("--- ").append(name).append(" (last lines)\n")
					.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).append('\n');
			}
		}
		return out.toString();
	}
}
