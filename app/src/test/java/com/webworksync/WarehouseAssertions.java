package com.webworksync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

import com.webworksync.schema.webwork.Webwork;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading the warehouse back in tests: live rows, raw JSON, whole-table snapshots. */
public final class WarehouseAssertions {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WarehouseAssertions() {
	}

	/** JSON in one canonical form, so the sandbox's objects and jsonb compare equal when equal. */
	public static JsonNode canonical(Object json) {
		return JSON.readTree(json.toString());
	}

	public static int live(DSLContext dsl, String table) {
		return dsl.fetchCount(table(table), DSL.field(DSL.name("_deleted_at")).isNull());
	}

	/** raw of every live row, keyed by the given column. */
	public static Map<String, JsonNode> rawById(DSLContext dsl, String table, String idColumn) {
		Map<String, JsonNode> rows = new LinkedHashMap<>();
		for (Record r : dsl.select(DSL.field(DSL.name(idColumn)), DSL.field(DSL.name("raw")))
			.from(table(table))
			.where(DSL.field(DSL.name("_deleted_at")).isNull())
			.fetch()) {
			rows.put(String.valueOf(r.get(0)), canonical(r.get(1)));
		}
		return rows;
	}

	/**
	 * Every table's full contents without the run bookkeeping (_synced_at, _run_id): two
	 * warehouses that hold the same data give equal snapshots. A history table's versions count
	 * without their times (valid_from, valid_to are when a run saw them), as current or not.
	 */
	public static Map<String, List<String>> snapshot(DSLContext dsl) {
		Map<String, List<String>> snapshot = new LinkedHashMap<>();
		for (Table<?> table : Webwork.WEBWORK.getTables()) {
			List<String> rows = new ArrayList<>();
			var fields = java.util.Arrays.stream(table.fields())
				.filter(f -> !f.getName().equals("_synced_at") && !f.getName().equals("_run_id"))
				.filter(f -> !f.getName().equals("valid_from"))
				.map(f -> f.getName().equals("_deleted_at") ? DSL.field(f.isNull()).as("live") : f)
				.map(f -> f.getName().equals("valid_to") ? DSL.field(f.isNull()).as("current") : f)
				.toList();
			for (Record r : dsl.select(fields).from(table).orderBy(table.getPrimaryKey().getFields()).fetch()) {
				rows.add(r.formatJSON(org.jooq.JSONFormat.DEFAULT_FOR_RECORDS));
			}
			snapshot.put(table.getName(), rows);
		}
		return snapshot;
	}

	public static Table<?> table(String name) {
		Table<?> table = Webwork.WEBWORK.getTable(name);
		if (table == null) {
			throw new IllegalArgumentException("no table webwork." + name);
		}
		return table;
	}
}
