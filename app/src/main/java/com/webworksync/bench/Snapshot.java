package com.webworksync.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONFormat;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

import com.webworksync.schema.webwork.Webwork;
import java.util.HashMap;

/**
 * Every webwork table's live rows, without the run bookkeeping: two warehouses that hold the same
 * data have equal snapshots, however they got there.
 */
public final class Snapshot {

	private Snapshot() {
	}

	public static Map<String, List<String>> live(DSLContext dsl) {
		Map<String, List<String>> snapshot = new LinkedHashMap<>();
		for (Table<?> table : Webwork.WEBWORK.getTables()) {
			if (table.field("_deleted_at") == null) {
				continue; // a *_history table: its versions carry the times each warehouse saw them
			}
			List<Field<?>> fields = Arrays.stream(table.fields())
				.filter(f -> !f.getName().equals("_synced_at") && !f.getName().equals("_run_id")
						&& !f.getName().equals("_deleted_at"))
				.toList();
			List<String> rows = new ArrayList<>();
			for (Record r : dsl.select(fields)
				.from(table)
				.where(DSL.field(DSL.name("_deleted_at")).isNull())
				.orderBy(table.getPrimaryKey().getFields())
				.fetch()) {
				rows.add(r.formatJSON(JSONFormat.DEFAULT_FOR_RECORDS));
			}
			snapshot.put(table.getName(), rows);
		}
		return snapshot;
	}

	/** Tables whose live rows differ, with the number of differing rows. */
	public static Map<String, Integer> differences(Map<String, List<String>> a, Map<String, List<String>> b) {
		Map<String, Integer> differences = new LinkedHashMap<>();
		for (String table : a.keySet()) {
			Map<String, Integer> counts = new HashMap<>();
			a.get(table).forEach(row -> counts.merge(row, 1, Integer::sum));
			b.getOrDefault(table, List.of()).forEach(row -> counts.merge(row, -1, Integer::sum));
			int differing = counts.values().stream().mapToInt(Math::abs).sum();
			if (differing > 0) {
				differences.put(table, differing);
			}
		}
		return differences;
	}
}
