package com.webworksync.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The warehouse state of a large workspace, synthesized with SQL instead of a backfill (which
 * would take hours at the API's rate): {@code members} tracking members, a time-entries ledger
 * row for each of them on each of {@code days} days up to {@code today} (read long ago, oldest
 * days first), a day ledger for the timeline and attendance, and tracked-hours report rows for
 * every member on the last {@code reportedDays} days (so those member-days plan as changed:
 * their ledger rows recorded no time). The workspace's other members and report rows are
 * removed, and its owner with them, so its calendar is UTC.
 */
public final class LargeState {

	private LargeState() {
	}

	/** The ids of the synthesized members: FIRST_MEMBER + 1 … FIRST_MEMBER + members. */
	public static final long FIRST_MEMBER = 90_000_000L;

	public static void synthesize(DSLContext ctx, long workspaceId, int members, int days, int reportedDays,
			LocalDate today) {
		LocalDate first = today.minusDays(days - 1L);
		ctx.transaction(tx -> {
			DSLContext sql = tx.dsl();
			sql.execute("create temporary table proto on commit drop as select * from webwork.members where workspace_id = ? limit 1",
					workspaceId);
			sql.execute("delete from webwork.members where workspace_id = ?", workspaceId);
			for (String table : new String[] { "report_tracked_hours", "report_tasks", "report_activity_descriptions",
					"report_timeline" }) {
				sql.execute("delete from webwork." + table + " where workspace_id = ?", workspaceId);
			}
			sql.execute("create temporary table extra on commit drop as select * from proto, generate_series(1, ?) g", members);
			sql.execute("update extra set id = ? + g, \"current_role\" = 'Member', _partition = 'all'", FIRST_MEMBER);
			sql.execute("alter table extra drop column g");
			sql.execute("insert into webwork.members select * from extra");
			sql.execute("delete from sync.partitions where workspace_id = ? and stream in ('time_entries', 'report_timeline', 'report_attendance')",
					workspaceId);
			// the ledger's indexes are built once over the loaded rows (a sort each), not kept up row by row
			List<String> rebuild = dropIndexes(sql, "sync.partitions");
			sql.execute("set local maintenance_work_mem = '256MB'");
			// read in order of the day, a member every second: the oldest-read re-verified first is well defined
			sql.execute("""
					insert into sync.partitions (stream, workspace_id, partition_key, fetched_at, row_count, pages, requests,
					                             run_id, source_fingerprint)
					select 'time_entries', ?, m.id || '@' || d::date, d + (m.id - ?) * interval '1 second', 0, 1, 1,
					       0, null
					  from extra m cross join generate_series(?::date, ?::date, interval '1 day') d
					""", workspaceId, FIRST_MEMBER, first, today);
			sql.execute("""
					insert into sync.partitions (stream, workspace_id, partition_key, fetched_at, row_count, pages, requests,
					                             run_id, source_fingerprint)
					select s, ?, d::date::text, d + interval '1 day', 0, 1, 1, 0, null
					  from unnest(array['report_timeline', 'report_attendance']) s
					 cross join generate_series(?::date, ?::date, interval '1 day') d
					""", workspaceId, first, today);
			sql.execute("""
					insert into webwork.report_tracked_hours (workspace_id, grain_key, date, user_id, project_id, total_minutes,
					                                          raw, _partition, _synced_at, _run_id)
					select ?, m.id || '|' || d::date, d::date, m.id, null, 60 + (m.id % 300)::int, '{}'::jsonb,
					       to_char(d, 'YYYY-MM'), now(), 0
					  from extra m cross join generate_series(?::date, ?::date, interval '1 day') d
					""", workspaceId, today.minusDays(reportedDays - 1L), today);
			rebuild.forEach(sql::execute);
			sql.execute("analyze sync.partitions");
			sql.execute("analyze webwork.members");
			sql.execute("analyze webwork.report_tracked_hours");
		});
	}

	/**
	 * Drops the table's indexes and its primary key, and returns the statements that build them
	 * again as they were (their definitions read from the catalog, not repeated here).
	 */
	private static List<String> dropIndexes(DSLContext sql, String table) {
		List<String> drop = new ArrayList<>();
		List<String> rebuild = new ArrayList<>();
		for (Record index : sql.fetch("""
				select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), c.conname, pg_get_constraintdef(c.oid)
				  from pg_index i left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid
				 where i.indrelid = ?::regclass
				""", table)) {
			if (index.get(2) == null) {
				drop.add("drop index " + index.get(0, String.class));
				rebuild.add(index.get(1, String.class));
			}
			else {
				String constraint = DSL.quotedName(index.get(2, String.class)).toString();
				drop.add("alter table " + table + " drop constraint " + constraint);
				rebuild.add("alter table " + table + " add constraint " + constraint + " " + index.get(3, String.class));
			}
		}
		drop.forEach(sql::execute);
		return rebuild;
	}
}
