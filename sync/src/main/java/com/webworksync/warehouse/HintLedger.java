package com.webworksync.warehouse;

import static com.webworksync.schema.sync.Tables.HINTS;
import static com.webworksync.schema.sync.Tables.HINT_PARTITIONS;
import static com.webworksync.schema.sync.Tables.RUNS;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * The hints' side of a run ({@code sync.hints}, {@code sync.hint_partitions}): which hints are open, which partitions
 * a hint run claimed for them, and, in the transaction of a partition's last page, the partition read and every hint
 * whose partitions are all read consumed.
 */
@Component
public class HintLedger {

	/** An open hint as the planner needs it. */
	public record OpenHint(long id, long workspaceId, String kind, Long memberId, Long projectId, Long taskId,
			LocalDate day) {
	}

	/** A partition a hint names. */
	public record Claim(long hintId, String stream, long workspaceId, String partitionKey) {
	}

	private final DSLContext ctx;

	public HintLedger(DSLContext ctx) {
		this.ctx = ctx;
	}

	/** Open hints up to {@code upTo} (0: all), oldest first. */
	public List<OpenHint> open(long upTo) {
		return open(upTo == 0 ? DSL.trueCondition() : HINTS.HINT_ID.le(upTo));
	}

	/** The newest hint's id (0: none), one look at the primary key: whether anything arrived since. */
	public long newest() {
		Long newest = ctx.select(DSL.max(HINTS.HINT_ID)).from(HINTS).fetchOne(0, Long.class);
		return newest == null ? 0 : newest;
	}

	private List<OpenHint> open(Condition which) {
		return ctx.selectFrom(HINTS)
			.where(HINTS.CONSUMED_AT.isNull())
			.and(which)
			.orderBy(HINTS.HINT_ID)
			.fetch(r -> new OpenHint(r.getHintId(), r.getWorkspaceId(), r.getKind(), r.getMemberId(), r.getProjectId(),
					r.getTaskId(), r.getDay()));
	}

	/** Writes what a hint run is about to read for its hints (again after a crash: nothing twice). */
	public void claim(List<Claim> claims) {
		if (claims.isEmpty()) {
			return;
		}
		var insert = ctx.insertInto(HINT_PARTITIONS, HINT_PARTITIONS.HINT_ID, HINT_PARTITIONS.STREAM,
				HINT_PARTITIONS.WORKSPACE_ID, HINT_PARTITIONS.PARTITION_KEY);
		for (Claim c : claims) {
			insert = insert.values(c.hintId(), c.stream(), c.workspaceId(), c.partitionKey());
		}
		insert.onConflictDoNothing().execute();
	}

	/** Seconds from each delivery to the commit that consumed its hint, for the hints {@code runId} consumed. */
	public List<Double> latencies(long runId) {
		return ctx.fetch("select extract(epoch from consumed_at - received_at)::float8 from sync.hints where consumed_run = ?",
				runId).map(r -> r.get(0, Double.class));
	}

	/**
	 * Changes a polling run found that no hint announced, by stream: member-days of time entries, members and
	 * projects whose rows {@code runId} wrote, without a hint for them received before its end. Nothing for a run
	 * before which no run completed (everything is new to a first sync). WebWork's delivery reliability as we see it.
	 */
	public Map<String, Long> changesWithoutHint(long runId) {
		boolean earlier = ctx.fetchExists(ctx.selectOne().from(RUNS).where(RUNS.STATUS.eq("COMPLETED")).and(RUNS.RUN_ID.lt(runId)));
		Map<String, Long> found = new LinkedHashMap<>();
		if (!earlier) {
			return found;
		}
		found.put("time_entries", ctx.fetchOne("""
				select count(*) from (select distinct workspace_id, user_id, date from webwork.time_entries
				                      where _run_id = ?) c
				where not exists (select 1 from sync.hints h where h.workspace_id = c.workspace_id
				                  and h.member_id = c.user_id and h.day = c.date and h.kind = 'tracker.stopped')""",
				runId).get(0, Long.class));
		found.put("members", ctx.fetchOne("""
				select count(*) from webwork.members m where m._run_id = ?
				and not exists (select 1 from sync.hints h where h.workspace_id = m.workspace_id and h.member_id = m.id
				                and h.kind like 'member.%')""", runId).get(0, Long.class));
		found.put("projects", ctx.fetchOne("""
				select count(*) from webwork.projects p where p._run_id = ?
				and not exists (select 1 from sync.hints h where h.workspace_id = p.workspace_id and h.project_id = p.id
				                and h.kind like 'project.%')""", runId).get(0, Long.class));
		return found;
	}

	/**
	 * In the transaction of a partition's last page: the partition read for every hint that claimed it, and each hint
	 * with no partition left unread consumed by this run.
	 */
	public void read(String stream, long workspaceId, String partitionKey, long runId, OffsetDateTime at) {
		int claimed = ctx.update(HINT_PARTITIONS)
			.set(HINT_PARTITIONS.READ_RUN, runId)
			.where(HINT_PARTITIONS.STREAM.eq(stream))
			.and(HINT_PARTITIONS.WORKSPACE_ID.eq(workspaceId))
			.and(HINT_PARTITIONS.PARTITION_KEY.eq(partitionKey))
			.and(HINT_PARTITIONS.READ_RUN.isNull())
			.execute();
		if (claimed == 0) {
			return; // no hint asked for it: the common case, one indexed lookup
		}
		var mine = HINT_PARTITIONS.as("mine");
		var unread = HINT_PARTITIONS.as("unread");
		ctx.update(HINTS)
			.set(HINTS.CONSUMED_AT, at)
			.set(HINTS.CONSUMED_RUN, runId)
			.where(HINTS.CONSUMED_AT.isNull())
			.and(HINTS.WORKSPACE_ID.eq(workspaceId))
			.andExists(ctx.selectOne()
				.from(mine)
				.where(mine.HINT_ID.eq(HINTS.HINT_ID))
				.and(mine.STREAM.eq(stream))
				.and(mine.PARTITION_KEY.eq(partitionKey)))
			.andNotExists(ctx.selectOne().from(unread).where(unread.HINT_ID.eq(HINTS.HINT_ID)).and(unread.READ_RUN.isNull()))
			.execute();
	}
}
