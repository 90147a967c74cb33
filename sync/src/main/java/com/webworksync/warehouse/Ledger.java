package com.webworksync.warehouse;

import static com.webworksync.schema.sync.Tables.PARTITIONS;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import com.webworksync.streams.Partition;
import java.util.LinkedHashMap;

/**
 * The partition ledger ({@code sync.partitions}): the writer records each complete read of a partition in the
 * transaction of its last page ({@link #recordRead}); the planner reads it back, a whole stream where it is small
 * (dimensions, months, projects), a slice of days where it grows with members and history (user-days, days), by
 * the index on {@code sync.partition_day(partition_key)} (V15).
 */
@Component
public class Ledger {

	private final DSLContext ctx;

	public Ledger(DSLContext ctx) {
		this.ctx = ctx;
	}

	/** The last complete read of a partition. */
	public record Entry(OffsetDateTime fetchedAt, int rowCount, int pages, String sourceFingerprint) {
	}

	/**
	 * A complete read of a partition, as the ledger keeps it.
	 *
	 * @param rowCount the partition's live rows after the read
	 * @param sourceFingerprint what the reports said about the partition (change-detected streams), or null
	 */
	public record Read(OffsetDateTime fetchedAt, int rowCount, int pages, int requests, long runId,
			String sourceFingerprint) {
	}

	/** Records a complete read of a partition, in the caller's transaction (the one of its last page). */
	public void recordRead(String stream, Partition partition, Read read) {
		Map<Field<?>, Object> values = new LinkedHashMap<>();
		values.put(PARTITIONS.FETCHED_AT, read.fetchedAt());
		values.put(PARTITIONS.ROW_COUNT, read.rowCount());
		values.put(PARTITIONS.PAGES, read.pages());
		values.put(PARTITIONS.REQUESTS, read.requests());
		values.put(PARTITIONS.RUN_ID, read.runId());
		values.put(PARTITIONS.SOURCE_FINGERPRINT, read.sourceFingerprint());
		ctx.insertInto(PARTITIONS)
			.set(PARTITIONS.STREAM, stream)
			.set(PARTITIONS.WORKSPACE_ID, partition.workspaceId())
			.set(PARTITIONS.PARTITION_KEY, partition.key())
			.set(values)
			.onConflict(PARTITIONS.STREAM, PARTITIONS.WORKSPACE_ID, PARTITIONS.PARTITION_KEY)
			.doUpdate()
			.set(values)
			.execute();
	}

	/** Every partition of a stream in a workspace. */
	public Map<String, Entry> entries(String stream, long workspaceId) {
		return entries(stream, workspaceId, DSL.trueCondition());
	}

	/** The partitions of a stream in a workspace whose key names a day between {@code from} and {@code to}. */
	public Map<String, Entry> entries(String stream, long workspaceId, LocalDate from, LocalDate to) {
		return entries(stream, workspaceId,
				DSL.field("sync.partition_day({0})", LocalDate.class, PARTITIONS.PARTITION_KEY).between(from, to));
	}

	/** The oldest day any partition of the stream in the workspace names (a month: its first day), or null. */
	public LocalDate oldestDay(String stream, long workspaceId) {
		Field<LocalDate> day = DSL.field("sync.partition_day({0})", LocalDate.class, PARTITIONS.PARTITION_KEY);
		return ctx.select(DSL.min(day))
			.from(PARTITIONS)
			.where(PARTITIONS.STREAM.eq(stream))
			.and(PARTITIONS.WORKSPACE_ID.eq(workspaceId))
			.and(day.isNotNull())
			.fetchOne(0, LocalDate.class);
	}

	private Map<String, Entry> entries(String stream, long workspaceId, Condition days) {
		Map<String, Entry> entries = new HashMap<>();
		ctx.select(PARTITIONS.PARTITION_KEY, PARTITIONS.FETCHED_AT, PARTITIONS.ROW_COUNT, PARTITIONS.PAGES,
				PARTITIONS.SOURCE_FINGERPRINT)
			.from(PARTITIONS)
			.where(PARTITIONS.STREAM.eq(stream))
			.and(PARTITIONS.WORKSPACE_ID.eq(workspaceId))
			.and(days)
			.forEach(r -> entries.put(r.value1(), new Entry(r.value2(), r.value3(), r.value4(), r.value5())));
		return entries;
	}
}
