package com.webworksync.job;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import com.webworksync.plan.RunWindow;
import com.webworksync.streams.Catalog;
import com.webworksync.warehouse.Reconciler;

/** At the end of a completed run ({@link RunRecorder}): the reconciliation of the days it covered. */
@Component
public class RunReconciliation {

	private static final Catalog CATALOG = new Catalog();

	private final Reconciler reconciler;
	/** Which workspaces are this process's: the reconciliation compares only those. */
	private final WorkspaceAccess workspaces;
	private final Clock clock;

	public RunReconciliation(Reconciler reconciler, WorkspaceAccess workspaces, Clock clock) {
		this.reconciler = reconciler;
		this.workspaces = workspaces;
		this.clock = clock;
	}

	/**
	 * Compares entries, report and timesheets for the days the run covered (its lookback window, its
	 * backfill, the mismatches it re-read). The sources disagreeing is data, not a failure: a
	 * problem here is logged and the run's result stands.
	 */
	void reconcile(JobExecution execution) {
		RunWindow window = RunParameters.window(execution.getJobParameters());
		if (!Reconciler.SOURCES.stream().map(CATALOG::get).allMatch(window::includes)) {
			return;
		}
		try {
			// UTC dates one day wider on each side: every workspace's calendar day is inside
			LocalDate today = window.runAt().atOffset(ZoneOffset.UTC).toLocalDate();
			LocalDate from = today.minusDays(window.lookbackDays());
			if (window.backfillFrom() != null && window.backfillFrom().isBefore(from)) {
				from = window.backfillFrom();
			}
			for (var chunk : window.history().values()) {
				from = chunk.from().isBefore(from) ? chunk.from() : from;
			}
			LocalDate pending = reconciler.firstPendingReread();
			if (pending != null && pending.isBefore(from)) {
				from = pending;
			}
			reconciler.reconcile(from, today.plusDays(1), workspaces.synced(), OffsetDateTime.now(clock), execution.getId());
			// and the months the history sweep re-checked, each on its own: they lie anywhere in the past
			for (var swept : window.sweep().entrySet()) {
				for (YearMonth month : swept.getValue()) {
					LocalDate end = month.atEndOfMonth().isBefore(from) ? month.atEndOfMonth() : from.minusDays(1);
					if (month.atDay(1).isBefore(from)) {
						reconciler.reconcile(month.atDay(1), end, List.of(swept.getKey()), OffsetDateTime.now(clock),
								execution.getId());
					}
				}
			}
		}
		catch (RuntimeException ex) {
			LoggerFactory.getLogger(RunReconciliation.class).warn("reconciliation skipped: {}", ex.toString());
		}
	}
}
