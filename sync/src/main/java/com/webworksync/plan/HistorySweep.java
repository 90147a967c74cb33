package com.webworksync.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partitioning;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.WarehouseQueries;
import com.webworksync.warehouse.WarehouseQueries.WorkspaceInfo;
import java.util.Set;

/**
 * The history sweep: besides its lookback window, each run re-reads a few older months of every
 * workspace's synced history through the month streams (the month reports and the month lists),
 * the least recently checked first. Those reports are what the member-day and day fingerprints
 * are made of, so a member-day on a swept month whose time changed, or that lost all its time,
 * is re-read in the same run ({@link Planner} adds the swept days to the change-detected streams).
 * <p>
 * How much: enough months that, with hourly runs, every month is re-checked once every
 * {@link #CYCLE_RUNS} runs ({@code ceil(history months / 24)} per workspace), at most
 * {@code SYNC_SWEEP_SHARE} of the requests of the last completed run (the month reads, priced
 * from the ledger's page counts). What the sweep finds changed is re-read on top of that, like a
 * change in the window. Chosen once when a run starts and kept in its job parameters, so a
 * restarted run sweeps the same months.
 */
@Component
public class HistorySweep {

	/** Hourly runs re-check every month of the history within this many runs (a day). */
	public static final int CYCLE_RUNS = 24;

	private static final String MONTHS = """
			select partition_key, stream, fetched_at, greatest(pages, 1)
			  from sync.partitions
			 where workspace_id = {0} and stream = any({1}) and partition_key ~ '^[0-9]{4}-[0-9]{2}$'
			""";

	private final DSLContext ctx;
	private final Catalog catalog;
	private final WarehouseQueries warehouse;
	private final ReadableWorkspaces readable;

	public HistorySweep(DSLContext ctx, Catalog catalog, WarehouseQueries warehouse, ReadableWorkspaces readable) {
		this.ctx = ctx;
		this.readable = readable;
		this.catalog = catalog;
		this.warehouse = warehouse;
	}

	/** One workspace's part: its history outside the window, and what this run re-checks of it. */
	public record Workspace(long workspaceId, int historyMonths, int wanted, List<YearMonth> months, long requests,
			OffsetDateTime oldestCheck) {
	}

	/**
	 * A run's sweep.
	 *
	 * @param cap the requests the month reads may take (share × reference), or -1 without a reference
	 * @param reference requests of the last completed run, or null when none completed yet
	 */
	public record Plan(double share, Long reference, long cap, List<Workspace> workspaces) {

		public Map<Long, List<YearMonth>> months() {
			Map<Long, List<YearMonth>> months = new LinkedHashMap<>();
			workspaces.forEach(w -> months.put(w.workspaceId(), w.months()));
			return months;
		}

		public long requests() {
			return workspaces.stream().mapToLong(Workspace::requests).sum();
		}

		/** Runs a full pass over every workspace's history takes at this run's pace (0: nothing to sweep). */
		public int cycleRuns() {
			int runs = 0;
			for (Workspace w : workspaces) {
				if (w.historyMonths() > 0) {
					runs = Math.max(runs, w.months().isEmpty() ? Integer.MAX_VALUE
							: (w.historyMonths() + w.months().size() - 1) / w.months().size());
				}
			}
			return runs;
		}
	}

	private record Candidate(long workspaceId, YearMonth month, OffsetDateTime checked, long pages) {
	}

	/** The months this run re-checks: the least recently checked first, across workspaces. */
	public Plan plan(RunWindow window, double share) {
		List<StreamDef> monthStreams = catalog.all()
			.stream()
			.filter(s -> s.partitioning() == Partitioning.MONTH && window.includes(s))
			.toList();
		// the last completed sync: a refresh reads what it was asked to, not what an hour takes
		Long reference = ctx.fetchOptional("select requests from sync.runs where status = 'COMPLETED' "
				+ "and command not like 'refresh%' order by run_id desc limit 1").map(r -> r.get(0, Long.class)).orElse(null);
		long cap = reference == null ? -1 : (long) Math.floor(share * reference);
		if (share <= 0 || monthStreams.isEmpty()) {
			return new Plan(share, reference, 0, List.of());
		}
		String[] names = monthStreams.stream().map(StreamDef::name).toArray(String[]::new);
		List<Candidate> candidates = new ArrayList<>();
		Map<Long, Integer> history = new LinkedHashMap<>();
		Map<Long, OffsetDateTime> oldest = new HashMap<>();
		Set<Long> synced = readable.synced();
		for (WorkspaceInfo workspace : warehouse.workspaces()) {
			if (!synced.contains(workspace.id())) {
				continue; // another shard's, or one this process's connections do not select
			}
			LocalDate today = window.runAt().atZone(workspace.zone()).toLocalDate();
			Map<String, List<YearMonth>> windowMonths = new HashMap<>();
			monthStreams.forEach(s -> windowMonths.put(s.name(), PlanDays.windowMonths(s, window, workspace.id(), today)));
			// per month, over the streams that hold it outside their window: the least recent read, the pages
			Map<YearMonth, OffsetDateTime> checked = new HashMap<>();
			Map<YearMonth, Long> pages = new HashMap<>();
			for (var row : ctx.fetch(MONTHS, workspace.id(), names)) {
				YearMonth month = YearMonth.parse(row.get(0, String.class));
				if (windowMonths.get(row.get(1, String.class)).contains(month) || month.isAfter(YearMonth.from(today))) {
					continue;
				}
				checked.merge(month, row.get(2, OffsetDateTime.class), (a, b) -> a.isBefore(b) ? a : b);
				pages.merge(month, row.get(3, Long.class), Long::sum);
			}
			checked.forEach((month, at) -> {
				candidates.add(new Candidate(workspace.id(), month, at, pages.get(month)));
				oldest.merge(workspace.id(), at, (a, b) -> a.isBefore(b) ? a : b);
			});
			int months = checked.size();
			history.put(workspace.id(), months);
		}
		candidates.sort(Comparator.comparing(Candidate::checked).thenComparing(Candidate::month)
			.thenComparing(Candidate::workspaceId));
		Map<Long, List<YearMonth>> chosen = new HashMap<>();
		Map<Long, Long> requests = new HashMap<>();
		long left = cap;
		for (Candidate candidate : candidates) {
			int wanted = wanted(history.get(candidate.workspaceId()));
			List<YearMonth> months = chosen.computeIfAbsent(candidate.workspaceId(), id -> new ArrayList<>());
			if (months.size() >= wanted) {
				continue;
			}
			if (cap >= 0 && candidate.pages() > left) {
				break; // the share is spent: the least recently checked wait for the next run, first in line
			}
			months.add(candidate.month());
			requests.merge(candidate.workspaceId(), candidate.pages(), Long::sum);
			left -= candidate.pages();
		}
		List<Workspace> workspaces = new ArrayList<>();
		history.forEach((id, months) -> workspaces.add(new Workspace(id, months, wanted(months),
				List.copyOf(chosen.getOrDefault(id, List.of())), requests.getOrDefault(id, 0L), oldest.get(id))));
		return new Plan(share, reference, cap, workspaces);
	}

	private static int wanted(int historyMonths) {
		return (historyMonths + CYCLE_RUNS - 1) / CYCLE_RUNS;
	}
}
