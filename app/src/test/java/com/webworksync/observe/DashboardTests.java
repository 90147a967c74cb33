package com.webworksync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard in docs/guide reads only metrics the metrics table of observability.md documents, shows the
 * webhooks' metrics, and lays its panels out without one covering another (Grafana would move them about).
 */
@Tag("plain")
class DashboardTests {

	private static final Path DASHBOARD = Path.of("docs", "guide", "grafana-dashboard.json");

	private static final Pattern METRIC = Pattern.compile("webwork_[a-z_]+");

	/** A documented summary or timer is written once as {@code name_count / _sum}: compare the names without them. */
	private static final Pattern SERIES_SUFFIX = Pattern.compile("_(count|sum|max|bucket)$");

	@Test
	void everyMetricTheDashboardReadsIsDocumented() throws IOException {
		Set<String> documented = new HashSet<>();
		for (String line : Files.readAllLines(AlertRulesTests.GUIDE)) {
			Matcher row = Pattern.compile("^\\| `(webwork_[a-z_]+)`").matcher(line);
			if (row.find()) {
				documented.add(base(row.group(1)));
			}
		}
		Set<String> read = readByDashboard();
		assertThat(read).isNotEmpty();
		assertThat(documented).as("the metrics table of " + AlertRulesTests.GUIDE).containsAll(read);
	}

	@Test
	void theWebhooksMetricsAreOnTheDashboard() throws IOException {
		assertThat(readByDashboard()).contains(PrometheusText.name(SyncMetrics.HINT_LATENCY),
				PrometheusText.name(SyncMetrics.CHANGES_WITHOUT_HINT) + "_total",
				PrometheusText.name(SyncMetrics.WEBHOOK_SUBSCRIPTIONS));
	}

	@Test
	void panelsHaveTheirOwnIdsAndDoNotOverlap() throws IOException {
		List<int[]> boxes = new ArrayList<>();
		Set<Integer> ids = new HashSet<>();
		for (JsonNode panel : dashboard().get("panels")) {
			assertThat(ids.add(panel.get("id").asInt())).as("panel id %s once", panel.get("id")).isTrue();
			JsonNode at = panel.get("gridPos");
			int[] box = { at.get("x").asInt(), at.get("y").asInt(), at.get("w").asInt(), at.get("h").asInt() };
			assertThat(box[0] + box[2]).as("%s fits the 24 columns", panel.get("title")).isLessThanOrEqualTo(24);
			for (int[] other : boxes) {
				boolean apart = box[0] + box[2] <= other[0] || other[0] + other[2] <= box[0]
						|| box[1] + box[3] <= other[1] || other[1] + other[3] <= box[1];
				assertThat(apart).as("%s overlaps another panel", panel.get("title")).isTrue();
			}
			boxes.add(box);
		}
	}

	private static Set<String> readByDashboard() throws IOException {
		Set<String> read = new TreeSet<>();
		for (JsonNode panel : dashboard().get("panels")) {
			for (JsonNode target : panel.path("targets")) {
				Matcher m = METRIC.matcher(target.path("expr").asString(""));
				while (m.find()) {
					read.add(base(m.group()));
				}
			}
		}
		return read;
	}

	private static String base(String series) {
		return SERIES_SUFFIX.matcher(series).replaceFirst("");
	}

	private static JsonNode dashboard() throws IOException {
		return JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
	}
}
