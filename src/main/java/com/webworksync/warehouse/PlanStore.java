package com.webworksync.warehouse;

import static com.webworksync.warehouse.generated.sync.Tables.PLANNED_PARTITIONS;

import java.util.List;
import java.util.function.Supplier;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import com.webworksync.streams.Partition;

/**
 * Keeps each run's plan, so a restarted run walks exactly the partitions, in exactly the order,
 * that its checkpoint (partition index, page) refers to.
 */
@Component
public class PlanStore {

	private final DSLContext ctx;

	public PlanStore(DSLContext ctx) {
		this.ctx = ctx;
	}

	public List<Partition> loadOrCreate(long jobInstanceId, String stream, Supplier<List<Partition>> planner) {
		List<Partition> saved = load(jobInstanceId, stream);
		if (!saved.isEmpty() || ctx.fetchExists(PLANNED_PARTITIONS,
				PLANNED_PARTITIONS.JOB_INSTANCE_ID.eq(jobInstanceId).and(PLANNED_PARTITIONS.STREAM.eq("~" + stream)))) {
			return saved;
		}
		List<Partition> plan = planner.get();
		ctx.transaction(tx -> {
			var insert = tx.dsl()
				.insertInto(PLANNED_PARTITIONS, PLANNED_PARTITIONS.JOB_INSTANCE_ID, PLANNED_PARTITIONS.STREAM,
						PLANNED_PARTITIONS.SEQ, PLANNED_PARTITIONS.WORKSPACE_ID, PLANNED_PARTITIONS.PARTITION_KEY,
						PLANNED_PARTITIONS.PARAMS)
				// a marker row, so an empty plan is remembered as planned too
				.values(jobInstanceId, "~" + stream, -1, 0L, "", "");
			for (int i = 0; i < plan.size(); i++) {
				Partition p = plan.get(i);
				insert = insert.values(jobInstanceId, stream, i, p.workspaceId(), p.key(), p.paramsText());
			}
			insert.execute();
		});
		return plan;
	}

	private List<Partition> load(long jobInstanceId, String stream) {
		return ctx.selectFrom(PLANNED_PARTITIONS)
			.where(PLANNED_PARTITIONS.JOB_INSTANCE_ID.eq(jobInstanceId))
			.and(PLANNED_PARTITIONS.STREAM.eq(stream))
			.orderBy(PLANNED_PARTITIONS.SEQ)
			.fetch(r -> Partition.parse(r.getWorkspaceId(), r.getPartitionKey(), r.getParams()));
	}

	/** A finished run's plan is no longer needed. */
	public void forget(long jobInstanceId) {
		ctx.deleteFrom(PLANNED_PARTITIONS).where(PLANNED_PARTITIONS.JOB_INSTANCE_ID.eq(jobInstanceId)).execute();
	}
}
