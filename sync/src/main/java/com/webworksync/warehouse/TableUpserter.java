package com.webworksync.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import java.util.Arrays;
import java.util.HashSet;
import org.jooq.Condition;
import org.jooq.RowN;

/**
 * One generic upsert on the declared primary key:
 * {@code INSERT … ON CONFLICT (pk) DO UPDATE SET col = excluded.col … WHERE (cols) IS DISTINCT FROM (excluded cols)}.
 * The WHERE makes a re-read that changed nothing write nothing; the bookkeeping columns
 * (_synced_at, _run_id) are left out of the comparison so they only move when data moves.
 */
final class TableUpserter {

	/** PostgreSQL takes at most 65,535 bind values per statement. */
	private static final int MAX_BIND_VALUES = 30_000;
	private static final Set<String> NOT_COMPARED = Set.of(RowConverter.SYNCED_AT, RowConverter.RUN_ID);

	private final DSLContext ctx;

	TableUpserter(DSLContext ctx) {
		this.ctx = ctx;
	}

	/** Returns the primary keys of the rows inserted or changed (RETURNING: a row left as it was is not among them). */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	List<Record> upsert(Table<?> table, List<Record> records) {
		if (records.isEmpty()) {
			return List.of();
		}
		List<Field<?>> keys = primaryKey(table);
		List<Field<?>> fields = List.of(table.fields());
		Map<Field<?>, Field<?>> updates = new LinkedHashMap<>();
		List<Field<?>> compared = new ArrayList<>();
		List<Field<?>> comparedExcluded = new ArrayList<>();
		for (Field<?> field : fields) {
			if (keys.contains(field)) {
				continue;
			}
			updates.put(field, DSL.excluded(field));
			if (!NOT_COMPARED.contains(field.getName())) {
				compared.add(field);
				comparedExcluded.add(DSL.excluded(field));
			}
		}
		int rowsPerStatement = Math.max(1, MAX_BIND_VALUES / fields.size());
		List<Record> changed = new ArrayList<>();
		for (int from = 0; from < records.size(); from += rowsPerStatement) {
			InsertValuesStepN insert = ctx.insertInto((Table) table, fields);
			for (Record record : records.subList(from, Math.min(records.size(), from + rowsPerStatement))) {
				insert = insert.values(record.intoArray());
			}
			changed.addAll(insert.onConflict(keys)
				.doUpdate()
				.set(updates)
				.where(DSL.row(compared).isDistinctFrom(DSL.row(comparedExcluded)))
				.returningResult(keys)
				.fetch());
		}
		return changed;
	}

	/**
	 * Updates the rows that exist and are live, like {@link #upsert}, and inserts or revives none:
	 * for rows another partition owns. Returns the keys of the rows changed.
	 */
	List<Record> update(Table<?> table, List<Record> records) {
		if (records.isEmpty()) {
			return List.of();
		}
		Field<?>[] keys = primaryKey(table).toArray(Field[]::new);
		// a join against a VALUES list, not (pk) IN (…): PostgreSQL turns the IN list into an OR of
		// every key, filtered row by row over the whole workspace (rows × keys); the VALUES list has
		// a known size, so each key is one probe of the primary key index
		String[] names = new String[keys.length];
		for (int i = 0; i < keys.length; i++) {
			names[i] = "k" + i;
		}
		Set<String> live = new HashSet<>();
		int rowsPerStatement = Math.max(1, MAX_BIND_VALUES / keys.length);
		for (int from = 0; from < records.size(); from += rowsPerStatement) {
			RowN[] wanted = records.subList(from, Math.min(records.size(), from + rowsPerStatement))
				.stream()
				.map(r -> DSL.row(Arrays.stream(keys).map(k -> DSL.val(r.get(k), k)).toArray(Field[]::new)))
				.toArray(RowN[]::new);
			Table<?> values = DSL.values(wanted).as("wanted", names);
			Condition join = DSL.noCondition();
			for (int i = 0; i < keys.length; i++) {
				@SuppressWarnings("unchecked")
				Field<Object> key = (Field<Object>) keys[i];
				join = join.and(key.eq(values.field(names[i], key.getType())));
			}
			ctx.select(keys)
				.from(table)
				.join(values)
				.on(join)
				.where(table.field(RowConverter.DELETED_AT).isNull())
				.forEach(r -> live.add(rowKey(table, r)));
		}
		return upsert(table, records.stream().filter(r -> live.contains(rowKey(table, r))).toList());
	}

	static List<Field<?>> primaryKey(Table<?> table) {
		if (table.getPrimaryKey() == null) {
			throw new IllegalStateException(table.getName() + " has no primary key");
		}
		return List.copyOf(table.getPrimaryKey().getFields());
	}

	/** The primary key as text, parts joined by '|'. */
	static String rowKey(Table<?> table, Record record) {
		StringJoiner key = new StringJoiner("|");
		for (Field<?> field : primaryKey(table)) {
			key.add(String.valueOf(record.get(field)));
		}
		return key.toString();
	}
}
