package com.webworksync.warehouse;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code sync.reconciliation}: per member-day, the live time entries' minutes against the
 * tracked-hours report's and the timesheet's. At the end of a run that read the time entries and
 * the report, one statement recomputes every member-day of the days the run covered (and of the
 * mismatches it re-read), linear in their rows: three aggregates joined by hash on the key, and an
 * upsert. Only member-days whose entries partition has been read at least once are compared (the
 * month reports also cover days outside the window whose entries were never asked for). A mismatch is reported, never an error: the run does not fail because the sources
 * disagree. The planner re-reads a mismatched member-day once ({@link #pendingRereads}); the
 * re-read counts when this run's ledger shows that partition read while the row was mismatched.
 */
@Component
public class Reconciler {

	/** The streams it compares: a run reconciles only when it reads both. */
	public static final List<String> SOURCES = List.of("time_entries", "report_tracked_hours");

	private static final String RECONCILE = """
			with e as (
			    select workspace_id, date, user_id, sum(coalesce(duration_minutes, 0))::int as minutes
			      from webwork.time_entries
			     where _deleted_at is null and date between {0} and {1} and workspace_id = any({2})
			     group by workspace_id, date, user_id
			), r as (
			    select workspace_id, date, user_id, sum(coalesce(total_minutes, 0))::int as minutes
			      from webwork.report_tracked_hours
			     where _deleted_at is null and date between {0} and {1} and workspace_id = any({2})
			     group by workspace_id, date, user_id
			), t as (
			    select workspace_id, date, user_id, sum(coalesce(total_minutes, 0))::int as minutes
			      from webwork.timesheet_days
			     where _deleted_at is null and user_id is not null and date between {0} and {1}
			       and workspace_id = any({2})
			     group by workspace_id, date, user_id
			), k as (
			    -- only member-days whose entries were read: one that was never read has nothing to compare
			    select u.workspace_id, u.date, u.user_id
			      from (select workspace_id, date, user_id from e union select workspace_id, date, user_id from r
			            union select workspace_id, date, user_id from t) u
			     where exists (select 1 from sync.partitions p where p.stream = 'time_entries'
			                   and p.workspace_id = u.workspace_id and p.partition_key = u.user_id || '@' || u.date)
			)
			insert into sync.reconciliation as c (workspace_id, date, user_id, entries_minutes, report_minutes,
			       timesheet_minutes, status, rereads, checked_at, _run_id)
			select k.workspace_id, k.date, k.user_id, coalesce(e.minutes, 0), coalesce(r.minutes, 0), t.minutes,
			       case when coalesce(e.minutes, 0) = coalesce(r.minutes, 0) then 'ok' else 'mismatch' end, 0, {3}, {4}
			  from k
			  left join e using (workspace_id, date, user_id)
			  left join r using (workspace_id, date, user_id)
			  left join t using (workspace_id, date, user_id)
			on conflict (workspace_id, date, user_id) do update set
			       entries_minutes = excluded.entries_minutes, report_minutes = excluded.report_minutes,
			       timesheet_minutes = excluded.timesheet_minutes, status = excluded.status,
			       checked_at = excluded.checked_at, _run_id = excluded._run_id,
			       rereads = case when excluded.status = 'ok' then 0
			                      when c.status = 'mismatch' and exists (select 1 from sync.partitions p
			                           where p.stream = 'time_entries' and p.workspace_id = excluded.workspace_id
			                             and p.partition_key = excluded.user_id || '@' || excluded.date
			                             and p.run_id = excluded._run_id) then c.rereads + 1
			                      else c.rereads end
			""";

	/** Member-days of the range that no longer have time in any source. */
	private static final String FORGET = """
			delete from sync.reconciliation
			 where date between {0} and {1} and workspace_id = any({2}) and _run_id <> {3}
			""";

	private final DSLContext ctx;

	public Reconciler(DSLContext ctx) {
		this.ctx = ctx;
	}

	/** Recomputes the member-days from {@code from} to {@code to} of the given workspaces (none: nothing). */
	public void reconcile(LocalDate from, LocalDate to, Collection<Long> workspaceIds, OffsetDateTime now,
			long runId) {
		if (workspaceIds.isEmpty()) {
			return; // no workspace of this process: nothing of its to compare
		}
		Long[] ids = workspaceIds.toArray(Long[]::new);
		ctx.execute(RECONCILE, DSL.val(from), DSL.val(to), DSL.val(ids), DSL.val(now), DSL.val(runId));
		ctx.execute(FORGET, DSL.val(from), DSL.val(to), DSL.val(ids), DSL.val(runId));
	}

	/** The earliest mismatched member-day still to be re-read, or null. */
	public LocalDate firstPendingReread() {
		return ctx.fetchOne("select min(date) from sync.reconciliation where status = 'mismatch' and rereads = 0")
			.get(0, LocalDate.class);
	}

	/** Mismatched member-days of a workspace whose entries were not re-read yet, as time_entries partition keys. */
	public List<String> pendingRereads(long workspaceId) {
		return ctx.fetch("select user_id || '@' || date from sync.reconciliation where workspace_id = ? "
				+ "and status = 'mismatch' and rereads = 0 order by date desc, user_id", workspaceId)
			.getValues(0, String.class);
	}

	/** Mismatches per workspace (workspaces without any are absent). */
	public Map<Long, Long> mismatches() {
		Map<Long, Long> counts = new LinkedHashMap<>();
		ctx.fetch("select workspace_id, count(*) from sync.reconciliation where status = 'mismatch' "
				+ "group by workspace_id order by workspace_id")
			.forEach(r -> counts.put(r.get(0, Long.class), r.get(1, Long.class)));
		return counts;
	}
}
