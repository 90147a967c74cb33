package com.webworksync.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.webworksync.Settings;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code plan}: what the next run would read, per stream, the requests it would cost (page counts
 * from the ledger) and how long that takes at the configured rate. It sends no request at all:
 * change-detected streams are planned from the reports as the last run left them.
 */
@Component
public class PlanReport {

	private final Catalog catalog;
	private final Planner planner;
	private final Settings settings;
	private final com.webworksync.job.Pools pools;
	private final com.webworksync.Connections connections;

	public PlanReport(Catalog catalog, Planner planner, Settings settings, com.webworksync.job.Pools pools,
			com.webworksync.Connections connections) {
		this.catalog = catalog;
		this.planner = planner;
		this.settings = settings;
		this.pools = pools;
		this.connections = connections;
	}

	/** Each pool as configured, with the members this process syncs (each adds its own budget). */
	private Map<Long, List<String>> pools() {
		Map<Long, List<String>> mine = new java.util.TreeMap<>();
		pools.configured().forEach((ws, members) -> mine.put(ws, members.stream().filter(connections::isActive).toList()));
		return mine;
	}

	/**
	 * Requests per minute the run's partitions are read at: one budget, or the combined budget of the largest pool's
	 * members in this process (pooled workspaces' partitions go to whichever member is free; the workspace lists are
	 * read by their own connections, one each).
	 */
	private int rate(String stream) {
		int members = pools().values().stream().mapToInt(List::size).max().orElse(1);
		return stream.equals("workspaces") ? settings.requestsPerMinute() : settings.requestsPerMinute() * Math.max(1, members);
	}

	public List<StreamPlan> plans(RunWindow window) {
		List<StreamPlan> plans = new ArrayList<>();
		for (StreamDef stream : catalog.all()) {
			plans.add(planner.explain(stream, window));
		}
		return plans;
	}

	public String render(RunWindow window, boolean json) {
		List<StreamPlan> plans = plans(window);
		long total = plans.stream().mapToLong(StreamPlan::requests).sum();
		Duration eta = plans.stream().map(p -> eta(p.stream(), p.requests())).reduce(Duration.ZERO, Duration::plus);
		if (json) {
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("run_at", window.runAt().toString());
			out.put("lookback_days", window.lookbackDays());
			out.put("backfill_from", window.backfillFrom() == null ? null : window.backfillFrom().toString());
			out.put("backfill_to", window.backfillTo() == null ? null : window.backfillTo().toString());
			out.put("requests_per_minute", settings.requestsPerMinute());
			List<Map<String, Object>> pooled = new ArrayList<>();
			pools().forEach((ws, members) -> pooled.add(Map.of("workspace_id", ws, "connections", members,
					"requests_per_minute", settings.requestsPerMinute() * members.size())));
			out.put("pools", pooled);
			List<Map<String, Object>> streams = new ArrayList<>();
			for (StreamPlan plan : plans) {
				Map<String, Object> s = new LinkedHashMap<>();
				s.put("stream", plan.stream());
				s.put("partitions", plan.partitions());
				s.put("in_range", plan.candidates());
				s.put("changed", plan.changed());
				s.put("verify", plan.verified());
				s.put("skipped", plan.skipped());
				s.put("requests", plan.requests());
				s.put("eta_seconds", eta(plan.stream(), plan.requests()).toSeconds());
				streams.add(s);
			}
			out.put("streams", streams);
			out.put("requests", total);
			out.put("eta_seconds", eta.toSeconds());
			return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(out);
		}
		StringBuilder text = new StringBuilder();
		text.append(String.format("plan at %s: lookback %d days%s, %d requests/minute%n%n", window.runAt(),
				window.lookbackDays(),
				window.backfillFrom() == null ? "" : ", backfill " + window.backfillFrom() + " to " + window.backfillTo(),
				settings.requestsPerMinute()));
		pools().forEach((ws, members) -> text.append(String.format("pool of workspace %d: %s (%d tokens here: %d requests/minute combined)%n",
				ws, String.join(", ", members), members.size(), settings.requestsPerMinute() * members.size())));
		if (!pools.configured().isEmpty()) {
			text.append("\n");
		}
		text.append(String.format("%-30s %10s %9s %8s %7s %9s %9s%n", "stream", "partitions", "in range", "changed",
				"verify", "requests", "eta"));
		for (StreamPlan plan : plans) {
			text.append(String.format("%-30s %10d %9d %8d %7d %9d %9s%n", plan.stream(), plan.partitions(),
					plan.candidates(), plan.changed(), plan.verified(), plan.requests(), format(eta(plan.stream(), plan.requests()))));
		}
		text.append(String.format("%-30s %10s %9s %8s %7s %9d %9s%n", "total", "", "", "", "", total, format(eta)));
		text.append("\nChange-detected streams (tasks, time_entries, report_timeline, report_attendance) are planned from\n"
				+ "the reports as the last run left them; a run re-reads those reports first and may find more changes.\n");
		if (plans.stream().filter(p -> p.stream().equals("members")).allMatch(p -> p.candidates() == 0)) {
			text.append("The warehouse holds no workspace yet: the first sync reads the workspaces, then plans the rest.\n");
		}
		return text.toString();
	}

	private Duration eta(String stream, long requests) {
		return Duration.ofMillis(requests * 60_000L / rate(stream));
	}

	static String format(Duration duration) {
		long s = duration.toSeconds();
		return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
				: s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
	}
}
