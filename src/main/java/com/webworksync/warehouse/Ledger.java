package com.webworksync.warehouse;

import static com.webworksync.warehouse.generated.sync.Tables.PARTITIONS;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Reads the partition ledger ({@code sync.partitions}) for the planner. */
@Component
public class Ledger {

	private final DSLContext ctx;

	public Ledger(DSLContext ctx) {
		this.ctx = ctx;
	}

	/** The last complete read of a partition. */
	public record Entry(OffsetDateTime fetchedAt, int rowCount, int pages, String sourceFingerprint) {
	}

	public Map<String, Entry> entries(String stream, long workspaceId) {
		Map<String, Entry> entries = new HashMap<>();
		ctx.select(PARTITIONS.PARTITION_KEY, PARTITIONS.FETCHED_AT, PARTITIONS.ROW_COUNT, PARTITIONS.PAGES,
				PARTITIONS.SOURCE_FINGERPRINT)
			.from(PARTITIONS)
			.where(PARTITIONS.STREAM.eq(stream))
			.and(PARTITIONS.WORKSPACE_ID.eq(workspaceId))
			.forEach(r -> entries.put(r.value1(), new Entry(r.value2(), r.value3(), r.value4(), r.value5())));
		return entries;
	}
}
