package com.webworksync.warehouse;

import static com.webworksync.schema.sync.Tables.PARTITION_KEYS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import com.webworksync.privacy.RowPrivacy;
import com.webworksync.streams.Partition;
import com.webworksync.streams.Row;
import com.webworksync.streams.StreamDef;
import com.webworksync.streams.TableMapping;

import tools.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes one page of a partition inside the caller's (the chunk's) transaction: upserts its
 * rows, remembers their keys, and on the last page closes the partition: rows of the partition
 * that were not returned get {@code _deleted_at}, and the ledger records the read.
 *
 * <p>A partition owns the rows whose {@code _partition} is its key. A month read also returns
 * rows that span into it from the month before (a timesheet's week, a leave): those belong to
 * the month they start in. This read updates them where they are live, but only their own
 * month's read inserts, revives or deletes them, and only owned rows count in this partition's
 * ledger row count. So each ledger row always equals its partition's live rows.
 */
@Component
public class PartitionWriter {

	private final DSLContext ctx;
	private final TableUpserter upserter;
	private final History history;
	private final Clock clock;
	private final SchemaDrift drift;
	private final Ledger ledger;
	private final RowPrivacy privacy;

	public PartitionWriter(DSLContext ctx, Clock clock, SchemaDrift drift, Ledger ledger, RowPrivacy privacy) {
		this.ctx = ctx;
		this.privacy = privacy;
		this.ledger = ledger;
		this.clock = clock;
		this.drift = drift;
		this.upserter = new TableUpserter(ctx);
		this.history = new History(ctx);
	}

	public record Written(long upserted, long deleted) {
	}

	/**
	 * Writes one page; on the partition's last page also finishes the partition (soft deletes and its ledger row).
	 *
	 * @param sourceFingerprint for change-detected streams: what the reports say about the partition
	 *        once its rows are written, kept in the ledger for the next plan (null: none)
	 */
	public Written write(StreamDef stream, FetchedPage page, long runId,
			Function<Partition, String> sourceFingerprint) {
		Partition partition = page.partition();
		OffsetDateTime now = OffsetDateTime.now(clock);
		// most partitions are one page: their keys stay in memory; longer ones stage them in the database
		boolean singlePage = page.page() == 1 && page.last();
		if (page.page() == 1 && !singlePage) {
			forgetKeys(stream, partition);
		}
		InMemory inMemory = new InMemory(new LinkedHashMap<>());
		long upserted = 0;
		for (TableMapping mapping : stream.tables()) {
			Map<String, Record> byKey = new LinkedHashMap<>(); // the rows this partition owns
			Map<String, Record> foreign = new LinkedHashMap<>(); // rows another month owns
			FieldObservations fields = new FieldObservations(mapping.table(), mapping.untyped());
			List<JsonNode> columns = new ArrayList<>();
			for (JsonNode item : page.items()) {
				// the privacy policy before anything else sees the rows: records, history, drift and logs
				for (Row row : privacy.apply(mapping, mapping.mapper().rows(item, partition), partition.workspaceId(), runId)) {
					columns.add(row.columns());
					Record record = RowConverter.toRecord(ctx, mapping.table(), row, partition, runId, now, fields);
					if (mapping.ownerDate() != null) {
						ownByMonth(record, mapping);
					}
					String key = TableUpserter.rowKey(mapping.table(), record);
					boolean owned = partition.key().equals(record.get(RowConverter.PARTITION));
					(owned ? byKey : foreign).put(key, record); // last one wins
				}
			}
			drift.record(ctx, stream.name(), fields, columns, runId, now);
			List<Record> changed = new ArrayList<>(upserter.upsert(mapping.table(), new ArrayList<>(byKey.values())));
			changed.addAll(upserter.update(mapping.table(), new ArrayList<>(foreign.values())));
			upserted += changed.size();
			history.record(mapping.table(), changed, now, runId); // same transaction as the rows
			if (singlePage) {
				inMemory.keys().put(mapping.table().getName(), byKey.keySet());
			}
			else {
				rememberKeys(stream, partition, mapping.table(), byKey.keySet());
			}
		}
		if (!page.last()) {
			return new Written(upserted, 0);
		}
		Returned returned = singlePage ? inMemory : new Staged(stream, partition);
		return new Written(upserted, finishPartition(stream, page, runId, now, sourceFingerprint, returned));
	}

	/** The row belongs to the month of its owner date, whichever overlapping month read it. */
	private static void ownByMonth(Record record, TableMapping mapping) {
		Object date = record.get(mapping.ownerDate());
		if (date instanceof LocalDate day) {
			record.set(field(mapping.table(), RowConverter.PARTITION, String.class), YearMonth.from(day).toString());
		}
	}

	/** What a partition's read returned, table by table. */
	private interface Returned {
		/** The keys of the rows the read returned. */
		Set<String> keys(Table<?> table);

		/** How many live rows the partition has once the vanished ones are deleted. */
		int liveRows(Table<?> table);

		/** Drops what was kept for the read. */
		void forget();
	}

	/** A one-page partition: its live rows are exactly this page's, no need to ask the database. */
	private record InMemory(Map<String, Set<String>> keys) implements Returned {

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
			return stagedKeys(stream, partition, table);
		}

		@Override
		public int liveRows(Table<?> table) {
			return ctx.fetchCount(table,
					scope(table, partition).and(field(table, RowConverter.DELETED_AT, OffsetDateTime.class).isNull()));
		}

		@Override
		public void forget() {
			forgetKeys(stream, partition);
		}
	}

	/**
	 * The partition's last page is written: its rows that the read did not return get {@code _deleted_at}, and the
	 * ledger records the read (live rows, pages, requests). Returns the deletes.
	 */
	private long finishPartition(StreamDef stream, FetchedPage last, long runId, OffsetDateTime now,
			Function<Partition, String> sourceFingerprint, Returned returned) {
		Partition partition = last.partition();
		long deleted = 0;
		long rows = 0;
		for (TableMapping mapping : stream.tables()) {
			Table<?> table = mapping.table();
			List<Record> vanished = vanished(table, partition, returned.keys(table));
			deleted += markDeleted(table, vanished, now, runId);
			history.record(table, vanished, now, runId); // closes their current versions
			rows += returned.liveRows(table);
		}
		ledger.recordRead(stream.name(), partition, new Ledger.Read(now, (int) rows, last.page(),
				last.partitionRequests(), runId,
				sourceFingerprint.apply(partition)));
		returned.forget();
		return deleted;
	}

	/**
	 * The partition's live rows whose keys this read did not return. The set difference is taken
	 * here, in a hash set, not by the database: one scan of the partition's rows (by its index),
	 * so it stays linear whatever the planner's statistics say (an anti join on the text key was
	 * quadratic on tables just filled, before autovacuum had analysed them).
	 */
	private List<Record> vanished(Table<?> table, Partition partition, Set<String> seen) {
		List<Record> vanished = new ArrayList<>();
		ctx.select(TableUpserter.primaryKey(table))
			.from(table)
			.where(scope(table, partition))
			.and(field(table, RowConverter.DELETED_AT, OffsetDateTime.class).isNull())
			.forEach(key -> {
				if (!seen.contains(TableUpserter.rowKey(table, key))) {
					vanished.add(key);
				}
			});
		return vanished;
	}

	/** Soft-deletes rows by primary key: one unique-index probe each, in one JDBC batch. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private long markDeleted(Table<?> table, List<Record> keys, OffsetDateTime now, long runId) {
		if (keys.isEmpty()) {
			return 0;
		}
		List<Field<?>> pk = TableUpserter.primaryKey(table);
		Condition byKey = DSL.noCondition();
		for (Field<?> column : pk) {
			byKey = byKey.and(((Field) column).eq(DSL.val(null, column)));
		}
		var batch = ctx.batch(ctx.update(table)
			.set(field(table, RowConverter.DELETED_AT, OffsetDateTime.class), now)
			.set(field(table, RowConverter.SYNCED_AT, OffsetDateTime.class), now)
			.set(field(table, RowConverter.RUN_ID, Long.class), runId)
			.where(byKey)
			.and(field(table, RowConverter.DELETED_AT, OffsetDateTime.class).isNull()));
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

	/** The keys a partition read over several pages staged in sync.partition_keys for one table. */
	private Set<String> stagedKeys(StreamDef stream, Partition partition, Table<?> table) {
		Set<String> keys = new HashSet<>();
		ctx.select(PARTITION_KEYS.ROW_KEY)
			.from(PARTITION_KEYS)
			.where(keysOf(stream, partition))
			.and(PARTITION_KEYS.TABLE_NAME.eq(table.getName()))
			.forEach(r -> keys.add(r.value1()));
		return keys;
	}

	private void rememberKeys(StreamDef stream, Partition partition, Table<?> table, Iterable<String> keys) {
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

	private void forgetKeys(StreamDef stream, Partition partition) {
		ctx.deleteFrom(PARTITION_KEYS).where(keysOf(stream, partition)).execute();
	}

	private static Condition keysOf(StreamDef stream, Partition partition) {
		return PARTITION_KEYS.STREAM.eq(stream.name())
			.and(PARTITION_KEYS.WORKSPACE_ID.eq(partition.workspaceId()))
			.and(PARTITION_KEYS.PARTITION_KEY.eq(partition.key()));
	}

	/** The rows a partition owns: those it last returned. */
	static Condition scope(Table<?> table, Partition partition) {
		Condition scope = field(table, RowConverter.PARTITION, String.class).eq(partition.key());
		return partition.workspaceId() == 0 ? scope
				: scope.and(field(table, RowConverter.WORKSPACE_ID, Long.class).eq(partition.workspaceId()));
	}

	@SuppressWarnings("unchecked")
	static <T> Field<T> field(Table<?> table, String name, Class<T> type) {
		Field<?> field = table.field(name);
		if (field == null) {
			throw new IllegalStateException(table.getName() + " lacks column " + name);
		}
		return (Field<T>) field;
	}

}
