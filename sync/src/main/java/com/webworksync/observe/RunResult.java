package com.webworksync.observe;

import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A sync command's result as the alerts read it: its exit code, when it ended, when a run last succeeded, and how many
 * failed runs in a row end with it. Apart from {@link SyncMetrics} because a sync that fails before the application
 * starts (a configuration error, PostgreSQL unreachable) reports it too, from a registry of its own.
 * <p>
 * A failed run is one whose exit code is anything but 0 (done), 3 (stopped at the deadline, progress saved) and 4
 * (refused by the warehouse lock: it changed nothing and reports nothing). Exit 1, 2, the JVM's own out-of-memory exit
 * and a run killed without a word (137: SIGKILL at the memory limit) all count.
 */
public final class RunResult {

	/** The codes that are not failures, as {@code job.ExitCodes} defines them (this package cannot depend on the job). */
	static final int OK = 0;
	static final int DEADLINE = 3;
	static final int LOCKED = 4;

	private final MeterRegistry registry;
	private final AtomicLong exitCode = new AtomicLong(-1);
	private final AtomicLong finishedAt = new AtomicLong();
	private final AtomicLong succeededAt = new AtomicLong();
	private final AtomicLong failedInARow = new AtomicLong();
	private final AtomicBoolean recorded = new AtomicBoolean();

	public RunResult(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Whether a run that exits with {@code exitCode} counts as a failed run. */
	public static boolean failed(int exitCode) {
		return exitCode != OK && exitCode != DEADLINE && exitCode != LOCKED;
	}

	/**
	 * The failed runs in a row that end with a run exiting {@code exit}: 0 when it succeeded; else those before it
	 * ({@code before}, as the last run that reported left the count), plus each run since that ended without reporting
	 * (killed, or out of memory: the next run finds it left STARTED; {@code unreportedStarts} are their starts, counted
	 * when after {@code lastReportedAt}, the end of the last run that reported, or when that is unknown), plus this
	 * one when it failed. A deadline stop (3) neither adds nor resets: it made progress, but did not finish.
	 */
	public static long inARow(int exit, long before, Double lastReportedAt, Collection<Instant> unreportedStarts) {
		if (exit == OK) {
			return 0;
		}
		long count = Math.max(before, 0);
		for (Instant start : unreportedStarts) {
			if (lastReportedAt == null || start.getEpochSecond() >= lastReportedAt) {
				count++;
			}
		}
		return failed(exit) ? count + 1 : count;
	}

	/** Records a run's end: its exit code, when, the failed runs in a row with it, and, for exit 0, the last success. */
	public void record(int exit, Instant at, long inARow) {
		exitCode.set(exit);
		finishedAt.set(at.getEpochSecond());
		failedInARow.set(inARow);
		if (recorded.compareAndSet(false, true)) {
			gauge(SyncMetrics.RUN_EXIT_CODE, exitCode, "Exit code of the last run (4, refused by the lock, is never pushed)");
			gauge(SyncMetrics.RUN_FINISHED, finishedAt, "When the last run ended (Unix seconds)");
			gauge(SyncMetrics.FAILED_RUNS_IN_A_ROW, failedInARow,
					"Failed runs in a row ending with the last one (any exit code but 0, 3 and 4, and runs killed without a word); 0 after a success");
		}
		if (exit == OK) {
			succeededAt.set(at.getEpochSecond());
			gauge(SyncMetrics.LAST_SUCCESS, succeededAt, "When a run last ended with exit code 0 (Unix seconds)");
		}
	}

	/** A refresh's end, pushed to a group of its own: its exit code and end; no streak and no last success. */
	public void recordRefresh(int exit, Instant at) {
		exitCode.set(exit);
		finishedAt.set(at.getEpochSecond());
		gauge(SyncMetrics.RUN_EXIT_CODE, exitCode, "Exit code of the last run (4, refused by the lock, is never pushed)");
		gauge(SyncMetrics.RUN_FINISHED, finishedAt, "When the last run ended (Unix seconds)");
	}

	/** The failed runs in a row this process last recorded (0 before any). */
	public long failedInARow() {
		return failedInARow.get();
	}

	/** When this process last recorded a run's end (Unix seconds), or null before any. */
	public Double finishedAt() {
		return recorded.get() ? (double) finishedAt.get() : null;
	}

	private void gauge(String name, AtomicLong value, String description) {
		Gauge.builder(name, value, AtomicLong::get).description(description).strongReference(true).register(registry);
	}
}
