package com.webworksync.plan;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.springframework.stereotype.Component;

import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partition;
import com.webworksync.streams.Partitioning;
import com.webworksync.streams.StreamDef;

/**
 * Fingerprints of what the cheap window reports say about each partition of the expensive
 * streams, computed from the report rows this run (or an earlier one) synced:
 * <ul>
 * <li>member × day (time entries): minutes per project and contract (tracked hours), per task
 * (task report) and per description (activity descriptions), and each interval of the daily
 * timeline (start, end, method: what the others cannot see);</li>
 * <li>day (timeline, attendance): the member × day fingerprints of that day;</li>
 * <li>project (tasks): the project's updated_at and the tasks (id, title) the task report shows.</li>
 * </ul>
 * Equal fingerprint, same source: the partition needs no request. The timeline is re-read date by
 * date (re-verification, oldest first), and what it shows changed flags the member-days to read.
 */
@Component
public class ChangeDetector {

	/** Member × day fingerprints over the parts the sources declare: {@code user_id, date, fp}. */
	private final String userDay;

	/** Day fingerprints: the member × day fingerprints of the day. */
	private final String day;

	/** As {@link #day}, with the leaves that cover each day (see {@link #DAY_WITH_LEAVES}). */
	private final String dayWithLeaves;

	/**
	 * The leaves that cover each day, for streams that change with them (attendance): who, which
	 * leave, its status and dates. Days without leaves keep the time-only fingerprint.
	 */
	private static final String DAY_WITH_LEAVES = """
			select coalesce(t.date, l.date) as date,
			       case when l.parts is null then t.fp else md5(coalesce(t.fp, '') || '|' || l.parts) end as fp
			  from (%s
			       ) t
			  full join (
			       select d::date as date, string_agg('v' || l.user_id || ':' || l.id || ':' || coalesce(l.status, '')
			              || ':' || l.start_date || ':' || l.end_date, ',' order by l.user_id, l.id) as parts
			         from webwork.leaves l
			        cross join generate_series(greatest(l.start_date, {1}), least(l.end_date, {2}), interval '1 day') d
			        where l.workspace_id = {0} and l._deleted_at is null and l.start_date <= {2} and l.end_date >= {1}
			        group by d::date
			       ) l on l.date = t.date
			""";

	private static final String PROJECT = """
			select p.id, md5(coalesce(p.updated_at::text, '') || '|' || coalesce(string_agg(distinct t.task_id || ':' || coalesce(t.task_title, ''), ','), '')) as fp
			  from webwork.projects p
			  left join webwork.report_tasks t on t.workspace_id = p.workspace_id and t.project_id = p.id
			       and t.task_id is not null and t._deleted_at is null
			 where p.workspace_id = {0} and p._deleted_at is null
			 group by p.id, p.updated_at
			""";

	private final DSLContext ctx;

	public ChangeDetector(DSLContext ctx, Catalog catalog) {
		this.ctx = ctx;
		this.userDay = userDay(catalog);
		this.day = "select date, md5(string_agg(user_id || '=' || fp, ',' order by user_id)) as fp from (" + userDay
				+ ") users group by date";
		this.dayWithLeaves = DAY_WITH_LEAVES.formatted(day);
	}

	/** One part per row of each source's table, a fingerprint per member and day over them (in the parts' order). */
	static String userDay(Catalog catalog) {
		StringJoiner parts = new StringJoiner("\nunion all\n");
		for (StreamDef source : catalog.memberDaySources()) {
			Table<?> table = source.tables().get(0).table();
			parts.add("select user_id, date, " + source.memberDayPart() + " as part from " + table.getSchema().getName()
					+ "." + table.getName() + " where workspace_id = {0} and date between {1} and {2} and _deleted_at is null");
		}
		return "select user_id, date, md5(string_agg(part, ',' order by part)) as fp from (" + parts
				+ ") parts group by user_id, date";
	}

	/** Fingerprint per partition key, for the partitions of {@code stream} between two days; absent = nothing reported. */
	public Map<String, String> fingerprints(StreamDef stream, long workspaceId, LocalDate from, LocalDate to) {
		Map<String, String> fingerprints = new HashMap<>();
		switch (stream.partitioning()) {
			case USER_DAY -> ctx.fetch(userDay, workspaceId, from, to)
				.forEach(r -> fingerprints.put(new Partitioning.MemberDay(r.get(0, Long.class), r.get(1, LocalDate.class)).key(),
						r.get(2, String.class)));
			case DAY -> ctx.fetch(stream.alsoChangesWith().contains("leaves") ? dayWithLeaves : day, workspaceId, from, to)
				.forEach(r -> fingerprints.put(r.get(0, LocalDate.class).toString(), r.get(1, String.class)));
			case PROJECT -> ctx.fetch(PROJECT, workspaceId)
				.forEach(r -> fingerprints.put(Partitioning.projectKey(r.get(0, Long.class)), r.get(1, String.class)));
			default -> throw new IllegalArgumentException("no change detection for " + stream.partitioning());
		}
		return fingerprints;
	}

	/** The fingerprint of one partition (stored in the ledger when the partition closes). */
	public String fingerprint(StreamDef stream, Partition partition) {
		String key = partition.key();
		return switch (stream.partitioning()) {
			case USER_DAY -> {
				Partitioning.MemberDay memberDay = Partitioning.MemberDay.parse(key);
				LocalDate day = memberDay.day();
				long user = memberDay.userId();
				yield ctx.fetchOptional("select fp from (" + userDay + ") one where user_id = {3}", partition.workspaceId(),
						day, day, user)
					.map(r -> r.get(0, String.class))
					.orElse(null);
			}
			case DAY -> fingerprints(stream, partition.workspaceId(), LocalDate.parse(key), LocalDate.parse(key)).get(key);
			default -> fingerprints(stream, partition.workspaceId(), null, null).get(key);
		};
	}
}
