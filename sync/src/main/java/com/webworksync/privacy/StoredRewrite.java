package com.webworksync.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

import com.webworksync.config.PrivacyPolicy;
import com.webworksync.schema.webwork.Webwork;
import com.webworksync.streams.DerivedKey;
import com.webworksync.streams.PersonalField;
import com.webworksync.streams.Row;
import com.webworksync.streams.TableMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites what one table (or its history) stores to a changed policy, in place: batches in primary-key order, each its
 * own transaction with its progress, so the BI views keep every row throughout and a stopped rewrite goes on where it
 * was (a value already rewritten is recognised and left). The same transform as the write path, on the stored row.
 */
final class StoredRewrite {

	static final int BATCH = 1000;
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DSLContext ctx;
	private final Clock clock;

	StoredRewrite(DSLContext ctx, Clock clock) {
		this.ctx = ctx;
		this.clock = clock;
	}

	/** Rewrites {@code relation} (a mapping's table or its history) with {@code delta}: the changed fields only. */
	void rewrite(TableMapping mapping, String relation, RowPrivacy delta) {
		Table<?> table = Webwork.WEBWORK.getTable(relation);
		List<Field<?>> pk = new ArrayList<>(table.getPrimaryKey().getFields());
		List<String> columns = mapping.personal().stream().filter(PersonalField::column).map(PersonalField::name).toList();
		List<Field<?>> read = new ArrayList<>(pk);
		columns.forEach(c -> read.add(table.field(c)));
		if (mapping.subject() != null && !read.contains(table.field(mapping.subject().column()))) {
			read.add(table.field(mapping.subject().column()));
		}
		read.add(table.field("raw"));
		String name = "webwork." + relation;
		OffsetDateTime now = OffsetDateTime.now(clock);
		ctx.execute("insert into sync.privacy_rewrites (relation, rows_total, rows_checked, rows_rewritten, started_at) "
				+ "values (?, ?, 0, 0, ?::timestamptz) on conflict (relation) do update set rows_total = excluded.rows_total, "
				+ "rows_checked = 0, rows_rewritten = 0, started_at = excluded.started_at, finished_at = null",
				name, (long) ctx.fetchCount(table), now);
		Object[] after = null;
		while (true) {
			var select = ctx.select(read).from(table);
			List<Record> rows = (after == null ? select.orderBy(pk) : select.where(DSL.row(pk).gt(DSL.row(after))).orderBy(pk))
				.limit(BATCH).fetch().stream().map(r -> (Record) r).toList();
			if (rows.isEmpty()) {
				break;
			}
			ctx.transaction(configuration -> {
				DSLContext tx = configuration.dsl();
				long rewritten = 0;
				for (Record row : rows) {
					rewritten += rewriteRow(tx, table, pk, columns, mapping, row, delta);
				}
				tx.execute("update sync.privacy_rewrites set rows_checked = rows_checked + ?, rows_rewritten = rows_rewritten + ? "
						+ "where relation = ?", (long) rows.size(), rewritten, name);
			});
			Record last = rows.get(rows.size() - 1);
			after = pk.stream().map(last::get).toArray();
		}
		if (mapping.derivedKey() != null) {
			rekey(mapping, relation, delta);
		}
		ctx.execute("update sync.privacy_rewrites set finished_at = ?::timestamptz where relation = ?", OffsetDateTime.now(clock), name);
	}

	/** 1 when the row's values changed (and were written), else 0. */
	private static int rewriteRow(DSLContext tx, Table<?> table, List<Field<?>> pk, List<String> columns, TableMapping mapping,
			Record row, RowPrivacy delta) {
		ObjectNode stored = JSON.createObjectNode();
		for (Field<?> field : row.fields()) {
			boolean subject = mapping.subject() != null && field.getName().equals(mapping.subject().column());
			if (columns.contains(field.getName()) || subject) {
				stored.set(field.getName(), JSON.valueToTree(row.get(field)));
			}
		}
		JsonNode raw = JSON.readTree(row.get("raw", JSONB.class).data());
		Row changed = delta.apply(mapping, List.of(new Row(stored, raw)), 0, 0).get(0);
		boolean same = changed.raw().equals(raw) && columns.stream().allMatch(c -> changed.columns().path(c).equals(stored.path(c)));
		if (same) {
			return 0;
		}
		var update = tx.update(table).set(DSL.field(DSL.name("raw"), JSONB.class), JSONB.valueOf(changed.raw().toString()));
		for (String column : columns) {
			JsonNode value = changed.columns().path(column);
			if (!value.equals(stored.path(column))) {
				update = update.set(typed(table.field(column)), value.isNull() ? null : value.asString());
			}
		}
		var where = DSL.noCondition();
		for (Field<?> key : pk) {
			where = where.and(DSL.field(DSL.name(key.getName())).eq(DSL.val(row.get(key), key.getDataType())));
		}
		update.where(where).execute();
		return 1;
	}

	@SuppressWarnings("unchecked")
	private static Field<Object> typed(Field<?> field) {
		return (Field<Object>) field;
	}

	/** A derived key follows its value as the write path builds it: the md5 of what is stored, or an ordinal once dropped. */
	private void rekey(TableMapping mapping, String relation, RowPrivacy delta) {
		DerivedKey key = mapping.derivedKey();
		PrivacyPolicy policy = delta.settings().policy(mapping, mapping.personalField(key.digested()));
		String table = "webwork." + relation;
		String parts = key.parts().stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "));
		String column = "\"" + key.column() + "\"";
		if (policy == PrivacyPolicy.PSEUDONYMIZE) {
			ctx.execute("update " + table + " set " + column + " = concat_ws('|', " + parts + ") || '|' || md5(coalesce(\""
					+ key.digested() + "\", '')) where " + column + " !~ '[|]#[0-9]+$' and " + column + " <> concat_ws('|', " + parts
					+ ") || '|' || md5(coalesce(\"" + key.digested() + "\", ''))");
		}
		else if (policy == PrivacyPolicy.DROP) {
			ctx.execute("with n as (select workspace_id, " + column + " as old, concat_ws('|', " + parts + ") || '|#' || row_number() "
					+ "over (partition by workspace_id, " + parts + " order by " + column + ") as new from " + table + " where "
					+ column + " !~ '[|]#[0-9]+$') update " + table + " t set " + column + " = n.new from n "
					+ "where t.workspace_id = n.workspace_id and t." + column + " = n.old");
		}
	}
}
