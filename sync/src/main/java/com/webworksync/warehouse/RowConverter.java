package com.webworksync.warehouse;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;

import com.webworksync.streams.Partition;
import com.webworksync.streams.Row;
import tools.jackson.databind.JsonNode;

/**
 * Fills a table's record from a {@link Row}: each column takes the field of the same name, the
 * bookkeeping columns come from the partition and the run.
 */
final class RowConverter {

	static final String RAW = "raw";
	static final String PARTITION = "_partition";
	static final String SYNCED_AT = "_synced_at";
	static final String RUN_ID = "_run_id";
	static final String DELETED_AT = "_deleted_at";
	static final String WORKSPACE_ID = "workspace_id";

	private RowConverter() {
	}

	/**
	 * Noting the row's fields in {@code seen}. A value a nullable typed column cannot
	 * take (the API changed the field's type) becomes NULL there, noted as retyped; the value
	 * stays in raw. In a NOT NULL column (keys, dates that place the row) it still fails the page:
	 * NULL would make a wrong row.
	 */
	static Record toRecord(DSLContext ctx, Table<?> table, Row row, Partition partition, long runId,
			OffsetDateTime now, FieldObservations seen) {
		seen.row(row.columns());
		Record record = ctx.newRecord(table);
		for (Field<?> field : table.fields()) {
			String name = field.getName();
			Object value = switch (name) {
				case RAW -> JSONB.valueOf(row.raw().toString());
				case PARTITION -> partition.key();
				case SYNCED_AT -> now;
				case RUN_ID -> runId;
				case DELETED_AT -> null;
				case WORKSPACE_ID -> partition.workspaceId() != 0 ? Long.valueOf(partition.workspaceId())
						: ApiValues.convert(row.columns().get("id"), Long.class, "id");
				default -> typed(field, row.columns().get(name), seen);
			};
			set(record, field, value);
		}
		return record;
	}

	private static Object typed(Field<?> field, JsonNode node, FieldObservations seen) {
		String name = field.getName();
		seen.value(name, node);
		try {
			return ApiValues.convert(node, field.getType(), name);
		}
		catch (ApiValues.UnexpectedValueException ex) {
			if (!field.getDataType().nullable()) {
				throw ex;
			}
			seen.nulled(name, node);
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> void set(Record record, Field<T> field, Object value) {
		record.set(field, (T) value);
	}
}
