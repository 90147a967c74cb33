package com.webworksync.warehouse;

import static com.webworksync.schema.sync.Tables.POOL_PARTITIONS;
import static com.webworksync.schema.sync.Tables.POOL_PLANS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;

import com.webworksync.streams.Partition;

/**
 * The hinted partitions a running run serves between its own: one plan per stream and workspace (sync.pool_plans with
 * {@code hints}), made and worked by this run only. The planner never joins or supersedes them
 * ({@link PlanQueue#openPlans}); the run's workers claim from them before their own plans, through the same queue
 * session, so a hinted partition is read, written and checkpointed as any other. The session holds the plans' live
 * locks; {@link #close} closes the plans, and a crashed run's are closed by the next run that opens its own.
 */
public final class HintPlans implements AutoCloseable {

	private final PlanQueue queue;
	private final Connection session;
	private final DSLContext dsl;
	private final long jobInstanceId;
	private final long runId;
	private final Clock clock;
	/** stream@workspace to its plan. */
	private final Map<String, Long> plans = new LinkedHashMap<>();
	private final Map<Long, Integer> nextSeq = new HashMap<>();

	HintPlans(PlanQueue queue, Connection session, long jobInstanceId, long runId, Clock clock) {
		this.queue = queue;
		this.session = session;
		this.dsl = QueueLocks.on(session);
		this.jobInstanceId = jobInstanceId;
		this.runId = runId;
		this.clock = clock;
		dsl.select(POOL_PLANS.PLAN_ID)
			.from(POOL_PLANS)
			.where(POOL_PLANS.HINTS.isTrue())
			.and(POOL_PLANS.CLOSED_AT.isNull())
			.fetch(POOL_PLANS.PLAN_ID)
			.stream()
			.filter(planId -> !QueueLocks.live(dsl, planId)) // a crashed run's: its hints are still open
			.forEach(planId -> queue.close(dsl, planId));
	}

	/** Adds partitions of one stream and workspace, each unless it already waits in the plan. */
	public synchronized void add(String stream, long workspaceId, List<Partition> partitions) {
		long planId = plans.computeIfAbsent(stream + "@" + workspaceId, k -> plan(stream, workspaceId));
		List<String> waiting = dsl.select(POOL_PARTITIONS.PARTITION_KEY)
			.from(POOL_PARTITIONS)
			.where(POOL_PARTITIONS.PLAN_ID.eq(planId))
			.and(POOL_PARTITIONS.DONE.isFalse())
			.fetch(POOL_PARTITIONS.PARTITION_KEY);
		List<Partition> added = new ArrayList<>();
		for (Partition partition : partitions) {
			if (!waiting.contains(partition.key())) {
				waiting.add(partition.key());
				added.add(partition);
			}
		}
		if (added.isEmpty()) {
			return;
		}
		int seq = nextSeq.getOrDefault(planId, 0);
		var insert = dsl.insertInto(POOL_PARTITIONS, POOL_PARTITIONS.PLAN_ID, POOL_PARTITIONS.SEQ,
				POOL_PARTITIONS.PARTITION_KEY, POOL_PARTITIONS.PARAMS);
		for (Partition partition : added) {
			insert = insert.values(planId, seq++, partition.key(), partition.paramsText());
		}
		insert.execute();
		nextSeq.put(planId, seq);
		dsl.update(POOL_PLANS).set(POOL_PLANS.PARTITIONS, seq).where(POOL_PLANS.PLAN_ID.eq(planId)).execute();
	}

	/** The plans so far, for a worker's claim. */
	public synchronized List<Long> plans() {
		return List.copyOf(plans.values());
	}

	/** A new plan, live before anyone can see it: another run opening its hint plans closes only dead ones. */
	private long plan(String stream, long workspaceId) {
		try {
			session.setAutoCommit(false);
			long planId = insertPlan(stream, workspaceId);
			QueueLocks.shareLive(dsl, planId); // a session lock: it outlives the commit
			session.commit();
			return planId;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not make a hint plan of " + stream + ": " + ex.getMessage(), ex);
		}
		finally {
			try {
				session.setAutoCommit(true);
			}
			catch (SQLException ex) {
				// the session is gone, and the plan with it
			}
		}
	}

	private long insertPlan(String stream, long workspaceId) {
		return dsl.insertInto(POOL_PLANS)
			.set(POOL_PLANS.STREAM, stream)
			.set(POOL_PLANS.WORKSPACE_ID, workspaceId)
			.set(POOL_PLANS.JOB_INSTANCE_ID, jobInstanceId)
			.set(POOL_PLANS.RUN_ID, runId)
			.set(POOL_PLANS.PLANNED_AT, OffsetDateTime.now(clock))
			.set(POOL_PLANS.PARTITIONS, 0)
			.set(POOL_PLANS.HINTS, true)
			.returningResult(POOL_PLANS.PLAN_ID)
			.fetchSingle()
			.value1();
	}

	/**
	 * Closes the plans (the run ends): a hinted partition not read by then leaves its hint open, and the next
	 * {@code sync --hints} (or the next run's workers) reads it.
	 */
	@Override
	public synchronized void close() throws SQLException {
		try {
			plans.values().forEach(planId -> queue.close(dsl, planId));
		}
		catch (RuntimeException ex) {
			// the warehouse went away: the next run closes them
		}
		finally {
			QueueLocks.closeSession(session);
		}
	}
}
