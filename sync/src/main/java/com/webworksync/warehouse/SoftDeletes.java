package com.webworksync.warehouse;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

import com.webworksync.streams.Partition;

/** The rows a partition no longer returns, found and given {@code _deleted_at} when its read completes. */
final class SoftDeletes {

	private final DSLContext ctx;

	SoftDeletes(DSLContext ctx) {
		this.ctx = ctx;
	}

	/**
	 * The partition's live rows whose keys this read did not return. The set difference is taken
	 * here, in a hash set, not by the database: one scan of the partition's rows (by its index),
	 * so it stays linear whatever the planner's statistics say (an anti join on the text key was
	 * quadratic on tables just filled, before autovacuum had analysed them).
	 */
	List<Record> vanished(Table<?> table, Partition partition, Set<String> seen) {
		List<Record> vanished = new ArrayList<>();
		ctx.select(TableUpserter.primaryKey(table))
			.from(table)
			.where(PartitionWriter.scope(table, partition))
			.and(PartitionWriter.field(table, RowConverter.DELETED_AT, OffsetDateTime.class).isNull())
			.forEach(key -> {
				if (!seen.contains(TableUpserter.rowKey(table, key))) {
					vanished.add(key);
				}
			});
		return vanished;
	}

	/** Soft-deletes rows by primary key: one unique-index probe each, in one JDBC batch. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	long mark(Table<?> table, List<Record> keys, OffsetDateTime now, long runId) {
		if (keys.isEmpty()) {
			return 0;
		}
		List<Field<?>> pk = TableUpserter.primaryKey(table);
		Condition byKey = DSL.noCondition();
		for (Field<?> column : pk) {
			byKey = byKey.and(((Field) column).eq(DSL.val(null, column)));
		}
		var batch = ctx.batch(ctx.update(table)
			.set(PartitionWriter.field(table, RowConverter.DELETED_AT, OffsetDateTime.class), now)
			.set(PartitionWriter.field(table, RowConverter.SYNCED_AT, OffsetDateTime.class), now)
			.set(PartitionWriter.field(table, RowConverter.RUN_ID, Long.class), runId)
			.where(byKey)
			.and(PartitionWriter.field(table, RowConverter.DELETED_AT, OffsetDateTime.class).isNull()));
		for (Record key : keys) {
			Object[] binds = new Object[3 + pk.size()];
			binds[0] = now;
			binds[1] = now;
			binds[2] = runId;
			for (int i = 0; i < pk.size(); i++) {
				binds[3 + i] = key.get(i);
			}
			batch = batch.bind(binds);
		}
		long changed = 0;
		for (int count : batch.execute()) {
			changed += Math.max(0, count);
		}
		return changed;
	}
}
