package com.webworksync.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.springframework.mock.env.MockEnvironment;

import com.webworksync.config.ConfigurationException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Where the push goes, from PUSHGATEWAY_URL or Boot's properties, and what the text looks like. */
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
