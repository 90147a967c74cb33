package com.webworksync.plan;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.webworksync.connections.Connections;
import com.webworksync.config.Settings;
import com.webworksync.streams.Partition;
import com.webworksync.streams.Partitioning;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.Ledger;
import com.webworksync.warehouse.WarehouseQueries;
import com.webworksync.warehouse.WarehouseQueries.WorkspaceInfo;
import com.webworksync.warehouse.Reconciler;
import java.util.HashSet;

/**
 * Decides which partitions a stream reads in this run: the dimensions whole, the date-addressed
 * facts over the lookback window (late edits, approvals and deletes land in the past) plus any
 * backfill range. Days are the workspace's calendar days (the owner's time zone) and never reach past its today.
 * A refresh is a window like any other ({@link RunWindow#rereadAll()}, {@link RunWindow#workspaces()}): its streams,
 * its range, its workspace, every partition.
 */
@Component
public class Planner {

	private static final Logger log = LoggerFactory.getLogger(Planner.class);

	private final WarehouseQueries warehouse;
	private final Connections connections;
	private final Selector selector;
	private final Reconciler reconciler;
	private final ReadableWorkspaces readableWorkspaces;
	private final Ledger ledger;
	private final Hints hints;

	/** Days planned together: at 2,000 members, 28,000 member-days, their ledger entries and fingerprints. */

	public Planner(WarehouseQueries warehouse, ReadableWorkspaces readableWorkspaces, ChangeDetector detector,
			Ledger ledger, Connections connections, Reconciler reconciler, Hints hints) {
		this.hints = hints;
		this.readableWorkspaces = readableWorkspaces;
		this.reconciler = reconciler;
		this.connections = connections;
		this.warehouse = warehouse;
		this.ledger = ledger;
		this.selector = new Selector(Selector.Inputs.of(ledger, detector));
	}

	/** The plan of one stream as a list: for tests and small plans; a run streams it ({@link #plan(StreamDef, RunWindow, Consumer)}). */
	public List<Partition> plan(StreamDef stream, RunWindow window) {
		List<Partition> partitions = new ArrayList<>();
		plan(stream, window, partitions::add);
		return partitions;
	}

	/** Plans one stream, handing each chosen partition to {@code sink} in read order; holds one slice at a time. */
	public StreamPlan plan(StreamDef stream, RunWindow window, Consumer<Partition> sink) {
		StreamPlan plan = explain(stream, window, sink);
		if (window.hinted() && window.includes(stream)) {
			log.info("{}: hints: {} partitions named by the open hints", stream.name(), plan.partitions());
		}
		else if (window.rereadAll() && window.includes(stream)) {
			log.info("{}: refresh: every one of the {} partitions in range is read, changed or not", stream.name(),
					plan.candidates());
		}
		else if (stream.changeDetection().enabled()) {
			log.info("{}: {} partitions in range, {} changed or new, {} re-verified, {} skipped as unchanged or empty",
					stream.name(), plan.candidates(), plan.changed(), plan.verified(), plan.skipped());
		}
		return plan;
	}

	/** The plan of one stream with its reasons and expected requests (the partitions themselves are not kept). */
	public StreamPlan explain(StreamDef stream, RunWindow window) {
		return explain(stream, window, partition -> {
		});
	}

	private StreamPlan explain(StreamDef stream, RunWindow window, Consumer<Partition> sink) {
		if (!window.includes(stream)) {
			return StreamPlan.none(stream.name());
		}
		if (stream.partitioning() == Partitioning.GLOBAL) {
			// one workspace list per connection of this process, in name order (the first lists a shared workspace)
			return selector.select(stream, window, 0,
					List.of(Slice.whole(connections.names().stream().map(Partition::workspaceList).toList())), sink);
		}
		int partitions = 0;
		int candidates = 0;
		int changed = 0;
		int verified = 0;
		long requests = 0;
		int swept = 0;
		for (WorkspaceInfo workspace : readableWorkspaces.of(window)) {
			if (!window.includesWorkspace(workspace.id())) {
				continue; // a refresh of another workspace
			}
			if (window.hinted()) {
				// a hint run: the partitions the hints name, every one read
				StreamPlan part = selector.select(stream, window, workspace.id(),
						List.of(Slice.whole(hints.partitions(stream, window, workspace.id()))), sink);
				partitions += part.partitions();
				candidates += part.candidates();
				changed += part.changed();
				requests += part.requests();
				continue;
			}
			// a refresh reads exactly its range: the reconciliation's re-reads wait for the next sync
			boolean reconciled = stream.partitioning() == Partitioning.USER_DAY && reconciler != null && !window.rereadAll();
			Set<String> chosen = new HashSet<>();
			Consumer<Partition> tracked = reconciled ? p -> {
				chosen.add(p.key());
				sink.accept(p);
			} : sink;
			StreamPlan part = selector.select(stream, window, workspace.id(), slices(stream, window, workspace), tracked);
			// a mismatch between the entries and the report: that member-day is re-read once (Reconciler)
			int rereads = 0;
			if (reconciled) {
				for (String key : reconciler.pendingRereads(workspace.id())) {
					if (chosen.add(key)) {
						sink.accept(Partitioning.MemberDay.parse(key).partition(workspace.id()));
						rereads++;
					}
				}
			}
			partitions += part.partitions() + rereads;
			candidates += part.candidates();
			changed += part.changed() + rereads;
			verified += part.verified();
			requests += part.requests() + rereads;
			swept += part.swept();
		}
		return new StreamPlan(stream.name(), partitions, candidates, changed, verified, requests, swept);
	}

	/**
	 * A stream's candidates in read order, in slices: member-days and days in runs of at most
	 * {@link PlanDays#SLICE_DAYS} consecutive days (they grow with members and history), the others whole.
	 */
	private List<Slice> slices(StreamDef stream, RunWindow window, WorkspaceInfo workspace) {
		long ws = workspace.id();
		LocalDate today = window.runAt().atZone(workspace.zone()).toLocalDate();
		List<Partition> plan = new ArrayList<>();
		switch (stream.partitioning()) {
			case WORKSPACE -> plan.add(Partition.of(ws, "all"));
			case PROJECT -> warehouse.projects(ws)
				.forEach(project -> plan.add(Partition.of(ws, Partitioning.projectKey(project), "project_id", project.toString())));
			case MONTH -> {
				List<YearMonth> months = PlanDays.windowMonths(stream, window, ws, today);
				months.forEach(month -> plan.add(monthPartition(stream, ws, month, today)));
				// the sweep's months of the stream's own history, after the window's
				LocalDate oldest = window.sweepMonths(ws).isEmpty() ? null : ledger.oldestDay(stream.name(), ws);
				List<Partition> swept = window.sweepMonths(ws)
					.stream()
					.filter(month -> oldest != null && !months.contains(month) && !month.atEndOfMonth().isBefore(oldest))
					.map(month -> monthPartition(stream, ws, month, today))
					.toList();
				return swept.isEmpty() ? List.of(Slice.whole(plan)) : List.of(Slice.whole(plan), Slice.sweep(swept));
			}
			case MEMBER -> warehouse.trackingMembers(ws).forEach(member -> plan.add(Partitioning.member(ws, member)));
			case SNAPSHOT_DAY -> plan.add(Partition.of(ws, today.toString(), stream.fromParam(),
					today.withDayOfYear(1).toString(), stream.toParam(), today.toString()));
			case DAY, USER_DAY -> {
				List<Long> members = stream.partitioning() == Partitioning.USER_DAY ? warehouse.trackingMembers(ws) : null;
				Set<LocalDate> days = PlanDays.days(window, ws, today);
				List<Slice> slices = new ArrayList<>();
				PlanDays.runs(PlanDays.served(stream, today, days)).forEach(run -> slices.add(daySlice(ws, run, members, false)));
				if (stream.changeDetection().enabled()) {
					PlanDays.runs(PlanDays.served(stream, today, sweepDays(stream, window, ws, days)))
						.forEach(run -> slices.add(daySlice(ws, run, members, true)));
				}
				return slices;
			}
			default -> throw new IllegalStateException("no plan for " + stream.partitioning());
		}
		return List.of(Slice.whole(plan));
	}

	/**
	 * The days of the sweep's months (newest first) that the stream has synced before and the
	 * window does not cover: the sweep re-checks history, it never extends it.
	 */
	private List<LocalDate> sweepDays(StreamDef stream, RunWindow window, long ws, Set<LocalDate> windowDays) {
		if (window.sweepMonths(ws).isEmpty()) {
			return List.of();
		}
		LocalDate oldest = ledger.oldestDay(stream.name(), ws);
		List<LocalDate> days = new ArrayList<>();
		for (YearMonth month : window.sweepMonths(ws)) {
			for (LocalDate day = month.atEndOfMonth(); !day.isBefore(month.atDay(1)); day = day.minusDays(1)) {
				if (oldest != null && !day.isBefore(oldest) && !windowDays.contains(day)) {
					days.add(day);
				}
			}
		}
		return days;
	}

	private static Partition monthPartition(StreamDef stream, long ws, YearMonth month, LocalDate today) {
		LocalDate end = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
		return Partition.of(ws, month.toString(), stream.fromParam(), month.atDay(1).toString(), stream.toParam(),
				end.toString());
	}

	/** One run of consecutive days: the days themselves, or every tracking member on each of them. */
	private static Slice daySlice(long ws, List<LocalDate> run, List<Long> members, boolean sweep) {
		return new Slice(min(run), max(run), () -> {
			List<Partition> slice = new ArrayList<>(members == null ? run.size() : run.size() * members.size());
			for (LocalDate day : run) {
				if (members == null) {
					slice.add(Partition.of(ws, day.toString(), "date", day.toString()));
					continue;
				}
				for (long member : members) {
					slice.add(new Partitioning.MemberDay(member, day).partition(ws));
				}
			}
			return slice;
		}, sweep);
	}

	private static LocalDate min(List<LocalDate> days) {
		return days.stream().min(LocalDate::compareTo).orElseThrow();
	}

	private static LocalDate max(List<LocalDate> days) {
		return days.stream().max(LocalDate::compareTo).orElseThrow();
	}

}
