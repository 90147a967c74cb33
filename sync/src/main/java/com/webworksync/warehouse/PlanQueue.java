package com.webworksync.warehouse;

import static com.webworksync.schema.sync.Tables.PLANNED_STREAMS;
import static com.webworksync.schema.sync.Tables.POOL_PARTITIONS;
import static com.webworksync.schema.sync.Tables.POOL_PLANS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.count;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import com.webworksync.streams.Partition;

/**
 * The plans of every run (sync.pool_plans, sync.pool_partitions): one queue per stream and workspace, worked by the
 * workers of every connection that reads the workspace, in this process or another (pods of pooled workspaces).
 * Coordination is PostgreSQL only:
 * <ul>
 * <li>a workspace's plan is made under a transaction lock on (stream, workspace), so two runs never make two; a run
 * joins an open plan that is its own (a restart) or that another live run works, and supersedes one nobody works any
 * more. A workspace-list plan (workspace 0) is never shared: each shard lists its own connections' workspaces;</li>
 * <li>a run holds a shared session lock on each plan it works (that is what "live" means), and a worker holds an
 * exclusive session lock on the partition it reads ({@link QueueSession}). PostgreSQL drops both with the session,
 * so a killed pod's partition is free at once and the next worker resumes it at the page after the last one
 * committed;</li>
 * <li>a partition's next page and its requests commit with the page's rows ({@link #progress}): that row is the
 * checkpoint;</li>
 * <li>that a run has planned a stream is remembered (sync.planned_streams) with its last workspace's plan, so a
 * restart joins what it planned and does not plan again, an empty plan included.</li>
 * </ul>
 */
@Component
public class PlanQueue {

	/** Partitions inserted in one statement. */
	public static final int SLICE = 2_000;

	private final DataSource dataSource;
	private final DSLContext ctx;
	private final Clock clock;

	public PlanQueue(DataSource dataSource, DSLContext ctx, Clock clock) {
		this.dataSource = dataSource;
		this.ctx = ctx;
		this.clock = clock;
	}

	/** An open plan of a stream. */
	record OpenPlan(long planId, long workspaceId, long jobInstanceId) {

		/** Other runs may join it: every plan but a shard's own workspace lists. */
		boolean shared() {
			return workspaceId != 0;
		}
	}

	/** The run's part in one stream's plans, made here or joined. Holds the session that marks them live until closed. */
	public final class Planning implements AutoCloseable {

		private final Connection session;
		private final DSLContext dsl;
		private final Map<Long, Long> plans = new LinkedHashMap<>();

		private Planning(Connection session) {
			this.session = session;
			this.dsl = QueueLocks.on(session);
		}

		public List<Long> plans() {
			return List.copyOf(plans.keySet());
		}

		/** Plan id to its workspace. */
		public Map<Long, Long> workspaces() {
			return Map.copyOf(plans);
		}

		void work(long planId, long workspaceId) {
			if (plans.putIfAbsent(planId, workspaceId) == null) {
				QueueLocks.shareLive(dsl, planId);
			}
		}

		@Override
		public void close() throws SQLException {
			QueueLocks.closeSession(session); // its shared locks go with it
		}
	}

	/**
	 * Plans or joins a stream's plans. {@code planner} hands partitions to its sink grouped by workspace (as the
	 * planner does); see {@link QueuePlanWriter} for what becomes of each workspace. A run that planned the stream
	 * before (a restart) does not plan again: it joins its own open plans and the open shared plans of workspaces
	 * {@code eligible} accepts. Open plans of eligible workspaces that the planner had nothing for are joined too,
	 * when live.
	 */
	public Planning planOrJoin(String stream, long jobInstanceId, long runId, Consumer<Consumer<Partition>> planner,
			LongPredicate eligible) throws SQLException {
		Planning planning = new Planning(dataSource.getConnection());
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			DSLContext dsl = QueueLocks.on(connection);
			boolean planned = dsl.fetchExists(PLANNED_STREAMS, PLANNED_STREAMS.JOB_INSTANCE_ID.eq(jobInstanceId)
				.and(PLANNED_STREAMS.STREAM.eq(stream)));
			if (!planned) {
				QueuePlanWriter writer = new QueuePlanWriter(this, connection, planning, stream, jobInstanceId, runId, clock);
				planner.accept(writer::accept);
				writer.finish();
			}
			for (OpenPlan open : openPlans(dsl, stream)) {
				boolean own = open.jobInstanceId() == jobInstanceId;
				if (own || open.shared() && eligible.test(open.workspaceId()) && (planned || QueueLocks.live(dsl, open.planId()))) {
					planning.work(open.planId(), open.workspaceId());
				}
			}
			dsl.insertInto(PLANNED_STREAMS)
				.set(PLANNED_STREAMS.JOB_INSTANCE_ID, jobInstanceId)
				.set(PLANNED_STREAMS.STREAM, stream)
				.onConflictDoNothing()
				.execute();
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			planning.close();
			throw ex;
		}
		return planning;
	}

	/** The plans of the hinted partitions {@code runId} serves between its own, until closed ({@link HintPlans}). */
	public HintPlans hintPlans(long jobInstanceId, long runId) throws SQLException {
		return new HintPlans(this, dataSource.getConnection(), jobInstanceId, runId, clock);
	}

	/** A worker's session: the partitions it holds are locked on it. */
	public QueueSession session() throws SQLException {
		return new QueueSession(dataSource.getConnection());
	}

	/** In the page's transaction (the chunk's): where the partition's read now stands. */
	public void progress(QueueRow row, boolean done, String worker) {
		ctx.update(POOL_PARTITIONS)
			.set(POOL_PARTITIONS.NEXT_PAGE, row.nextPage())
			.set(POOL_PARTITIONS.REQUESTS, row.requests())
			.set(POOL_PARTITIONS.DONE, done)
			.set(POOL_PARTITIONS.WORKED_BY, worker)
			.where(POOL_PARTITIONS.PLAN_ID.eq(row.planId()))
			.and(POOL_PARTITIONS.SEQ.eq(row.seq()))
			.execute();
	}

	/** Partitions of the plans, and how many are done. */
	public record Counts(int partitions, int done) {
	}

	public Counts counts(List<Long> plans) {
		if (plans.isEmpty()) {
			return new Counts(0, 0);
		}
		var row = ctx.select(count(), count().filterWhere(POOL_PARTITIONS.DONE.isTrue()))
			.from(POOL_PARTITIONS)
			.where(POOL_PARTITIONS.PLAN_ID.eq(any(plans.toArray(new Long[0]))))
			.fetchSingle();
		return new Counts(row.value1(), row.value2());
	}

	/** Closes the plans whose every partition is done (their queues are emptied); returns how many stay open. */
	public int closeFinished(List<Long> plans) {
		int open = 0;
		for (long planId : plans) {
			if (ctx.fetchExists(POOL_PARTITIONS, POOL_PARTITIONS.PLAN_ID.eq(planId).and(POOL_PARTITIONS.DONE.isFalse()))) {
				open++;
			}
			else {
				close(ctx, planId);
			}
		}
		return open;
	}

	void close(DSLContext dsl, long planId) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		dsl.update(POOL_PLANS).set(POOL_PLANS.CLOSED_AT, now).where(POOL_PLANS.PLAN_ID.eq(planId))
			.and(POOL_PLANS.CLOSED_AT.isNull()).execute();
		dsl.deleteFrom(POOL_PARTITIONS).where(POOL_PARTITIONS.PLAN_ID.eq(planId)).execute();
		dsl.deleteFrom(POOL_PLANS).where(POOL_PLANS.CLOSED_AT.lt(now.minusDays(7))).execute();
	}

	/** A run that ended (completed, stopped or given up on) no longer needs to know what it planned. */
	public void forget(long jobInstanceId) {
		ctx.deleteFrom(PLANNED_STREAMS).where(PLANNED_STREAMS.JOB_INSTANCE_ID.eq(jobInstanceId)).execute();
	}

	/** Open plans of a stream, oldest first. */
	static List<OpenPlan> openPlans(DSLContext dsl, String stream) {
		return dsl.select(POOL_PLANS.PLAN_ID, POOL_PLANS.WORKSPACE_ID, POOL_PLANS.JOB_INSTANCE_ID)
			.from(POOL_PLANS)
			.where(POOL_PLANS.STREAM.eq(stream))
			.and(POOL_PLANS.CLOSED_AT.isNull())
			.and(POOL_PLANS.HINTS.isFalse()) // a run's hint plans are its own ({@link HintPlans})
			.orderBy(POOL_PLANS.PLAN_ID)
			.fetch(r -> new OpenPlan(r.value1(), r.value2(), r.value3()));
	}

	/** For messages and tests: the open plans of a stream, plan id to workspace. */
	public Map<Long, Long> open(String stream) {
		Map<Long, Long> open = new LinkedHashMap<>();
		openPlans(ctx, stream).forEach(plan -> open.put(plan.planId(), plan.workspaceId()));
		return open;
	}
}
