package com.webworksync.warehouse;

import static com.webworksync.schema.sync.Tables.PARTITION_KEYS;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;

import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;

/**
 * The keys of the rows a partition's read returned, which tell the rows that vanished: in memory for a one-page
 * partition, staged page by page in {@code sync.partition_keys} (in each page's transaction) for a longer one.
 */
final class PartitionKeys {

	private final DSLContext ctx;

	PartitionKeys(DSLContext ctx) {
		this.ctx = ctx;
	}

	/** What a longer partition's read returned, from its staged keys. */
	Returned staged(StreamDef stream, Partition partition) {
		return new Staged(stream, partition);
	}

	/** What a partition's read returned, table by table. */
	interface Returned {
		/** The keys of the rows the read returned. */
		Set<String> keys(Table<?> table);

		/** How many live rows the partition has once the vanished ones are deleted. */
		int liveRows(Table<?> table);

		/** Drops what was kept for the read. */
		void forget();
	}

	/** A one-page partition: its live rows are exactly this page's, no need to ask the database. */
	record InMemory(Map<String, Set<String>> keys) implements Returned {

		@Override
		public Set<String> keys(Table<?> table) {
			return keys.get(table.getName());
		}

		@Override
		public int liveRows(Table<?> table) {
			return keys(table).size();
		}

		@Override
		public void forget() {
		}
	}

	/** A partition read over several pages: its keys were staged in sync.partition_keys, page by page. */
	private final class Staged implements Returned {
		private final StreamDef stream;
		private final Partition partition;

		Staged(StreamDef stream, Partition partition) {
			this.stream = stream;
			this.partition = partition;
		}

		@Override
		public Set<String> keys(Table<?> table) {
			return staged(stream, partition, table);
		}

		@Override
		public int liveRows(Table<?> table) {
			return ctx.fetchCount(table, PartitionWriter.scope(table, partition)
				.and(PartitionWriter.field(table, RowConverter.DELETED_AT, OffsetDateTime.class).isNull()));
		}

		@Override
		public void forget() {
			PartitionKeys.this.forget(stream, partition);
		}
	}

	/** The keys a partition read over several pages staged in sync.partition_keys for one table. */
	private Set<String> staged(StreamDef stream, Partition partition, Table<?> table) {
		Set<String> keys = new HashSet<>();
		ctx.select(PARTITION_KEYS.ROW_KEY)
			.from(PARTITION_KEYS)
			.where(keysOf(stream, partition))
			.and(PARTITION_KEYS.TABLE_NAME.eq(table.getName()))
			.forEach(r -> keys.add(r.value1()));
		return keys;
	}

	/** Stages a page's keys of one table. */
	void remember(StreamDef stream, Partition partition, Table<?> table, Iterable<String> keys) {
		var insert = ctx.insertInto(PARTITION_KEYS, PARTITION_KEYS.STREAM, PARTITION_KEYS.WORKSPACE_ID,
				PARTITION_KEYS.PARTITION_KEY, PARTITION_KEYS.TABLE_NAME, PARTITION_KEYS.ROW_KEY);
		boolean any = false;
		for (String key : keys) {
			insert = insert.values(stream.name(), partition.workspaceId(), partition.key(), table.getName(), key);
			any = true;
		}
		if (any) {
			insert.onConflictDoNothing().execute();
		}
	}

	void forget(StreamDef stream, Partition partition) {
		ctx.deleteFrom(PARTITION_KEYS).where(keysOf(stream, partition)).execute();
	}

	private static Condition keysOf(StreamDef stream, Partition partition) {
		return PARTITION_KEYS.STREAM.eq(stream.name())
			.and(PARTITION_KEYS.WORKSPACE_ID.eq(partition.workspaceId()))
			.and(PARTITION_KEYS.PARTITION_KEY.eq(partition.key()));
	}
}
