package com.webworksync.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import com.webworksync.streams.Catalog;
import com.webworksync.streams.PersonalField;
import com.webworksync.streams.StreamDef;
import com.webworksync.streams.TableMapping;

/**
 * How many stored values carry each key id ({@code k1}, {@code k2}, {@code k1>k2}): every personal column and every
 * personal field inside {@code raw}, of every table and its history, counted one value each. What a rotation leaves
 * under the old key id alone shows here; at zero the old key can be destroyed (docs/privacy.md). It reads every row
 * of the tables that hold pseudonyms, so status runs it only while some field is pseudonymized.
 */
@Component
public class KeyIdCounts {

	private static final String PSEUDONYM = "'^[a-z][a-z0-9]{0,7}(>[a-z][a-z0-9]{0,7})?:[0-9a-f]{64}$'";

	private final DSLContext ctx;
	private final Catalog catalog;

	public KeyIdCounts(DSLContext ctx, Catalog catalog) {
		this.ctx = ctx;
		this.catalog = catalog;
	}

	/** True when sync.privacy_fields records a pseudonymized field: only then are there key ids to count. */
	public boolean anyPseudonymized() {
		return ctx.fetchExists(ctx.selectOne().from("sync.privacy_fields").where("policy = 'pseudonymize'"));
	}

	/** Values per key id, over the whole warehouse, in key id order. */
	public Map<String, Long> count() {
		Map<String, Long> counts = new TreeMap<>();
		for (StreamDef stream : catalog.all()) {
			for (TableMapping mapping : stream.tables()) {
				if (mapping.personal().isEmpty()) {
					continue;
				}
				String table = "webwork." + mapping.table().getName();
				List<String> relations = new ArrayList<>(List.of(table));
				if (Boolean.TRUE.equals(ctx.fetchValue("select to_regclass(?) is not null", table + "_history"))) {
					relations.add(table + "_history");
				}
				for (String relation : relations) {
					ctx.fetch(sql(mapping, relation))
						.forEach(r -> counts.merge(r.get(0, String.class), r.get(1, Long.class), Long::sum));
				}
			}
		}
		return counts;
	}

	/** One pass over a relation: its personal values as one column, those that are pseudonyms grouped by key id. */
	private static String sql(TableMapping mapping, String relation) {
		List<String> values = new ArrayList<>();
		for (PersonalField field : mapping.personal()) {
			if (field.column()) {
				values.add("select t.\"" + field.name() + "\"::text");
			}
			for (String path : field.rawPaths()) {
				values.add("select p #>> '{}' from jsonb_path_query(t.raw, '" + jsonPath(path) + "') p");
			}
		}
		return "select substring(v from '^([^:]+):') as key_id, count(*) from " + relation + " t cross join lateral ("
				+ String.join(" union all ", values) + ") x(v) where v ~ " + PSEUDONYM + " group by 1";
	}

	/** {@code assignees[].email} as {@code $."assignees"[*]."email"}: the catalog's paths in SQL/JSON. */
	static String jsonPath(String path) {
		return "$" + List.of(path.split("\\.")).stream()
			.map(s -> s.endsWith("[]") ? ".\"" + s.substring(0, s.length() - 2) + "\"[*]" : ".\"" + s + "\"")
			.collect(Collectors.joining());
	}
}
