package com.webworksync.warehouse;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

import com.webworksync.schema.webwork.Webwork;

/**
 * Type 2 history of a dimension: {@code webwork.<table>_history} keeps every version of a row,
 * {@code valid_to} NULL for the current one. Called inside the chunk's transaction, right after the
 * current table's upsert or soft delete, with exactly the keys that statement changed, so the
 * history can never be out of step with the current table, whatever kills the run.
 *
 * <p>Two statements per call, both joined on the changed keys (passed as one array per key
 * column): close the open version of each key whose current row is gone or differs in a typed
 * column or raw, then open a version for each live key that has none open. A re-read that changes
 * nothing calls nothing (the upsert returned no key). valid_from and valid_to are the run's clock.
 * Two changes at the same instant (a pinned clock) leave one version: the later replaces the
 * zero-length one.
 */
final class History {

	static final String VALID_FROM = "valid_from";
	static final String VALID_TO = "valid_to";
	private static final Set<String> NOT_DATA = Set.of(VALID_FROM, VALID_TO, RowConverter.RUN_ID);

	private final DSLContext ctx;

	History(DSLContext ctx) {
		this.ctx = ctx;
	}

	/** The history table of {@code table}, or null when it keeps none. */
	static Table<?> of(Table<?> table) {
		return Webwork.WEBWORK.getTable(table.getName() + "_history");
	}

	/** Brings the history of {@code keys} (records holding the primary key) in line with the current table. */
	void record(Table<?> table, Collection<? extends Record> keys, OffsetDateTime now, long runId) {
		Table<?> history = of(table);
		if (history == null || keys.isEmpty()) {
			return;
		}
		List<Field<?>> pk = TableUpserter.primaryKey(table);
		List<String> data = new ArrayList<>();
		for (Field<?> field : history.fields()) {
			if (!NOT_DATA.contains(field.getName())) {
				data.add(quote(field.getName()));
			}
		}
		Object[] arrays = new Object[pk.size()];
		StringJoiner unnest = new StringJoiner(", ", "unnest(", ")");
		StringJoiner names = new StringJoiner(", ");
		StringJoiner joinCurrent = new StringJoiner(" and ");
		StringJoiner historyOfCurrent = new StringJoiner(" and ");
		for (int i = 0; i < pk.size(); i++) {
			Field<?> key = pk.get(i);
			boolean text = key.getType() == String.class;
			arrays[i] = keys.stream()
				.map(r -> r.get(key.getName()))
				.toArray(text ? String[]::new : Long[]::new);
			unnest.add("?::" + (text ? "text" : "bigint") + "[]");
			names.add("k" + i);
			joinCurrent.add("t." + quote(key.getName()) + " = k.k" + i);
			historyOfCurrent.add("h." + quote(key.getName()) + " = t." + quote(key.getName()));
		}
		String current = "webwork." + quote(table.getName());
		String versions = "webwork." + quote(history.getName());
		String keyList = unnest + " as k(" + names + ")";
		String h = String.join(", ", data.stream().map(c -> "h." + c).toList());
		String t = String.join(", ", data.stream().map(c -> "t." + c).toList());
		// close: the open version of a key whose row was soft-deleted or changed
		Object[] closeBinds = new Object[1 + arrays.length];
		closeBinds[0] = now;
		System.arraycopy(arrays, 0, closeBinds, 1, arrays.length);
		ctx.execute("update " + versions + " as h set valid_to = ?::timestamptz from " + keyList + " join " + current
				+ " as t on " + joinCurrent + " where " + historyOfCurrent + " and h.valid_to is null"
				+ " and (t._deleted_at is not null or (" + h + ") is distinct from (" + t + "))", closeBinds);
		// open: a version for each live key without an open one
		Object[] openBinds = new Object[2 + arrays.length];
		openBinds[0] = now;
		openBinds[1] = runId;
		System.arraycopy(arrays, 0, openBinds, 2, arrays.length);
		String pkColumns = String.join(", ", pk.stream().map(f -> quote(f.getName())).toList());
		StringJoiner replace = new StringJoiner(", ");
		for (String column : data) {
			replace.add(column + " = excluded." + column);
		}
		ctx.execute("insert into " + versions + " (" + String.join(", ", data) + ", valid_from, valid_to, _run_id)"
				+ " select " + t + ", ?::timestamptz, null, ?::bigint from " + keyList + " join " + current + " as t on "
				+ joinCurrent + " where t._deleted_at is null and not exists (select 1 from " + versions + " as h where "
				+ historyOfCurrent + " and h.valid_to is null)"
				+ " on conflict (" + pkColumns + ", valid_from) do update set " + replace
				+ ", valid_to = null, _run_id = excluded._run_id", openBinds);
	}

	private static String quote(String name) {
		return "\"" + name + "\"";
	}
}
