package com.webworksync.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import com.webworksync.config.Settings;
import com.webworksync.streams.Catalog;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code plan refresh …}: what that refresh reads, per stream, and what it costs: the planner's own plan of the
 * refresh's window (the same one the run then makes), priced from the ledger's page counts, one request for a
 * partition never read. It sends no request.
 */
@Component
public class RefreshReport {

	private static final Catalog CATALOG = new Catalog();

	private final PlanReport report;
	private final Settings settings;

	public RefreshReport(PlanReport report, Settings settings) {
		this.report = report;
		this.settings = settings;
	}

	/** The plans of the refresh's streams, in catalog order. */
	public List<StreamPlan> plans(RunWindow window) {
		return report.plans(window).stream().filter(plan -> window.includes(CATALOG.get(plan.stream()))).toList();
	}

	public String render(RunWindow window, boolean json) {
		List<StreamPlan> plans = plans(window);
		long total = plans.stream().mapToLong(StreamPlan::requests).sum();
		Duration eta = plans.stream()
			.map(p -> report.eta(p.stream(), p.requests()))
			.reduce(Duration.ZERO, Duration::plus);
		if (json) {
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("command", "refresh");
			out.put("run_at", window.runAt().toString());
			out.put("from", window.backfillFrom() == null ? null : window.backfillFrom().toString());
			out.put("to", window.backfillTo() == null ? null : window.backfillTo().toString());
			out.put("lookback_days", window.lookbackDays());
			out.put("workspaces", new TreeSet<>(window.workspaces()));
			out.put("requests_per_minute", settings.requestsPerMinute());
			List<Map<String, Object>> streams = new ArrayList<>();
			for (StreamPlan plan : plans) {
				Map<String, Object> s = new LinkedHashMap<>();
				s.put("stream", plan.stream());
				s.put("partitions", plan.partitions());
				s.put("requests", plan.requests());
				s.put("eta_seconds", report.eta(plan.stream(), plan.requests()).toSeconds());
				streams.add(s);
			}
			out.put("streams", streams);
			out.put("requests", total);
			out.put("eta_seconds", eta.toSeconds());
			return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(out);
		}
		StringBuilder text = new StringBuilder();
		text.append(String.format("plan refresh at %s: %s, %s, %s; %d requests/minute%n%n", window.runAt(),
				String.join(", ", plans.stream().map(StreamPlan::stream).toList()), range(window),
				window.workspaces().isEmpty() ? "every synced workspace" : "workspace " + new TreeSet<>(window.workspaces()),
				settings.requestsPerMinute()));
		text.append(String.format("%-30s %10s %9s %9s%n", "stream", "partitions", "requests", "eta"));
		for (StreamPlan plan : plans) {
			text.append(String.format("%-30s %10d %9d %9s%n", plan.stream(), plan.partitions(), plan.requests(),
					PlanReport.format(report.eta(plan.stream(), plan.requests()))));
		}
		text.append(String.format("%-30s %10s %9d %9s%n", "total", "", total, PlanReport.format(eta)));
		text.append(String.format("%nEvery partition in range is read, changed or not (change detection is off for a "
				+ "refresh); rows the API no longer returns get _deleted_at, the others are replaced in place. Requests are "
				+ "the pages each partition took when last read (one if never read): pages or members added since then "
				+ "add to them.%n"));
		return text.toString();
	}

	private static String range(RunWindow window) {
		return window.backfillFrom() == null ? "the " + window.lookbackDays() + "-day lookback window"
				: window.backfillFrom() + " to " + window.backfillTo();
	}
}
