package com.webworksync.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The warehouse described from the live catalog: every table and view of the given schemas with
 * its comment, then its columns with type, key, nullability and comment, as Markdown.
 */
final class DataDictionary {

	record Column(String name, String type, boolean notNull, boolean key, String comment) {
	}

	record Relation(String schema, String name, String kind, String comment, List<Column> columns) {

		String qualified() {
			return schema + "." + name;
		}
	}

	record Schema(String name, String comment, List<Relation> relations) {
	}

	private final List<Schema> schemas;

	private DataDictionary(List<Schema> schemas) {
		this.schemas = schemas;
	}

	static DataDictionary read(DSLContext dsl, List<String> schemaNames) {
		List<Schema> schemas = new ArrayList<>();
		for (String schema : schemaNames) {
			String comment = dsl.fetchValue("select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = ?",
					schema) instanceof String text ? text : null;
			Map<String, Relation> relations = new LinkedHashMap<>();
			for (Record r : dsl.fetch("""
					select c.relname, case c.relkind when 'v' then 'view' when 'm' then 'materialized view' else 'table' end,
					       obj_description(c.oid, 'pg_class'), a.attname, format_type(a.atttypid, a.atttypmod),
					       a.attnotnull, coalesce(a.attnum = any(i.indkey), false), col_description(c.oid, a.attnum)
					from pg_class c
					join pg_namespace n on n.oid = c.relnamespace
					join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
					left join pg_index i on i.indrelid = c.oid and i.indisprimary
					where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'm')
					order by c.relname, a.attnum""", schema)) {
				Relation relation = relations.computeIfAbsent(r.get(0, String.class), name -> new Relation(schema, name,
						r.get(1, String.class), r.get(2, String.class), new ArrayList<>()));
				relation.columns()
					.add(new Column(r.get(3, String.class), r.get(4, String.class), r.get(5, Boolean.class),
							r.get(6, Boolean.class), r.get(7, String.class)));
			}
			schemas.add(new Schema(schema, comment, List.copyOf(relations.values())));
		}
		return new DataDictionary(schemas);
	}

	/** Schemas, tables, views and columns without a comment, by qualified name. */
	List<String> uncommented() {
		List<String> missing = new ArrayList<>();
		for (Schema schema : schemas) {
			if (blank(schema.comment())) {
				missing.add("schema " + schema.name());
			}
			for (Relation relation : schema.relations()) {
				if (blank(relation.comment())) {
					missing.add(relation.kind() + " " + relation.qualified());
				}
				relation.columns()
					.stream()
					.filter(column -> blank(column.comment()))
					.forEach(column -> missing.add("column " + relation.qualified() + "." + column.name()));
			}
		}
		return missing;
	}

	List<Relation> relations(String schema) {
		return schemas.stream().filter(s -> s.name().equals(schema)).flatMap(s -> s.relations().stream()).toList();
	}

	/**
	 * @param notes more text for some columns, by schema.table.column (the personal fields the catalog declares)
	 */
	String markdown(String preamble, Map<String, String> notes) {
		StringBuilder md = new StringBuilder(preamble);
		for (Schema schema : schemas) {
			md.append("\n## Schema `").append(schema.name()).append("`\n\n").append(text(schema.comment())).append("\n\n");
			md.append("| name | kind | description |\n|---|---|---|\n");
			for (Relation relation : schema.relations()) {
				md.append("| [").append(relation.name()).append("](#").append(anchor(relation)).append(") | ")
					.append(relation.kind()).append(" | ").append(cell(relation.comment())).append(" |\n");
			}
			for (Relation relation : schema.relations()) {
				md.append("\n### ").append(relation.qualified()).append("\n\n");
				md.append('*').append(relation.kind()).append("* — ").append(text(relation.comment())).append("\n\n");
				md.append("| column | type | key | null | description |\n|---|---|---|---|---|\n");
				for (Column column : relation.columns()) {
					md.append("| `").append(column.name()).append("` | ").append(column.type()).append(" | ")
						.append(column.key() ? "PK" : "").append(" | ")
						.append(column.notNull() ? "not null" : "").append(" | ")
						.append(cell(column.comment()))
						.append(notes.getOrDefault(relation.qualified() + "." + column.name(), "")).append(" |\n");
				}
			}
		}
		return md.toString();
	}

	/** GitHub's heading anchor: lower case, punctuation other than - and _ dropped. */
	private static String anchor(Relation relation) {
		return relation.qualified().toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
	}

	private static String text(String comment) {
		return blank(comment) ? "(no comment)" : comment.replace("\r", "").replace("\n", " ").replace("<", "&lt;")
			.replace(">", "&gt;");
	}

	private static String cell(String comment) {
		return text(comment).replace("|", "\\|");
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}
}
