package com.webworksync.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.webworksync.config.Settings;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partitioning;
import com.webworksync.streams.StreamDef;

import tools.jackson.databind.json.JsonMapper;
import com.webworksync.connections.Connections;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
	private final HistorySweep sweep;
	private final Connections connections;
	private final Backfill backfill;
	private final UnreadEstimate unread;

	public PlanReport(Catalog catalog, Planner planner, Settings settings, HistorySweep sweep,
			Connections connections, Backfill backfill, UnreadEstimate unread) {
		this.backfill = backfill;
		this.unread = unread;
		this.sweep = sweep;
		this.catalog = catalog;
		this.planner = planner;
		this.settings = settings;
		this.connections = connections;
	}

	/** Each pool as configured, with the members this process syncs (each adds its own budget). */
	private Map<Long, List<String>> pools() {
		Map<Long, List<String>> mine = new TreeMap<>();
		settings.pools().forEach((ws, members) -> mine.put(ws, members.stream().filter(connections::isActive).toList()));
		return mine;
	}

	/**
	 * Requests per minute the run's partitions are read at: one budget, or the combined budget of the largest pool's
	 * members in this process (pooled workspaces' partitions go to whichever member is free; a stream of no workspace,
	 * the workspace lists, is read by each connection for itself).
	 */
	private int rate(String stream) {
		int members = pools().values().stream().mapToInt(List::size).max().orElse(1);
		return catalog.get(stream).partitioning() == Partitioning.GLOBAL ? settings.requestsPerMinute()
				: settings.requestsPerMinute() * Math.max(1, members);
	}

	/** The plan of every stream, without estimates: what the warehouse says the run reads. */
	public List<StreamPlan> plans(RunWindow window) {
		List<StreamPlan> plans = new ArrayList<>();
		for (StreamDef stream : catalog.all()) {
			plans.add(planner.explain(stream, window));
		}
		return plans;
	}

	/** The plans with what the warehouse cannot tell added to their requests ({@link UnreadEstimate}). */
	private List<StreamPlan> estimated(List<StreamPlan> plans, UnreadEstimate.Result estimate) {
		return plans.stream().map(p -> new StreamPlan(p.stream(), p.partitions(), p.candidates(), p.changed(), p.verified(),
				p.requests() + estimate.requests().getOrDefault(p.stream(), 0L), p.swept())).toList();
	}

	public String render(RunWindow window, boolean json) {
		UnreadEstimate.Result estimate = unread.estimate(window);
		List<StreamPlan> plans = estimated(plans(window), estimate);
		long total = plans.stream().mapToLong(StreamPlan::requests).sum();
		Duration eta = plans.stream().map(p -> eta(p.stream(), p.requests())).reduce(Duration.ZERO, Duration::plus);
		HistorySweep.Plan swept = sweep.plan(window, settings.sweepShare());
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
				s.put("sweep", plan.swept());
				s.put("eta_seconds", eta(plan.stream(), plan.requests()).toSeconds());
				streams.add(s);
			}
			out.put("streams", streams);
			Map<String, Object> sweepOut = new LinkedHashMap<>();
			sweepOut.put("share", swept.share());
			sweepOut.put("last_run_requests", swept.reference());
			sweepOut.put("requests", swept.requests());
			sweepOut.put("cycle_runs", swept.cycleRuns() == Integer.MAX_VALUE ? null : swept.cycleRuns());
			sweepOut.put("workspaces", swept.workspaces().stream().map(w -> {
				Map<String, Object> one = new LinkedHashMap<>();
				one.put("workspace_id", w.workspaceId());
				one.put("history_months", w.historyMonths());
				one.put("months", w.months().stream().map(Object::toString).toList());
				one.put("requests", w.requests());
				return one;
			}).toList());
			out.put("sweep", sweepOut);
			out.put("backfill", backfill.plan(window).stream().map(w -> {
				Map<String, Object> one = new LinkedHashMap<>();
				one.put("workspace_id", w.workspaceId());
				one.put("start_date", w.startDate().toString());
				one.put("held_from", w.heldFrom() == null ? null : w.heldFrom().toString());
				one.put("days_left", w.daysLeft());
				one.put("requests_per_day", Math.round(w.requestsPerDay() * 10) / 10.0);
				one.put("requests_per_day_assumed", w.assumed());
				one.put("requests_left", w.requestsLeft());
				one.put("eta_seconds", backfill.eta(w).toSeconds());
				one.put("this_run", w.chunk() == null ? null : w.chunk().toString());
				one.put("runs_left", w.runsLeft());
				return one;
			}).toList());
			out.put("estimated_requests", estimate.requests());
			out.put("listing_requests", estimate.listingRequests());
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
		if (!settings.pools().isEmpty()) {
			text.append("\n");
		}
		text.append(String.format("%-30s %10s %9s %8s %7s %6s %9s %9s%n", "stream", "partitions", "in range", "changed",
				"verify", "sweep", "requests", "eta"));
		for (StreamPlan plan : plans) {
			text.append(String.format("%-30s %10d %9d %8d %7d %6d %9d %9s%n", plan.stream(), plan.partitions(),
					plan.candidates(), plan.changed(), plan.verified(), plan.swept(), plan.requests(),
					format(eta(plan.stream(), plan.requests()))));
		}
		text.append(String.format("%-30s %10s %9s %8s %7s %6s %9d %9s%n", "total", "", "", "", "", "", total, format(eta)));
		text.append(describe(swept));
		text.append(describeBackfill(window));
		text.append(describe(estimate));
		return text.toString();
	}

	/** What the plan estimated rather than counted, and the requests it sent to do so. */
	static String describe(UnreadEstimate.Result estimate) {
		StringBuilder text = new StringBuilder();
		if (estimate.listingRequests() > 0) {
			return String.format("%nThe warehouse holds no workspace yet: plan listed the workspaces, members and "
					+ "projects (%d requests, its only ones) and estimated the first sync of %d workspace(s), assuming "
					+ "members track time on %.0f%% of days; the run reads the reports first and plans exactly.%n",
					estimate.listingRequests(), estimate.listedWorkspaces(), RequestsPerDay.ASSUMED_TRACKING_SHARE * 100);
		}
		long guessed = estimate.requests().values().stream().mapToLong(Long::longValue).sum();
		if (guessed > 0) {
			text.append(String.format("Of the requests, ~%d are estimated for days whose reports no run has read yet: "
					+ "one per member-day on %.0f%% of them (an assumption; a run reads the reports first and plans "
					+ "exactly).%n", guessed, RequestsPerDay.ASSUMED_TRACKING_SHARE * 100));
		}
		return text.toString();
	}

	/** The history sweep in words: what it re-checks this run, at what cost, and how long a full pass takes. */
	static String describe(HistorySweep.Plan sweep) {
		StringBuilder text = new StringBuilder("\nhistory sweep: ");
		if (sweep.share() <= 0) {
			return text.append("off (SYNC_SWEEP_SHARE=0): months outside the window are re-read only by sync --from\n")
				.toString();
		}
		text.append(String.format("at most %.2f of the last run's requests", sweep.share()));
		text.append(sweep.reference() == null ? " (no run completed yet)" : String.format(" (%d of %d)", sweep.cap(),
				sweep.reference()));
		text.append(String.format("; this run re-checks %d months, ~%d requests of month reads, plus the member-days they "
				+ "show changed%n", sweep.workspaces().stream().mapToInt(w -> w.months().size()).sum(), sweep.requests()));
		for (HistorySweep.Workspace w : sweep.workspaces()) {
			text.append(String.format("  workspace %d: %d months of history before the window; re-checks %s (%d requests)",
					w.workspaceId(), w.historyMonths(), w.months().isEmpty() ? "none" : w.months(), w.requests()));
			if (w.historyMonths() > 0) {
				text.append(w.months().isEmpty() ? "; the share is spent, its oldest-checked month is first next run"
						: String.format("; every month re-checked within %d runs",
								(w.historyMonths() + w.months().size() - 1) / w.months().size()));
			}
			text.append('\n');
		}
		return text.toString();
	}

	/** The start date's backfill in words: per workspace what is left, at what cost, and this run's chunk. */
	private String describeBackfill(RunWindow window) {
		List<Backfill.Workspace> workspaces = backfill.plan(window);
		if (workspaces.isEmpty()) {
			return settings.startDate() == null && settings.activeConnections().stream().allMatch(c -> c.startDate() == null)
					? String.format("%nbackfill: none (SYNC_START_DATE is not set): the streams hold the %d-day window; "
							+ "set it, or run sync --from, for older history%n", window.lookbackDays())
					: String.format("%nbackfill: starts after the first sync has read the workspaces%n");
		}
		StringBuilder text = new StringBuilder(String.format("%nbackfill to the start date (SYNC_START_DATE), "
				+ "after the window, newest first, a chunk per run:%n"));
		for (Backfill.Workspace w : workspaces) {
			if (w.daysLeft() == 0) {
				text.append(String.format("  workspace %d: done (held from %s, start date %s)%n", w.workspaceId(),
						w.heldFrom(), w.startDate()));
				continue;
			}
			text.append(String.format("  workspace %d: %d days left, %s back to %s, ~%d requests (%.1f a day, %s), %s; "
					+ "this run reads %s (%d days), done in ~%d runs%n", w.workspaceId(), w.daysLeft(),
					w.heldFrom().minusDays(1), w.startDate(), w.requestsLeft(), w.requestsPerDay(),
					w.assumed() ? "assumed: nothing read yet" : "measured on the window", format(backfill.eta(w)),
					w.chunk(), w.chunk().days(), w.runsLeft()));
		}
		return text.toString();
	}

	Duration eta(String stream, long requests) {
		return Duration.ofMillis(requests * 60_000L / rate(stream));
	}

	/** A duration as plan and progress lines write it: 45s, 3m07s, 2h05m. */
	public static String format(Duration duration) {
		long s = duration.toSeconds();
		return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
				: s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
	}
}
