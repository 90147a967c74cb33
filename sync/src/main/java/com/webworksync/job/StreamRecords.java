package com.webworksync.job;

import static com.webworksync.schema.sync.Tables.PARTITIONS;
import static com.webworksync.schema.sync.Tables.STREAMS;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import com.webworksync.config.Settings;
import com.webworksync.plan.Backfill;
import com.webworksync.plan.RunWindow;
import com.webworksync.streams.Catalog;

/**
 * {@code sync.streams}, per stream and workspace: when a run last read every partition it planned, the freshness goal
 * it was held to, and (with {@link Backfill}) the days it holds and the backfill left.
 */
@Component
public class StreamRecords {

	private final DSLContext ctx;
	private final Clock clock;
	private final RunState runState;
	private final Backfill backfill;
	private final Catalog catalog;
	private final Settings settings;

	public StreamRecords(DSLContext ctx, Clock clock, RunState runState, Backfill backfill, Catalog catalog,
			Settings settings) {
		this.ctx = ctx;
		this.clock = clock;
		this.runState = runState;
		this.backfill = backfill;
		this.catalog = catalog;
		this.settings = settings;
	}

	/** A stream's step completed: one row per workspace it covered without a failure; 0 stands for the workspace list. */
	public void completed(String stream, long runId, RunWindow window) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		Set<Long> workspaces = new TreeSet<>(ctx.selectDistinct(PARTITIONS.WORKSPACE_ID)
			.from(PARTITIONS)
			.where(PARTITIONS.STREAM.eq(stream))
			.and(PARTITIONS.RUN_ID.eq(runId))
			.fetch(0, Long.class));
		// a chunk of history with nothing to read (days without time) is covered all the same
		workspaces.addAll(window.history().keySet());
		Integer goal = catalog.contains(stream) ? (int) settings.freshnessGoal(catalog.get(stream)).toSeconds() : null;
		for (long workspace : workspaces) {
			if (runState.failed(workspace)) {
				continue;
			}
			ctx.insertInto(STREAMS)
				.set(STREAMS.STREAM, stream)
				.set(STREAMS.WORKSPACE_ID, workspace)
				.set(STREAMS.LAST_SUCCESS_AT, now)
				.set(STREAMS.LAST_RUN_ID, runId)
				.set(STREAMS.FRESHNESS_GOAL_SECONDS, goal)
				.onConflict(STREAMS.STREAM, STREAMS.WORKSPACE_ID)
				.doUpdate()
				.set(STREAMS.LAST_SUCCESS_AT, now)
				.set(STREAMS.LAST_RUN_ID, runId)
				.set(STREAMS.FRESHNESS_GOAL_SECONDS, goal)
				.execute();
			backfill.completed(stream, workspace, window);
		}
	}

	/** At a run's end: each workspace's backfill ETA, as the next run will see it. */
	public void backfillLeft(RunWindow window) {
		for (Backfill.Workspace w : backfill.plan(window)) {
			ctx.update(STREAMS)
				.set(STREAMS.BACKFILL_ETA_SECONDS, backfill.eta(w).toSeconds())
				.where(STREAMS.WORKSPACE_ID.eq(w.workspaceId()))
				.and(STREAMS.SYNCED_FROM.isNotNull())
				.execute();
		}
	}
}
