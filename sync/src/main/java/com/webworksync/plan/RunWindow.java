package com.webworksync.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.webworksync.streams.StreamDef;

/**
 * What a run was asked to cover. Fixed when the run starts (and restored on restart), so a
 * restarted run plans the same days even if it resumes after midnight.
 *
 * @param runAt the instant the run counts as "now"
 * @param backfillFrom/backfillTo an extra range to read ({@code sync --from --to}), or null
 * @param streams the streams to read, as SYNC_STREAMS names them ({@link StreamDef#selectedBy})
 * @param verifyShare how many unchanged partitions to re-read, as a share of the changed ones
 * @param sweep per workspace, the older months of its history this run re-checks ({@link HistorySweep})
 * @param history per workspace, the chunk of history before the window this run backfills towards its start date
 *        ({@link Backfill})
 * @param rereadAll a refresh ({@link Refresh}): every partition in range is read, change detection is off for the run
 * @param workspaces the workspaces to read (empty = every one this process syncs)
 * @param hintsUpTo a hint run ({@link Hints}): the partitions the open hints up to this id name, and nothing else
 *        (0: not a hint run)
 */
public record RunWindow(Instant runAt, LocalDate backfillFrom, LocalDate backfillTo, int lookbackDays,
		Set<String> streams, double verifyShare, Map<Long, List<YearMonth>> sweep, Map<Long, DayRange> history,
		boolean rereadAll, Set<Long> workspaces, long hintsUpTo) {

	public RunWindow {
		streams = Set.copyOf(streams);
		sweep = Map.copyOf(sweep);
		history = Map.copyOf(history);
		workspaces = Set.copyOf(workspaces);
	}

	/** A sync's window: change detection on, every workspace. */
	public RunWindow(Instant runAt, LocalDate backfillFrom, LocalDate backfillTo, int lookbackDays, Set<String> streams,
			double verifyShare, Map<Long, List<YearMonth>> sweep, Map<Long, DayRange> history) {
		this(runAt, backfillFrom, backfillTo, lookbackDays, streams, verifyShare, sweep, history, false, Set.of(), 0);
	}

	public RunWindow withSweep(Map<Long, List<YearMonth>> months) {
		return new RunWindow(runAt, backfillFrom, backfillTo, lookbackDays, streams, verifyShare, months, history,
				rereadAll, workspaces, hintsUpTo);
	}

	public RunWindow withHistory(Map<Long, DayRange> chunks) {
		return new RunWindow(runAt, backfillFrom, backfillTo, lookbackDays, streams, verifyShare, sweep, chunks,
				rereadAll, workspaces, hintsUpTo);
	}

	/** This window as a refresh of {@code only} (empty: every workspace): every partition read, no sweep, no history. */
	public RunWindow refreshing(Set<Long> only) {
		return new RunWindow(runAt, backfillFrom, backfillTo, lookbackDays, streams, verifyShare, Map.of(), Map.of(), true,
				only, hintsUpTo);
	}

	/** This window as a hint run of {@code only}: the open hints up to {@code upTo} name every partition it reads. */
	public RunWindow hinting(Set<Long> only, long upTo) {
		return new RunWindow(runAt, null, null, 0, streams, verifyShare, Map.of(), Map.of(), true, only, upTo);
	}

	public boolean hinted() {
		return hintsUpTo > 0;
	}

	public boolean includesWorkspace(long workspaceId) {
		return workspaces.isEmpty() || workspaces.contains(workspaceId);
	}

	/** The chunk of history a workspace backfills in this run, or null. */
	public DayRange history(long workspaceId) {
		return history.get(workspaceId);
	}

	/** The months of a workspace's history this run re-checks, least recently checked first. */
	public List<YearMonth> sweepMonths(long workspaceId) {
		return sweep.getOrDefault(workspaceId, List.of());
	}

	public boolean includes(StreamDef stream) {
		return stream.selectedBy(streams);
	}
}
