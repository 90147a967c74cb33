package com.webworksync.observe;

import java.time.temporal.ChronoUnit;
import static com.webworksync.schema.sync.Tables.STREAMS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import com.webworksync.config.Settings;
import com.webworksync.plan.ReadableWorkspaces;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;

/**
 * What the alerts need of {@code sync.streams} after a run: per stream this process syncs (SYNC_STREAMS; all when
 * unset) and workspace of its own (0: the workspace list), when a run last read all of it and the days of history
 * still to backfill (as {@code analytics.data_freshness} computes them: synced_from - history_start, at least 0; none
 * without a start date), and its freshness goal. One read of a small table, not the view.
 */
@Component
public class StreamFreshness {

	/** One stream in one workspace; {@code kind} is dimension, fact or report. */
	public record Row(String stream, long workspaceId, String kind, Instant lastSuccess, Integer backfillDaysLeft,
			Duration freshnessGoal) {
	}

	private final DSLContext ctx;
	private final Settings settings;
	private final Catalog catalog;
	private final ReadableWorkspaces workspaces;

	public StreamFreshness(DSLContext ctx, Settings settings, Catalog catalog, ReadableWorkspaces workspaces) {
		this.ctx = ctx;
		this.settings = settings;
		this.catalog = catalog;
		this.workspaces = workspaces;
	}

	public List<Row> read() {
		Set<Long> ours = workspaces.synced();
		List<Row> rows = new ArrayList<>();
		ctx.select(STREAMS.STREAM, STREAMS.WORKSPACE_ID, STREAMS.LAST_SUCCESS_AT, STREAMS.SYNCED_FROM, STREAMS.HISTORY_START)
			.from(STREAMS)
			.orderBy(STREAMS.STREAM, STREAMS.WORKSPACE_ID)
			.forEach(r -> {
				long workspace = r.value2();
				if (!catalog.contains(r.value1()) || !catalog.get(r.value1()).selectedBy(settings.streams())
						|| (workspace != 0 && !ours.contains(workspace))) {
					return; // a stream no longer synced, another shard's workspace, or one no connection syncs any more
				}
				Integer left = r.value4() == null || r.value5() == null ? null
						: (int) Math.max(0, r.value5().until(r.value4(), ChronoUnit.DAYS));
				StreamDef stream = catalog.get(r.value1());
				rows.add(new Row(r.value1(), workspace, kind(stream), r.value3() == null ? null : r.value3().toInstant(), left,
						settings.freshnessGoal(stream)));
			});
		return rows;
	}

	/** A label for dashboards: dimensions are read whole, facts and reports by date. */
	static String kind(StreamDef stream) {
		if (stream.dimension()) {
			return "dimension";
		}
		return stream.name().startsWith("report_") ? "report" : "fact";
	}
}
