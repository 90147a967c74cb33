package com.webworksync.warehouse;

import static com.webworksync.schema.sync.Tables.POOL_PARTITIONS;
import static com.webworksync.schema.sync.Tables.POOL_PLANS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;

import com.webworksync.streams.Partition;

/**
 * Writes a stream's plan as the planner makes it, one workspace at a time, each workspace in its own transaction
 * under its planning lock: a crash while planning leaves no partial plan of a workspace, and a workspace whose plan
 * this run (a restart) or another live run already made is joined instead, its new partitions dropped.
 */
final class QueuePlanWriter {

	private final PlanQueue queue;
	private final Connection connection;
	private final DSLContext dsl;
	private final PlanQueue.Planning planning;
	private final String stream;
	private final long jobInstanceId;
	private final long runId;
	private final Clock clock;
	private long workspace = -1;
	private long planId = -1; // -1: joined an existing plan, its new partitions are dropped
	private int seq;
	private final List<Partition> batch = new ArrayList<>();

	QueuePlanWriter(PlanQueue queue, Connection connection, PlanQueue.Planning planning, String stream, long jobInstanceId,
			long runId, Clock clock) {
		this.queue = queue;
		this.connection = connection;
		this.dsl = QueueLocks.on(connection);
		this.planning = planning;
		this.stream = stream;
		this.jobInstanceId = jobInstanceId;
		this.runId = runId;
		this.clock = clock;
	}

	void accept(Partition partition) {
		try {
			if (partition.workspaceId() != workspace) {
				finish();
				start(partition.workspaceId());
			}
			if (planId >= 0) {
				batch.add(partition);
				if (batch.size() == PlanQueue.SLICE) {
					flush();
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			throw new IllegalStateException("could not save the plan of " + stream + ": " + ex.getMessage(), ex);
		}
	}

	private void start(long workspaceId) {
		workspace = workspaceId;
		seq = 0;
		QueueLocks.planning(dsl, stream, workspaceId);
		for (PlanQueue.OpenPlan open : PlanQueue.openPlans(dsl, stream)) {
			if (open.workspaceId() != workspaceId) {
				continue;
			}
			if (open.jobInstanceId() == jobInstanceId) {
				join(open.planId()); // this run's own plan: a restart
				return;
			}
			if (QueueLocks.live(dsl, open.planId())) {
				if (open.shared()) {
					join(open.planId()); // another run (a pod) works it now
					return;
				}
				continue; // another shard's workspace lists: its own
			}
			// nobody works it any more (a run stopped or gave up): what it read is in the ledger, plan afresh
			queue.close(dsl, open.planId());
		}
		planId = dsl.insertInto(POOL_PLANS)
			.set(POOL_PLANS.STREAM, stream)
			.set(POOL_PLANS.WORKSPACE_ID, workspaceId)
			.set(POOL_PLANS.JOB_INSTANCE_ID, jobInstanceId)
			.set(POOL_PLANS.RUN_ID, runId)
			.set(POOL_PLANS.PLANNED_AT, OffsetDateTime.now(clock))
			.set(POOL_PLANS.PARTITIONS, 0)
			.returningResult(POOL_PLANS.PLAN_ID)
			.fetchSingle()
			.value1();
		planning.work(planId, workspaceId); // live before anyone else can see it
	}

	private void join(long existing) {
		planId = -1;
		planning.work(existing, workspace);
	}

	private void flush() {
		if (batch.isEmpty()) {
			return;
		}
		var insert = dsl.insertInto(POOL_PARTITIONS, POOL_PARTITIONS.PLAN_ID, POOL_PARTITIONS.SEQ,
				POOL_PARTITIONS.PARTITION_KEY, POOL_PARTITIONS.PARAMS);
		for (Partition partition : batch) {
			insert = insert.values(planId, seq++, partition.key(), partition.paramsText());
		}
		insert.execute();
		batch.clear();
	}

	/** Commits the workspace in hand. */
	void finish() throws SQLException {
		if (workspace < 0) {
			return;
		}
		if (planId >= 0) {
			flush();
			dsl.update(POOL_PLANS).set(POOL_PLANS.PARTITIONS, seq).where(POOL_PLANS.PLAN_ID.eq(planId)).execute();
		}
		connection.commit();
		workspace = -1;
	}
}
