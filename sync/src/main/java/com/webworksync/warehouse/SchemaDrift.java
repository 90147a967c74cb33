package com.webworksync.warehouse;

import static com.webworksync.schema.sync.Tables.SCHEMA_DRIFT;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Schema drift: compares the fields a page returned with the typed columns of its table, in
 * memory, and records in {@code sync.schema_drift} what is new: fields the API added (kept in
 * {@code raw} only), documented fields (typed columns) absent from every row of a page, and
 * fields whose JSON type does not fit their column (NULL there, the value in raw). A finding
 * is written once per run (first_seen, last_seen) and logged as a WARN once, when first found.
 */
@Component
public class SchemaDrift {

	private static final Logger log = LoggerFactory.getLogger(SchemaDrift.class);
	public static final String FINDINGS = "webwork.sync.schema.drift.findings";

	/** Columns the job fills itself: never expected from the API. */
	private static final Set<String> BOOKKEEPING = Set.of(RowConverter.RAW, RowConverter.PARTITION,
			RowConverter.SYNCED_AT, RowConverter.RUN_ID, RowConverter.DELETED_AT, RowConverter.WORKSPACE_ID);

	private final MeterRegistry registry;
	/** Findings already written by this run: a finding costs one statement per run, not per page. */
	private final Set<String> touched = ConcurrentHashMap.newKeySet();
	private final Set<String> warnedNull = ConcurrentHashMap.newKeySet();

	public SchemaDrift(MeterRegistry registry) {
		this.registry = registry;
	}

	public enum Kind {
		ADDED, MISSING, RETYPED;

		String label() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** One finding: the field, its kind, the JSON type seen (null for missing), the column's SQL type. */
	record Finding(String stream, String table, String field, Kind kind, String jsonType, String columnType) {

		String key(long runId) {
			return runId + "|" + stream + "|" + table + "|" + field + "|" + kind;
		}
	}

	/** The findings one page shows, computed in memory. */
	static List<Finding> findings(String stream, FieldObservations page) {
		List<Finding> out = new ArrayList<>();
		if (page.rows == 0) {
			return out;
		}
		String table = page.table.getName();
		for (String field : page.fields) {
			if (page.table.field(field) == null && !page.untyped.contains(field)) {
				out.add(new Finding(stream, table, field, Kind.ADDED, null, null));
			}
		}
		for (Field<?> column : page.table.fields()) {
			String name = column.getName();
			if (!BOOKKEEPING.contains(name) && !page.fields.contains(name)) {
				out.add(new Finding(stream, table, name, Kind.MISSING, null, sqlType(column)));
			}
		}
		page.retyped.forEach((name, json) -> out
			.add(new Finding(stream, table, name, Kind.RETYPED, json, sqlType(page.table.field(name)))));
		return out;
	}

	/**
	 * Records the page's findings (in the caller's transaction). The JSON type of an added field is
	 * taken from {@code example}: the first row that has it.
	 */
	void record(DSLContext ctx, String stream, FieldObservations page, List<JsonNode> rows,
			long runId, OffsetDateTime now) {
		page.nulled.forEach((column, count) -> {
			if (warnedNull.add(runId + "|" + stream + "|" + page.table.getName() + "|" + column)) {
				log.warn("schema drift: {}.{} ({}) received values it cannot hold ({} on this page); they are NULL there "
						+ "and kept in raw", page.table.getName(), column, stream, count);
			}
		});
		for (Finding finding : findings(stream, page)) {
			if (!touched.add(finding.key(runId))) {
				continue;
			}
			String jsonType = finding.jsonType();
			if (finding.kind() == Kind.ADDED) {
				jsonType = rows.stream()
					.map(r -> r.get(finding.field()))
					.filter(v -> v != null)
					.findFirst()
					.map(FieldObservations::jsonType)
					.orElse("null");
			}
			boolean inserted = ctx.insertInto(SCHEMA_DRIFT)
				.set(SCHEMA_DRIFT.STREAM, stream)
				.set(SCHEMA_DRIFT.TABLE_NAME, finding.table())
				.set(SCHEMA_DRIFT.FIELD, finding.field())
				.set(SCHEMA_DRIFT.KIND, finding.kind().label())
				.set(SCHEMA_DRIFT.JSON_TYPE, jsonType)
				.set(SCHEMA_DRIFT.COLUMN_TYPE, finding.columnType())
				.set(SCHEMA_DRIFT.FIRST_SEEN, now)
				.set(SCHEMA_DRIFT.LAST_SEEN, now)
				.set(SCHEMA_DRIFT.FIRST_RUN_ID, runId)
				.set(SCHEMA_DRIFT.LAST_RUN_ID, runId)
				.onConflict(SCHEMA_DRIFT.STREAM, SCHEMA_DRIFT.TABLE_NAME, SCHEMA_DRIFT.FIELD, SCHEMA_DRIFT.KIND)
				.doUpdate()
				.set(SCHEMA_DRIFT.LAST_SEEN, now)
				.set(SCHEMA_DRIFT.LAST_RUN_ID, runId)
				.set(SCHEMA_DRIFT.JSON_TYPE, jsonType)
				.returningResult(DSL.field("xmax = 0", Boolean.class))
				.fetchOne(0, Boolean.class);
			if (inserted) {
				Counter.builder(FINDINGS)
					.description("New schema-drift findings (sync.schema_drift rows) by stream and kind")
					.tag("stream", stream)
					.tag("kind", finding.kind().label())
					.register(registry)
					.increment();
				log.warn("schema drift: {}", describe(finding, jsonType));
			}
		}
	}

	static String describe(Finding f, String jsonType) {
		return switch (f.kind()) {
			case ADDED -> "the API added field '" + f.field() + "' (" + jsonType + ") to " + f.stream() + "; webwork."
					+ f.table() + " has no column for it, it is kept in raw";
			case MISSING -> "documented field '" + f.field() + "' of " + f.stream() + " did not arrive; webwork." + f.table()
					+ "." + f.field() + " is NULL for those rows";
			case RETYPED -> "field '" + f.field() + "' of " + f.stream() + " arrived as " + jsonType + ", which webwork."
					+ f.table() + "." + f.field() + " (" + f.columnType() + ") does not expect; values it cannot hold are NULL, raw keeps them";
		};
	}

	private static String sqlType(Field<?> column) {
		return column == null ? null : column.getDataType().getTypeName();
	}
}
