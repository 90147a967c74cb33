package com.webworksync.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.webworksync.streams.PersonalField;
import com.webworksync.streams.TableMapping;

/**
 * The SQL that finds and scrubs one person's personal values in one table (or its history): the personal columns set
 * to NULL, the same fields inside {@code raw} set to JSON null, exactly as the write path drops them, so the next
 * read of the person's rows finds nothing to change. Built from the catalog's declarations; identifiers and paths
 * come from there, the workspace, the person and the names are bound.
 *
 * @param relation the table, e.g. webwork.members or webwork.members_history
 * @param who the condition on the person: {@code user_id = ?}, or for expenses {@code member = any(?)}
 */
record Scrub(String relation, String who, List<String> columns, Map<String, List<String>> rawKeysByParent,
		String array, List<String> arrayKeys) {

	/** The scrubs of a table with a subject (its history too when it has one), and of arrays of people in raw. */
	static List<Scrub> of(TableMapping mapping, boolean hasHistory) {
		List<String> columns = new ArrayList<>();
		Map<String, List<String>> byParent = new LinkedHashMap<>();
		Map<String, List<String>> arrays = new LinkedHashMap<>();
		for (PersonalField field : mapping.personal()) {
			if (field.column()) {
				columns.add(field.name());
			}
			for (String path : field.rawPaths()) {
				int dot = path.lastIndexOf('.');
				String parent = dot < 0 ? "" : path.substring(0, dot);
				String key = path.substring(dot + 1);
				if (parent.endsWith("[]")) {
					arrays.computeIfAbsent(parent.substring(0, parent.length() - 2), a -> new ArrayList<>()).add(key);
				}
				else {
					byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(key);
				}
			}
		}
		String table = "webwork." + mapping.table().getName();
		List<String> relations = hasHistory ? List.of(table, table + "_history") : List.of(table);
		List<Scrub> scrubs = new ArrayList<>();
		for (String relation : relations) {
			if (mapping.subject() != null) {
				String who = mapping.subject().byName() ? "\"" + mapping.subject().column() + "\" = any(?::text[])"
						: "\"" + mapping.subject().column() + "\" = ?";
				scrubs.add(new Scrub(relation, who, columns, byParent, null, List.of()));
			}
			arrays.forEach((array, keys) -> scrubs.add(new Scrub(relation, null, List.of(), Map.of(), array, keys)));
		}
		return scrubs;
	}

	/** {@code select coalesce(sum(values), 0) …}: how many values the scrub would clear; binds workspace, person. */
	String countSql() {
		return "select coalesce(sum(" + values() + "), 0) from " + relation + " where workspace_id = ? and " + where();
	}

	/** The scrub itself; binds workspace, person (twice for an array: the elements and the rows). */
	String updateSql() {
		if (array != null) {
			return "update " + relation + " set raw = jsonb_set(raw, '{" + array + "}', (select jsonb_agg(case when e->>'id' = ?::text "
					+ "then e || " + nulls("e", arrayKeys) + " else e end order by n) from jsonb_array_elements(raw->'" + array
					+ "') with ordinality as a(e, n))) where workspace_id = ? and " + where();
		}
		String sets = columns.stream().map(c -> "\"" + c + "\" = null").collect(Collectors.joining(", "));
		return "update " + relation + " set " + (sets.isEmpty() ? "" : sets + ", ") + "raw = " + rawScrubbed()
				+ " where workspace_id = ? and " + where();
	}

	/** Binds of {@link #updateSql()} in order, given those of the condition (workspace, person). */
	Object[] updateBinds(long workspaceId, Object person) {
		return array != null ? new Object[] { person.toString(), workspaceId, person.toString() }
				: new Object[] { workspaceId, person };
	}

	/** Binds of {@link #countSql()}: the array's element id is text. */
	Object[] countBinds(long workspaceId, Object person) {
		return array != null ? new Object[] { person.toString(), workspaceId, person.toString() }
				: new Object[] { workspaceId, person };
	}

	private String where() {
		if (array != null) {
			return "jsonb_typeof(raw->'" + array + "') = 'array' and exists (select 1 from jsonb_array_elements(raw->'" + array
					+ "') e where e->>'id' = ?::text and (" + arrayKeys.stream().map(k -> "e->>'" + k + "' is not null")
						.collect(Collectors.joining(" or ")) + "))";
		}
		return who + " and (" + values() + ") > 0";
	}

	/** The values a row holds of the person: non-null columns and non-null fields in raw. */
	private String values() {
		List<String> terms = new ArrayList<>();
		if (array != null) {
			return "(select count(*) from jsonb_array_elements(case when jsonb_typeof(raw->'" + array + "') = 'array' then raw->'"
					+ array + "' else '[]'::jsonb end) e, unnest(array['" + String.join("','", arrayKeys) + "']) k "
					+ "where e->>'id' = ?::text and e->>k is not null)";
		}
		columns.forEach(c -> terms.add("(\"" + c + "\" is not null)::int"));
		rawKeysByParent.forEach((parent, keys) -> keys.forEach(k -> terms.add("((raw #>> '{" + path(parent, k) + "}') is not null)::int")));
		return terms.isEmpty() ? "0" : String.join(" + ", terms);
	}

	private String rawScrubbed() {
		String raw = "raw";
		for (Map.Entry<String, List<String>> parent : rawKeysByParent.entrySet()) {
			if (parent.getKey().isEmpty()) {
				raw = "(" + raw + " || " + nulls("raw", parent.getValue()) + ")";
			}
			else {
				String at = "raw #> '{" + parent.getKey().replace('.', ',') + "}'";
				raw = "(case when jsonb_typeof(" + at + ") = 'object' then jsonb_set(" + raw + ", '{" + parent.getKey().replace('.', ',')
						+ "}', (" + at + ") || " + nulls(at, parent.getValue()) + ") else " + raw + " end)";
			}
		}
		return raw;
	}

	/** A JSON object with those of {@code keys} that {@code object} has, each null. */
	private static String nulls(String object, List<String> keys) {
		return "(select coalesce(jsonb_object_agg(k, 'null'::jsonb), '{}'::jsonb) from unnest(array['" + String.join("','", keys)
				+ "']) k where jsonb_exists(" + object + ", k))";
	}

	private static String path(String parent, String key) {
		return parent.isEmpty() ? key : parent.replace('.', ',') + "," + key;
	}
}
