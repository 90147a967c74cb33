package com.webworksync.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.springframework.mock.env.MockEnvironment;

import com.webworksync.config.ConfigurationException;
import com.webworksync.streams.Catalog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Where the push goes, from PUSHGATEWAY_URL or Boot's properties, and what the text looks like; what a run reads back
 * from the gateway, and the failed runs in a row it makes of that.
 */
@Tag("plain")
class PushgatewayTests {

	@Test
	void offWithoutConfiguration() {
		assertThat(new Pushgateway(new MockEnvironment()).enabled()).isFalse();
	}

	@Test
	void pushgatewayUrlWithAGroupingKey() {
		Pushgateway gateway = new Pushgateway(new MockEnvironment().withProperty("pushgateway.url", "http://gw:9091/")
			.withProperty(Pushgateway.BOOT + ".grouping-key.connection", "acme corp")
			.withProperty(Pushgateway.BOOT + ".grouping-key.shard", "2/4"));
		assertThat(gateway.target()).hasToString("http://gw:9091/metrics/job/webwork-sync/connection/acme%20corp/shard@base64/Mi80");
	}

	@Test
	void bootsPropertiesWhenEnabled() {
		Pushgateway gateway = new Pushgateway(new MockEnvironment().withProperty(Pushgateway.BOOT + ".enabled", "true")
			.withProperty(Pushgateway.BOOT + ".address", "pushgateway.monitoring:9091")
			.withProperty(Pushgateway.BOOT + ".scheme", "https")
			.withProperty(Pushgateway.BOOT + ".job", "nightly"));
		assertThat(gateway.target()).hasToString("https://pushgateway.monitoring:9091/metrics/job/nightly");
	}

	@Test
	void aBadUrlIsAConfigurationError() {
		assertThatThrownBy(() -> new Pushgateway(new MockEnvironment().withProperty("pushgateway.url", "pushgateway:9091")))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("PUSHGATEWAY_URL");
	}

	@Test
	void theGroupIsTheJobAndTheGroupingKey() {
		Pushgateway gateway = new Pushgateway(new MockEnvironment().withProperty("pushgateway.url", "http://gw:9091")
			.withProperty(Pushgateway.BOOT + ".grouping-key.connection", "acme"));
		assertThat(gateway.group()).isEqualTo(Map.of("job", "webwork-sync", "connection", "acme"));
		assertThat(new Pushgateway(new MockEnvironment()).previous(Set.of("x"))).isEmpty();
	}

	@Test
	void theLastRunsValuesAreThoseOfThisGroupOnly() {
		String answer = """
				{"status":"success","data":[
				 {"labels":{"job":"webwork-sync"},
				  "webwork_sync_failed_runs_in_a_row":{"type":"GAUGE","metrics":[{"labels":{"job":"webwork-sync","instance":""},"value":"7"}]}},
				 {"labels":{"connection":"acme","job":"webwork-sync"},
				  "push_time_seconds":{"type":"GAUGE","metrics":[{"labels":{},"value":"1.7963570119647274e+09"}]},
				  "webwork_sync_failed_runs_in_a_row":{"type":"GAUGE","metrics":[{"labels":{"connection":"acme","job":"webwork-sync","instance":""},"value":"2"}]},
				  "webwork_sync_run_finished_timestamp_seconds":{"type":"GAUGE","metrics":[{"labels":{},"value":"1.7e+09"}]}},
				 {"labels":{"connection":"acme","job":"nightly"},
				  "webwork_sync_failed_runs_in_a_row":{"type":"GAUGE","metrics":[{"labels":{},"value":"9"}]}}]}
				""";
		Map<String, String> group = Map.of("job", "webwork-sync", "connection", "acme");
		assertThat(Pushgateway.values(answer, group,
				Set.of("webwork_sync_failed_runs_in_a_row", "webwork_sync_run_finished_timestamp_seconds", "absent")))
			.isEqualTo(Map.of("webwork_sync_failed_runs_in_a_row", 2.0, "webwork_sync_run_finished_timestamp_seconds", 1.7e9));
		assertThat(Pushgateway.values("{\"status\":\"success\",\"data\":[]}", group, Set.of("webwork_sync_failed_runs_in_a_row")))
			.isEmpty();
	}

	@Test
	void aFailedRunIsAnyExitCodeButDoneDeadlineAndLocked() {
		assertThat(List.of(0, 3, 4)).noneMatch(RunResult::failed);
		// 1 failed, 2 configuration, 5 the JVM's own out-of-memory exit, 137 SIGKILL (at the memory limit)
		assertThat(List.of(1, 2, 5, 137)).allMatch(RunResult::failed);
	}

	@Test
	void failedRunsInARow() {
		Instant lastReport = Instant.parse("2026-12-01T10:05:40Z");
		Double at = (double) lastReport.getEpochSecond();
		assertThat(RunResult.inARow(1, 0, at, List.of())).as("exit 1 once").isEqualTo(1);
		assertThat(RunResult.inARow(1, 1, at, List.of())).as("twice").isEqualTo(2);
		assertThat(RunResult.inARow(2, 1, at, List.of())).as("exit 2 counts").isEqualTo(2);
		assertThat(RunResult.inARow(5, 1, at, List.of())).as("the JVM's out-of-memory exit counts").isEqualTo(2);
		assertThat(RunResult.inARow(0, 5, at, List.of())).as("a success resets").isZero();
		assertThat(RunResult.inARow(3, 1, at, List.of())).as("a deadline stop neither adds nor resets").isEqualTo(1);
		// a run killed after the last report (SIGKILL at the memory limit: it reported nothing), found by this one
		Instant killed = lastReport.plusSeconds(3600);
		assertThat(RunResult.inARow(1, 0, at, List.of(killed))).as("137 then 1").isEqualTo(2);
		assertThat(RunResult.inARow(3, 1, at, List.of(killed))).as("1, 137, then a deadline stop").isEqualTo(2);
		assertThat(RunResult.inARow(0, 1, at, List.of(killed))).as("1, 137, then a success").isZero();
		assertThat(RunResult.inARow(1, 0, null, List.of(killed))).as("nothing reported before").isEqualTo(2);
		// a run left STARTED that reported all the same (the database went away before it closed its books)
		assertThat(RunResult.inARow(1, 1, at, List.of(lastReport.minusSeconds(60)))).isEqualTo(2);
	}

	@Test
	void aRunsResultAsTheAlertsReadIt() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		RunResult result = new RunResult(registry);
		assertThat(result.finishedAt()).isNull();
		result.record(1, Instant.ofEpochSecond(1000), 2);
		String text = PrometheusText.render(registry);
		assertThat(text).contains("webwork_sync_run_exit_code 1\n", "webwork_sync_failed_runs_in_a_row 2\n",
				"webwork_sync_run_finished_timestamp_seconds 1000\n").doesNotContain("last_success");
		result.record(0, Instant.ofEpochSecond(2000), 0);
		assertThat(PrometheusText.render(registry)).contains("webwork_sync_run_exit_code 0\n", "webwork_sync_failed_runs_in_a_row 0\n",
				"webwork_sync_last_success_timestamp_seconds 2000\n");
		assertThat(result.finishedAt()).isEqualTo(2000.0);
	}

	@Test
	void streamsAreDimensionsFactsOrReports() {
		Catalog catalog = new Catalog();
		for (String dimension : List.of("workspaces", "members", "projects", "tasks", "webhooks")) {
			assertThat(StreamFreshness.kind(catalog.get(dimension))).as(dimension).isEqualTo("dimension");
		}
		for (String fact : List.of("time_entries", "timesheets", "expenses", "leaves", "leave_balances")) {
			assertThat(StreamFreshness.kind(catalog.get(fact))).as(fact).isEqualTo("fact");
		}
		for (String report : List.of("report_tracked_hours", "report_timeline", "report_attendance")) {
			assertThat(StreamFreshness.kind(catalog.get(report))).as(report).isEqualTo("report");
		}
	}

	@Test
	void prometheusTextNamesAndEscapes() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Counter.builder("webwork.sync.rows.upserted").tag("stream", "a\"b").register(registry).increment(3);
		Timer.builder("webwork.sync.run").tag("exit_code", "0").register(registry).record(java.time.Duration.ofMillis(1500));
		Gauge.builder("webwork.sync.run.exit.code", () -> 2).register(registry);
		String text = PrometheusText.render(registry);
		assertThat(text).contains("# TYPE webwork_sync_rows_upserted_total counter\n",
				"webwork_sync_rows_upserted_total{stream=\"a\\\"b\"} 3\n", "# TYPE webwork_sync_run_seconds summary\n",
				"webwork_sync_run_seconds_count{exit_code=\"0\"} 1\n", "webwork_sync_run_seconds_sum{exit_code=\"0\"} 1.5\n",
				"webwork_sync_run_exit_code 2\n");
	}
}
