package com.webworksync.warehouse;


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
	private final PartitionKeys keys;
	private final SoftDeletes deletes;
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
		this.keys = new PartitionKeys(ctx);
		this.deletes = new SoftDeletes(ctx);
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
			keys.forget(stream, partition);
		}
		PartitionKeys.InMemory inMemory = new PartitionKeys.InMemory(new LinkedHashMap<>());
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
				keys.remember(stream, partition, mapping.table(), byKey.keySet());
			}
		}
		if (!page.last()) {
			return new Written(upserted, 0);
		}
		PartitionKeys.Returned returned = singlePage ? inMemory : keys.staged(stream, partition);
		return new Written(upserted, finishPartition(stream, page, runId, now, sourceFingerprint, returned));
	}

	/** The row belongs to the month of its owner date, whichever overlapping month read it. */
	private static void ownByMonth(Record record, TableMapping mapping) {
		Object date = record.get(mapping.ownerDate());
		if (date instanceof LocalDate day) {
			record.set(field(mapping.table(), RowConverter.PARTITION, String.class), YearMonth.from(day).toString());
		}
	}

	/**
	 * The partition's last page is written: its rows that the read did not return get {@code _deleted_at}, and the
	 * ledger records the read (live rows, pages, requests). Returns the deletes.
	 */
	private long finishPartition(StreamDef stream, FetchedPage last, long runId, OffsetDateTime now,
			Function<Partition, String> sourceFingerprint, PartitionKeys.Returned returned) {
		Partition partition = last.partition();
		long deleted = 0;
		long rows = 0;
		for (TableMapping mapping : stream.tables()) {
			Table<?> table = mapping.table();
			List<Record> vanished = deletes.vanished(table, partition, returned.keys(table));
			deleted += deletes.mark(table, vanished, now, runId);
			history.record(table, vanished, now, runId); // closes their current versions
			rows += returned.liveRows(table);
		}
		ledger.recordRead(stream.name(), partition, new Ledger.Read(now, (int) rows, last.page(),
				last.partitionRequests(), runId,
				sourceFingerprint.apply(partition)));
		returned.forget();
		return deleted;
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
