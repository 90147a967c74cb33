package com.webworksync.job;

import static com.webworksync.schema.sync.Tables.RUNS;
import static com.webworksync.schema.sync.Tables.STREAMS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import com.webworksync.connections.Connections;
import com.webworksync.notify.Notifier;
import com.webworksync.notify.RunEnd;
import com.webworksync.observe.RunSummary;
import com.webworksync.warehouse.PlanQueue;

import tools.jackson.databind.json.JsonMapper;
import com.webworksync.plan.RunWindow;
import com.webworksync.schema.sync.Tables;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code sync.runs} (one row per run) and {@code sync.streams} (per-stream freshness), and
 * decides the run's exit code.
 */
@Component
public class RunRecorder implements JobExecutionListener, RunSummary.Source {

	private final DSLContext ctx;
	private final Connections connections;
	private final RunState runState;
	private final PlanQueue plans;
	private final JsonMapper json = JsonMapper.builder().build();
	/** The last finished run's results, read after its end: its summary and what it left out. */
	private volatile RunSummary last;
	private volatile RunState.Left left;

	private final StopSignals stopSignals;
	private final Clock clock;

	private final RunReconciliation reconciliation;
	/** sync.streams: what each completed stream holds. */
	private final StreamRecords streams;
	/** The notifications of a run's end: recorded with its books, delivered after them. */
	private final Notifier notifier;

	public RunRecorder(DSLContext ctx, Connections connections, RunState runState, PlanQueue plans, StopSignals stopSignals,
			Clock clock, RunReconciliation reconciliation, StreamRecords streams, Notifier notifier) {
		this.reconciliation = reconciliation;
		this.notifier = notifier;
		this.streams = streams;
		this.clock = clock;
		this.stopSignals = stopSignals;
		this.ctx = ctx;
		this.connections = connections;
		this.runState = runState;
		this.plans = plans;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		notifier.deliver(); // what earlier runs left undelivered goes first
		OffsetDateTime startedAt = OffsetDateTime.now(clock);
		runState.started(new RunState.Start(connections.requests(), connections.waits(), connections.retries(), startedAt));
		ctx.insertInto(RUNS)
			.set(RUNS.RUN_ID, execution.getId())
			.set(RUNS.COMMAND, RunParameters.command(execution.getJobParameters()))
			.set(RUNS.STARTED_AT, startedAt)
			.set(RUNS.STATUS, "STARTED")
			.onConflictDoNothing()
			.execute();
		RunWindow window = RunParameters.window(execution.getJobParameters());
		window.history().forEach((workspace, chunk) -> LoggerFactory
			.getLogger(RunRecorder.class)
			.info("workspace {}: this run backfills {} ({} days) towards its start date", workspace, chunk, chunk.days()));
		if (window.rereadAll()) {
			LoggerFactory.getLogger(RunRecorder.class)
				.info("{}: every partition in range is read, changed or not",
						RunParameters.command(execution.getJobParameters()));
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		RunWindow window = RunParameters.window(execution.getJobParameters());
		Map<String, Map<String, Long>> byStream = new LinkedHashMap<>();
		for (StepExecution step : execution.getStepExecutions()) {
			var context = step.getExecutionContext();
			// a stream's workers (<stream>:<connection>) add up to their stream
			Map<String, Long> counts = byStream.computeIfAbsent(StreamStep.streamOf(step.getStepName()),
					s -> new LinkedHashMap<>());
			counts.merge("upserted", context.getLong(PageWriter.UPSERTED, 0), Long::sum);
			counts.merge("deleted", context.getLong(PageWriter.DELETED, 0), Long::sum);
			counts.merge("requests", context.getLong(PageWriter.REQUESTS, 0), Long::sum);
			counts.merge("partitions", context.getLong(PageWriter.PARTITIONS, 0), Long::sum);
			if (StreamStep.isWorker(step.getStepName())) {
				continue;
			}
			// a refresh leaves sync.streams to the syncs: freshness and what each stream holds are theirs
			if (step.getStatus() == BatchStatus.COMPLETED && !runState.disabled(step.getStepName()) && !window.rereadAll()) {
				streams.completed(step.getStepName(), execution.getId(), window);
			}
		}
		if (!window.rereadAll()) {
			streams.backfillLeft(window);
		}
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			// a stopped run has read the reports but not yet all the entries they flag: the next run compares
			reconciliation.reconcile(execution);
			plans.forget(execution.getJobInstance().getInstanceId());
		}
		ExitCodes.Failure outcome = ExitCodes.ofRun(status, runState.failures().values(),
				execution.getAllFailureExceptions().isEmpty() ? null : execution.getAllFailureExceptions().get(0),
				stopSignals.reason());
		int exitCode = outcome.exitCode();
		String error = outcome.message();
		OffsetDateTime endedAt = OffsetDateTime.now(clock);
		RunState.Start start = runState.start();
		left = new RunState.Left(execution.getId(), runState.failures(), runState.disabledStreams(), stopSignals.reason());
		last = new RunSummary(execution.getId(), status, exitCode, error, connections.requests() - start.requests(),
				connections.waits() - start.waits(), connections.retries() - start.retries(), byStream,
				Duration.between(start.at(), endedAt), RunParameters.kind(execution.getJobParameters()));
		Throwable failure = execution.getAllFailureExceptions().isEmpty() ? null : execution.getAllFailureExceptions().get(0);
		ctx.transaction(books -> {
			ctx.update(RUNS)
				.set(RUNS.ENDED_AT, endedAt)
				.set(RUNS.STATUS, status.name())
				.set(RUNS.EXIT_CODE, exitCode)
				.set(RUNS.REQUESTS, (int) last.requests())
				.set(RUNS.RATE_LIMIT_WAITS, (int) last.waits())
				.set(RUNS.RETRIES, (int) last.retries())
				.set(RUNS.ROWS_BY_STREAM, JSONB.valueOf(json.writeValueAsString(byStream)))
				.set(RUNS.ERROR_MESSAGE, error == null ? null : error.substring(0, Math.min(error.length(), 2000)))
				.where(RUNS.RUN_ID.eq(execution.getId()))
				.execute();
			// the outbox, committed with the books it reports (docs/guide/observability.md#notifications)
			notifier.runEnded(new RunEnd(execution.getId(), exitCode, error, failure, !runState.failures().isEmpty()));
		});
		notifier.deliver(); // after the commit, within NOTIFY_TIMEOUT; never changes the exit code
	}


	/**
	 * A run the next one found left STARTED (the process was killed, ran out of memory, or lost the
	 * database before closing its books) is marked FAILED in {@code sync.runs}, so no phantom run
	 * stays STARTED forever. Its exit code is unknown and stays NULL. Returns when it started, or null when
	 * {@code sync.runs} holds no such run left STARTED.
	 */
	public Instant recovered(long runId) {
		return ctx.update(RUNS)
			.set(RUNS.STATUS, "FAILED")
			.set(RUNS.ERROR_MESSAGE, "the run ended without closing its books (killed, out of memory, or the database went "
					+ "away); recovered and continued by the next run")
			.where(RUNS.RUN_ID.eq(runId))
			.and(RUNS.STATUS.eq("STARTED"))
			.returning(RUNS.STARTED_AT)
			.fetchOptional()
			.map(r -> r.get(RUNS.STARTED_AT) == null ? null : r.get(RUNS.STARTED_AT).toInstant())
			.orElse(null);
	}

	public RunSummary last() {
		return last;
	}

	/** What the last finished run left out (failed workspaces, disabled streams, why it stopped); null before one. */
	RunState.Left left() {
		return left;
	}
}
