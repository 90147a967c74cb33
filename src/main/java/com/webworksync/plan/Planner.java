package com.webworksync.plan;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.webworksync.job.RunState;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.WarehouseQueries;
import com.webworksync.warehouse.WarehouseQueries.WorkspaceInfo;

/**
 * Decides which partitions a stream reads in this run: the dimensions whole, the date-addressed
 * facts over the lookback window (late edits, approvals and deletes land in the past) plus any
 * backfill range. Days are the workspace's calendar days (C10) and never reach past its today.
 */
@Component
public class Planner {

	private static final Logger log = LoggerFactory.getLogger(Planner.class);
	private static final Set<String> SYNC_ROLES = Set.of("owner", "executive manager");

	private final WarehouseQueries warehouse;
	private final RunState runState;

	public Planner(WarehouseQueries warehouse, RunState runState) {
		this.warehouse = warehouse;
		this.runState = runState;
	}

	public List<Partition> plan(StreamDef stream, RunWindow window) {
		if (!window.includes(stream.name())) {
			return List.of();
		}
		List<Partition> plan = new ArrayList<>();
		if (stream.partitioning() == com.webworksync.streams.Partitioning.GLOBAL) {
			plan.add(Partition.of(0, "all"));
			return plan;
		}
		for (WorkspaceInfo workspace : readableWorkspaces(window)) {
			plan.addAll(plan(stream, window, workspace));
		}
		return plan;
	}

	private List<Partition> plan(StreamDef stream, RunWindow window, WorkspaceInfo workspace) {
		long ws = workspace.id();
		LocalDate today = window.runAt().atZone(workspace.zone()).toLocalDate();
		List<Partition> plan = new ArrayList<>();
		switch (stream.partitioning()) {
			case WORKSPACE -> plan.add(Partition.of(ws, "all"));
			case PROJECT -> warehouse.projects(ws)
				.forEach(project -> plan.add(Partition.of(ws, "project:" + project, "project_id", project.toString())));
			case MONTH -> {
				for (YearMonth month : months(days(window, today))) {
					LocalDate end = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
					plan.add(Partition.of(ws, month.toString(), stream.fromParam(), month.atDay(1).toString(),
							stream.toParam(), end.toString()));
				}
			}
			case SNAPSHOT_DAY -> plan.add(Partition.of(ws, today.toString(), stream.fromParam(),
					today.withDayOfYear(1).toString(), stream.toParam(), today.toString()));
			case DAY -> {
				for (LocalDate day : days(window, today)) {
					if (stream.horizonDays() == 0 || day.isAfter(today.minusDays(stream.horizonDays()))) {
						plan.add(Partition.of(ws, day.toString(), "date", day.toString()));
					}
				}
			}
			case USER_DAY -> {
				List<Long> members = warehouse.trackingMembers(ws);
				for (LocalDate day : days(window, today)) {
					for (long member : members) {
						plan.add(Partition.of(ws, member + "@" + day, "user_id", Long.toString(member), "date", day.toString()));
					}
				}
			}
			default -> throw new IllegalStateException("no plan for " + stream.partitioning());
		}
		return plan;
	}

	/** The lookback window and the backfill range, as days, newest first, never after today. */
	static TreeSet<LocalDate> days(RunWindow window, LocalDate today) {
		TreeSet<LocalDate> days = new TreeSet<>(java.util.Comparator.reverseOrder());
		for (int i = 0; i < window.lookbackDays(); i++) {
			days.add(today.minusDays(i));
		}
		if (window.backfillFrom() != null) {
			LocalDate to = window.backfillTo() == null || window.backfillTo().isAfter(today) ? today : window.backfillTo();
			for (LocalDate day = to; !day.isBefore(window.backfillFrom()); day = day.minusDays(1)) {
				days.add(day);
			}
		}
		return days;
	}

	private static List<YearMonth> months(TreeSet<LocalDate> days) {
		TreeSet<YearMonth> months = new TreeSet<>(java.util.Comparator.reverseOrder());
		days.forEach(day -> months.add(YearMonth.from(day)));
		return new ArrayList<>(months);
	}

	/** Workspaces to sync; those where the token's role cannot read fail with a message, once. */
	private List<WorkspaceInfo> readableWorkspaces(RunWindow window) {
		List<WorkspaceInfo> readable = new ArrayList<>();
		List<WorkspaceInfo> visible = warehouse.workspaces();
		for (long wanted : window.workspaceIds()) {
			if (visible.stream().noneMatch(w -> w.id() == wanted) && runState.fail(wanted, "workspace " + wanted
					+ " (in WEBWORK_WORKSPACE_IDS) is not among the workspaces this token can read. "
					+ "Check the id in GET /workspaces, or use a token of a member of that workspace.")) {
				log.error(runState.failure(wanted));
			}
		}
		for (WorkspaceInfo workspace : visible) {
			if (!window.includesWorkspace(workspace.id())) {
				continue;
			}
			if (workspace.role() != null && !SYNC_ROLES.contains(workspace.role().toLowerCase())) {
				if (runState.fail(workspace.id(), "workspace " + workspace.id() + ": the token's user is '"
						+ workspace.role() + "', but the API only serves Owner or Executive manager. Use such a user's token, "
						+ "or leave the workspace out of WEBWORK_WORKSPACE_IDS.")) {
					log.error(runState.failure(workspace.id()));
				}
				continue;
			}
			readable.add(workspace);
		}
		return readable;
	}
}
