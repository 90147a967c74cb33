package com.webworksync.observe;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import com.webworksync.config.Settings;
import com.webworksync.plan.Backfill;
import com.webworksync.plan.PlanReport;
import com.webworksync.plan.RunWindow;

/**
 * The part of {@code status} about history: per date-addressed stream and workspace, the days it holds (synced from,
 * synced through, from {@code analytics.data_freshness}) and, with a start date, the backfill left; per workspace the
 * backfill's requests and ETA at the configured rate, as {@code plan} estimates them.
 */
@Component
public class BackfillStatus {

	private final DSLContext ctx;
	private final Backfill backfill;
	private final Settings settings;
	private final Clock clock;

	public BackfillStatus(DSLContext ctx, Backfill backfill, Settings settings, Clock clock) {
		this.ctx = ctx;
		this.backfill = backfill;
		this.settings = settings;
		this.clock = clock;
	}

	public void render(StringBuilder out) {
		var rows = ctx.fetch("""
				select workspace_id, stream, synced_from, synced_through, history_start, backfill_days_left
				  from analytics.data_freshness where synced_from is not null order by workspace_id, stream""");
		out.append("\nhistory (per workspace and date-addressed stream: the days held; with a start date, the backfill left):\n");
		if (rows.isEmpty()) {
			out.append("  nothing held yet: run `sync` first\n");
			return;
		}
		out.append(String.format("  %-12s %-30s %-12s %-14s %-12s %s%n", "workspace", "stream", "synced from",
				"synced through", "start date", "days left"));
		for (Record row : rows) {
			LocalDate start = row.get("history_start", LocalDate.class);
			Integer left = row.get("backfill_days_left", Integer.class);
			LocalDate through = row.get("synced_through", LocalDate.class);
			out.append(String.format("  %-12d %-30s %-12s %-14s %-12s %s%n", row.get("workspace_id", Long.class),
					row.get("stream", String.class), row.get("synced_from", LocalDate.class),
					through == null ? "-" : through.toString(), start == null ? "-" : start.toString(),
					left == null ? "-" : left.toString()));
		}
		RunWindow next = new RunWindow(clock.instant(), null, null, settings.lookbackDays(), settings.streams(),
				settings.verifyShare(), Map.of(), Map.of());
		for (Backfill.Workspace w : backfill.plan(next)) {
			if (w.daysLeft() == 0) {
				out.append(String.format("  workspace %d: backfill done back to %s%n", w.workspaceId(), w.startDate()));
				continue;
			}
			out.append(String.format("  workspace %d: backfill %d days left back to %s, ~%d requests, %s at the rate; "
					+ "~%d more runs at %d days a run%n", w.workspaceId(), w.daysLeft(), w.startDate(), w.requestsLeft(),
					PlanReport.format(backfill.eta(w)), w.runsLeft(), w.chunk().days()));
		}
	}
}
