package com.webworksync.plan;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.webworksync.Connections;
import com.webworksync.Settings;
import com.webworksync.job.RunState;
import com.webworksync.streams.ChangeDetection;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.Ledger;
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
	private final ChangeDetector detector;
	private final Ledger ledger;
	private final Connections connections;
	private final com.webworksync.warehouse.Reconciler reconciler;

	public Planner(WarehouseQueries warehouse, RunState runState, ChangeDetector detector, Ledger ledger,
			Connections connections, com.webworksync.warehouse.Reconciler reconciler) {
		this.reconciler = reconciler;
		this.connections = connections;
		this.warehouse = warehouse;
		this.runState = runState;
		this.detector = detector;
		this.ledger = ledger;
	}

	public List<Partition> plan(StreamDef stream, RunWindow window) {
		StreamPlan plan = explain(stream, window);
		if (stream.changeDetection().enabled()) {
			log.info("{}: {} partitions in range, {} changed or new, {} re-verified, {} skipped as unchanged or empty",
					stream.name(), plan.candidates(), plan.changed(), plan.verified(), plan.skipped());
		}
		return plan.partitions();
	}

	/** The plan of one stream with its reasons and expected requests. */
	public StreamPlan explain(StreamDef stream, RunWindow window) {
		if (!window.includes(stream.name())) {
			return new StreamPlan(stream.name(), List.of(), 0, 0, 0, 0);
		}
		if (stream.partitioning() == com.webworksync.streams.Partitioning.GLOBAL) {
			// one workspace list per connection of this process, in name order (the first lists a shared workspace)
			return select(stream, window, 0, connections.names().stream().map(Partition::workspaceList).toList());
		}
		List<Partition> partitions = new ArrayList<>();
		int candidates = 0;
		int changed = 0;
		int verified = 0;
		long requests = 0;
		for (WorkspaceInfo workspace : readableWorkspaces(window)) {
			StreamPlan part = select(stream, window, workspace.id(), candidates(stream, window, workspace));
			partitions.addAll(part.partitions());
			candidates += part.candidates();
			changed += part.changed();
			verified += part.verified();
			requests += part.requests();
		}
		return new StreamPlan(stream.name(), partitions, candidates, changed, verified, requests);
	}

	/**
	 * Change detection: a partition is read when it was never read (and may hold rows), or when
	 * the reports' fingerprint differs from the one recorded when it was last read; of the
	 * unchanged ones, the oldest-read are re-verified, {@code verifyShare} of the changed count
	 * and at least one.
	 */
	private StreamPlan select(StreamDef stream, RunWindow window, long workspaceId, List<Partition> candidates) {
		Map<String, Ledger.Entry> ledger = this.ledger.entries(stream.name(), workspaceId);
		if (!stream.changeDetection().enabled() || candidates.isEmpty()) {
			return new StreamPlan(stream.name(), candidates, candidates.size(), candidates.size(), 0,
					pages(candidates, ledger));
		}
		Map<String, String> current = detector.fingerprints(stream, workspaceId, firstDay(candidates),
				lastDay(candidates));
		Set<String> read = new HashSet<>();
		List<Partition> unchanged = new ArrayList<>();
		for (Partition partition : candidates) {
			String fingerprint = current.get(partition.key());
			Ledger.Entry last = ledger.get(partition.key());
			boolean changed = last == null
					? fingerprint != null || stream.changeDetection() == ChangeDetection.ALWAYS_ROWS
					: !Objects.equals(fingerprint, last.sourceFingerprint());
			if (changed) {
				read.add(partition.key());
			}
			else if (last != null) {
				unchanged.add(partition);
			}
		}
		// a mismatch between the entries and the report: re-read the member-day once (Reconciler)
		List<Partition> rereads = new ArrayList<>();
		if (stream.partitioning() == com.webworksync.streams.Partitioning.USER_DAY && reconciler != null) {
			Set<String> inRange = new HashSet<>();
			candidates.forEach(p -> inRange.add(p.key()));
			for (String key : reconciler.pendingRereads(workspaceId)) {
				if (read.add(key) && !inRange.contains(key)) {
					String user = key.substring(0, key.indexOf('@'));
					rereads.add(Partition.of(workspaceId, key, "user_id", user, "date", key.substring(key.indexOf('@') + 1)));
				}
			}
		}
		int changedCount = read.size();
		int verify = unchanged.isEmpty() ? 0
				: Math.min(unchanged.size(), Math.max(1, (int) Math.ceil(window.verifyShare() * changedCount)));
		unchanged.sort(Comparator.comparing((Partition p) -> ledger.get(p.key()).fetchedAt()).thenComparing(Partition::key));
		unchanged.subList(0, verify).forEach(p -> read.add(p.key()));
		List<Partition> chosen = new ArrayList<>(candidates.stream().filter(p -> read.contains(p.key())).toList());
		chosen.addAll(rereads);
		return new StreamPlan(stream.name(), chosen, candidates.size(), changedCount, verify, pages(chosen, ledger));
	}

	private static long pages(List<Partition> partitions, Map<String, Ledger.Entry> ledger) {
		return partitions.stream().mapToLong(p -> {
			Ledger.Entry last = ledger.get(p.key());
			return last == null ? 1 : Math.max(1, last.pages());
		}).sum();
	}

	private static LocalDate firstDay(List<Partition> partitions) {
		return partitions.stream().map(Planner::day).filter(Objects::nonNull).min(LocalDate::compareTo).orElse(LocalDate.MIN);
	}

	private static LocalDate lastDay(List<Partition> partitions) {
		return partitions.stream().map(Planner::day).filter(Objects::nonNull).max(LocalDate::compareTo).orElse(LocalDate.MAX);
	}

	private static LocalDate day(Partition partition) {
		String date = partition.params().get("date");
		return date == null ? null : LocalDate.parse(date);
	}

	private List<Partition> candidates(StreamDef stream, RunWindow window, WorkspaceInfo workspace) {
		long ws = workspace.id();
		LocalDate today = window.runAt().atZone(workspace.zone()).toLocalDate();
		List<Partition> plan = new ArrayList<>();
		switch (stream.partitioning()) {
			case WORKSPACE -> plan.add(Partition.of(ws, "all"));
			case PROJECT -> warehouse.projects(ws)
				.forEach(project -> plan.add(Partition.of(ws, "project:" + project, "project_id", project.toString())));
			case MONTH -> {
				Set<LocalDate> days = days(window, today);
				if (stream.rowSpanDays() > 0) {
					// where the rows that overlap the window start: their months own them
					LocalDate first = days.stream().min(LocalDate::compareTo).orElse(today);
					days.add(first.minusDays(stream.rowSpanDays() - 1L));
				}
				for (YearMonth month : months(days)) {
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

	/**
	 * The lookback window newest first, then the backfill range newest first (the freshest data
	 * lands first), never after today.
	 */
	static Set<LocalDate> days(RunWindow window, LocalDate today) {
		Set<LocalDate> days = new LinkedHashSet<>();
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

	private static List<YearMonth> months(Set<LocalDate> days) {
		Set<YearMonth> months = new LinkedHashSet<>();
		days.forEach(day -> months.add(YearMonth.from(day)));
		return new ArrayList<>(months);
	}

	/**
	 * Workspaces to sync: those the connections of this process list (and their workspace ids
	 * select); those where the token's role cannot read fail with a message, once.
	 */
	private List<WorkspaceInfo> readableWorkspaces(RunWindow window) {
		List<WorkspaceInfo> readable = new ArrayList<>();
		List<WorkspaceInfo> visible = warehouse.workspaces();
		for (String name : connections.names()) {
			Settings.Connection connection = connections.connection(name);
			String variable = name.equals(Settings.DEFAULT_CONNECTION) ? "in WEBWORK_WORKSPACE_IDS"
					: "in the workspace ids of connection '" + name + "'";
			for (long wanted : connection.workspaceIds()) {
				if (visible.stream().noneMatch(w -> w.id() == wanted) && runState.fail(wanted, "workspace " + wanted
						+ " (" + variable + ") is not among the workspaces this token can read. "
						+ "Check the id in GET /workspaces, or use a token of a member of that workspace.")) {
					log.error(runState.failure(wanted));
				}
			}
		}
		for (WorkspaceInfo workspace : visible) {
			if (!connections.isActive(workspace.connection())
					|| !connections.connection(workspace.connection()).includes(workspace.id())) {
				continue; // another shard's, or not selected by its connection's workspace ids
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
