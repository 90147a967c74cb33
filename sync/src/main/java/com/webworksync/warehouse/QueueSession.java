package com.webworksync.warehouse;

import static com.webworksync.schema.sync.Tables.POOL_PARTITIONS;
import static com.webworksync.schema.sync.Tables.POOL_PLANS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.row;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;

import org.jooq.DSLContext;

import com.webworksync.streams.Partition;
import org.jooq.ResultQuery;

/**
 * A worker's session on the plan queue: the partitions it holds are locked on it, so PostgreSQL frees them the
 * moment the session dies (a killed pod's partition is taken over at once, at the page after the last committed).
 */
public final class QueueSession implements AutoCloseable {

	/** Undone partitions looked at per statement while claiming. */
	static final int BATCH = 64;

	private final Connection connection;
	private final DSLContext dsl;
	private boolean waiting;
	private int cursor;

	QueueSession(Connection connection) {
		this.connection = connection;
		this.dsl = QueueLocks.on(connection);
	}

	/** An undone partition as the claim statement returns it. */
	record Candidate(long planId, int seq, String key, String params, long workspaceId, String stream) {

		Partition partition() {
			return Partition.parse(workspaceId, key, params);
		}
	}

	/**
	 * The first free partition of {@code plans} (lowest position first: the freshest) that {@code eligible} accepts,
	 * locked for this worker (its place in its plan, and the partition itself: {@link QueueLocks#tryLockPartition}); null when there is none. {@link #waiting()} then says whether undone partitions are still
	 * held by other workers (which may die: ask again later).
	 */
	public QueueClaim claim(List<Long> plans, Predicate<Partition> eligible) {
		waiting = false;
		if (plans.isEmpty()) {
			return null;
		}
		Long[] ids = plans.toArray(new Long[0]);
		for (int pass = 0; pass < 2; pass++) {
			int from = pass == 0 ? cursor : 0;
			long fromPlan = 0;
			while (true) {
				List<Candidate> rows = undone(ids, from, fromPlan);
				for (Candidate row : rows) {
					Partition partition = row.partition();
					if (!eligible.test(partition)) {
						continue;
					}
					waiting = true;
					if (!QueueLocks.tryLock(dsl, row.planId(), row.seq())) {
						continue;
					}
					if (!QueueLocks.tryLockPartition(dsl, row.stream(), row.workspaceId(), row.key())) {
						QueueLocks.unlock(dsl, row.planId(), row.seq()); // another plan's reader has it now
						continue;
					}
					QueueClaim claim = reread(row, partition);
					if (claim != null) {
						cursor = row.seq();
						waiting = false;
						return claim;
					}
					release(row.planId(), row.seq(), row.stream(), partition);
				}
				if (rows.size() < BATCH) {
					break;
				}
				Candidate last = rows.get(rows.size() - 1);
				from = last.seq();
				fromPlan = last.planId() + 1;
			}
		}
		return null;
	}

	/** After a {@link #claim} that found nothing: undone partitions this worker may read are held by others. */
	public boolean waiting() {
		return waiting;
	}

	/** The claim statement: undone partitions of the plans from (seq, plan) on, in read order. */
	static ResultQuery<?> undoneQuery(DSLContext dsl, Long[] plans, int fromSeq, long fromPlan) {
		return dsl
			.select(POOL_PARTITIONS.PLAN_ID, POOL_PARTITIONS.SEQ, POOL_PARTITIONS.PARTITION_KEY, POOL_PARTITIONS.PARAMS,
					POOL_PLANS.WORKSPACE_ID, POOL_PLANS.STREAM)
			.from(POOL_PARTITIONS)
			.join(POOL_PLANS)
			.on(POOL_PLANS.PLAN_ID.eq(POOL_PARTITIONS.PLAN_ID))
			.where(POOL_PARTITIONS.PLAN_ID.eq(any(plans)))
			.and(POOL_PARTITIONS.DONE.isFalse())
			.and(row(POOL_PARTITIONS.SEQ, POOL_PARTITIONS.PLAN_ID).ge(fromSeq, fromPlan))
			.orderBy(POOL_PARTITIONS.SEQ, POOL_PARTITIONS.PLAN_ID)
			.limit(BATCH);
	}

	private List<Candidate> undone(Long[] plans, int fromSeq, long fromPlan) {
		return undoneQuery(dsl, plans, fromSeq, fromPlan)
			.fetch(r -> new Candidate(r.get(POOL_PARTITIONS.PLAN_ID), r.get(POOL_PARTITIONS.SEQ),
					r.get(POOL_PARTITIONS.PARTITION_KEY), r.get(POOL_PARTITIONS.PARAMS), r.get(POOL_PLANS.WORKSPACE_ID),
					r.get(POOL_PLANS.STREAM)));
	}

	/** Under the lock, where the partition stands now (another worker may have finished it, or died in it). */
	private QueueClaim reread(Candidate row, Partition partition) {
		var now = dsl.select(POOL_PARTITIONS.NEXT_PAGE, POOL_PARTITIONS.REQUESTS, POOL_PARTITIONS.DONE)
			.from(POOL_PARTITIONS)
			.where(POOL_PARTITIONS.PLAN_ID.eq(row.planId()))
			.and(POOL_PARTITIONS.SEQ.eq(row.seq()))
			.fetchOne();
		if (now == null || now.value3()) {
			return null;
		}
		return new QueueClaim(row.planId(), row.seq(), row.stream(), partition, now.value1(), now.value2());
	}

	/** Lets the partition go: after its last page committed, or for another worker to carry on. */
	public void release(QueueClaim claim) {
		release(claim.planId(), claim.seq(), claim.stream(), claim.partition());
	}

	private void release(long planId, int seq, String stream, Partition partition) {
		QueueLocks.unlockPartition(dsl, stream, partition.workspaceId(), partition.key());
		QueueLocks.unlock(dsl, planId, seq);
	}

	@Override
	public void close() throws SQLException {
		QueueLocks.closeSession(connection); // the locks of a partition still held go with it
	}
}
