package com.webworksync.warehouse;

import static com.webworksync.warehouse.generated.sync.Tables.PLANNED_PARTITIONS;
import static com.webworksync.warehouse.generated.sync.Tables.PLANNED_STREAMS;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jooq.DSLContext;
import org.jooq.InsertValuesStep6;
import org.springframework.stereotype.Component;

import com.webworksync.streams.Partition;
import com.webworksync.warehouse.generated.sync.tables.records.PlannedPartitionsRecord;

/**
 * Keeps each run's plan, so a restarted run walks exactly the partitions, in exactly the order,
 * that its checkpoint (partition index, page) refers to. The plan is written as the planner
 * chooses it and read back in slices of {@link #SLICE} partitions: neither side holds a whole
 * stream's plan (a backfill of 2,000 members over three years plans two million member-days).
 */
@Component
public class PlanStore {

	/** Partitions inserted in one statement, and read back at a time. */
	public static final int SLICE = 2_000;

	private final DSLContext ctx;

	public PlanStore(DSLContext ctx) {
		this.ctx = ctx;
	}

	/**
	 * The number of partitions of the run's plan for {@code stream}: the saved plan if there is one
	 * (a restart), else the one {@code planner} makes now, handing each partition to its sink in
	 * read order. It is saved in one transaction with its header row in sync.planned_streams, so an
	 * empty plan is remembered as planned too and a crash while planning leaves no partial plan.
	 */
	public int loadOrCreate(long jobInstanceId, String stream, Consumer<Consumer<Partition>> planner) {
		Integer saved = ctx.select(PLANNED_STREAMS.PARTITIONS)
			.from(PLANNED_STREAMS)
			.where(PLANNED_STREAMS.JOB_INSTANCE_ID.eq(jobInstanceId))
			.and(PLANNED_STREAMS.STREAM.eq(stream))
			.fetchOne(PLANNED_STREAMS.PARTITIONS);
		if (saved != null) {
			return saved;
		}
		int[] count = { 0 };
		ctx.transaction(tx -> {
			DSLContext dsl = tx.dsl();
			List<Partition> batch = new ArrayList<>(SLICE);
			planner.accept(partition -> {
				batch.add(partition);
				count[0]++;
				if (batch.size() == SLICE) {
					insert(dsl, jobInstanceId, stream, count[0] - batch.size(), batch);
					batch.clear();
				}
			});
			insert(dsl, jobInstanceId, stream, count[0] - batch.size(), batch);
			dsl.insertInto(PLANNED_STREAMS, PLANNED_STREAMS.JOB_INSTANCE_ID, PLANNED_STREAMS.STREAM,
					PLANNED_STREAMS.PARTITIONS)
				.values(jobInstanceId, stream, count[0])
				.execute();
		});
		return count[0];
	}

	private static void insert(DSLContext dsl, long jobInstanceId, String stream, int firstSeq, List<Partition> batch) {
		if (batch.isEmpty()) {
			return;
		}
		InsertValuesStep6<PlannedPartitionsRecord, Long, String, Integer, Long, String, String> insert = dsl.insertInto(
				PLANNED_PARTITIONS, PLANNED_PARTITIONS.JOB_INSTANCE_ID, PLANNED_PARTITIONS.STREAM, PLANNED_PARTITIONS.SEQ,
				PLANNED_PARTITIONS.WORKSPACE_ID, PLANNED_PARTITIONS.PARTITION_KEY, PLANNED_PARTITIONS.PARAMS);
		for (int i = 0; i < batch.size(); i++) {
			Partition p = batch.get(i);
			insert = insert.values(jobInstanceId, stream, firstSeq + i, p.workspaceId(), p.key(), p.paramsText());
		}
		insert.execute();
	}

	/** Up to {@code limit} partitions of the saved plan from position {@code fromSeq} on, in order. */
	public List<Partition> slice(long jobInstanceId, String stream, int fromSeq, int limit) {
		return ctx.selectFrom(PLANNED_PARTITIONS)
			.where(PLANNED_PARTITIONS.JOB_INSTANCE_ID.eq(jobInstanceId))
			.and(PLANNED_PARTITIONS.STREAM.eq(stream))
			.and(PLANNED_PARTITIONS.SEQ.ge(fromSeq))
			.orderBy(PLANNED_PARTITIONS.SEQ)
			.limit(limit)
			.fetch(r -> Partition.parse(r.getWorkspaceId(), r.getPartitionKey(), r.getParams()));
	}

	/** A finished run's plan is no longer needed. */
	public void forget(long jobInstanceId) {
		ctx.deleteFrom(PLANNED_PARTITIONS).where(PLANNED_PARTITIONS.JOB_INSTANCE_ID.eq(jobInstanceId)).execute();
		ctx.deleteFrom(PLANNED_STREAMS).where(PLANNED_STREAMS.JOB_INSTANCE_ID.eq(jobInstanceId)).execute();
	}
}
