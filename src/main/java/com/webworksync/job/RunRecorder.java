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
import com.webworksync.observe.RunSummary;
import com.webworksync.warehouse.PlanQueue;

import tools.jackson.databind.json.JsonMapper;
import com.webworksync.schema.sync.Tables;
import java.time.Clock;

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
	private long requestsAtStart;
	private long waitsAtStart;
	private long retriesAtStart;
	private OffsetDateTime startedAt;
	private RunSummary last;

	private final StopSignals stopSignals;
	private final Clock clock;

	private final RunReconciliation reconciliation;

	public RunRecorder(DSLContext ctx, Connections connections, RunState runState, PlanQueue plans, StopSignals stopSignals,
			Clock clock, RunReconciliation reconciliation) {
		this.reconciliation = reconciliation;
		this.clock = clock;
		this.stopSignals = stopSignals;
		this.ctx = ctx;
		this.connections = connections;
		this.runState = runState;
		this.plans = plans;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		runState.reset();
		requestsAtStart = connections.requests();
		waitsAtStart = connections.waits();
		retriesAtStart = connections.retries();
		startedAt = OffsetDateTime.now(clock);
		ctx.insertInto(RUNS)
			.set(RUNS.RUN_ID, execution.getId())
			.set(RUNS.COMMAND, RunParameters.command(execution.getJobParameters()))
			.set(RUNS.STARTED_AT, startedAt)
			.set(RUNS.STATUS, "STARTED")
			.onConflictDoNothing()
			.execute();
	}

	@Override
	public void afterJob(JobExecution execution) {
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
			if (step.getStatus() == BatchStatus.COMPLETED && !runState.disabled(step.getStepName())) {
				markFresh(step.getStepName(), execution.getId());
			}
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
		last = new RunSummary(execution.getId(), status, exitCode, error, connections.requests() - requestsAtStart,
				connections.waits() - waitsAtStart, connections.retries() - retriesAtStart, byStream,
				Duration.between(startedAt, endedAt));
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
	}

	/**
	 * A run the next one found left STARTED (the process was killed, ran out of memory, or lost the
	 * database before closing its books) is marked FAILED in {@code sync.runs}, so no phantom run
	 * stays STARTED forever. Its exit code is unknown and stays NULL.
	 */
	public void recovered(long runId) {
		ctx.update(RUNS)
			.set(RUNS.STATUS, "FAILED")
			.set(RUNS.ERROR_MESSAGE, "the run ended without closing its books (killed, out of memory, or the database went "
					+ "away); recovered and continued by the next run")
			.where(RUNS.RUN_ID.eq(runId))
			.and(RUNS.STATUS.eq("STARTED"))
			.execute();
	}

	private void markFresh(String stream, long runId) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		// one row per workspace the stream covered without a failure; 0 stands for the workspace list
		var workspaces = ctx.selectDistinct(Tables.PARTITIONS.WORKSPACE_ID)
			.from(Tables.PARTITIONS)
			.where(Tables.PARTITIONS.STREAM.eq(stream))
			.and(Tables.PARTITIONS.RUN_ID.eq(runId))
			.fetch(0, Long.class);
		for (long workspace : workspaces) {
			if (runState.failed(workspace)) {
				continue;
			}
			ctx.insertInto(STREAMS)
				.set(STREAMS.STREAM, stream)
				.set(STREAMS.WORKSPACE_ID, workspace)
				.set(STREAMS.LAST_SUCCESS_AT, now)
				.set(STREAMS.LAST_RUN_ID, runId)
				.onConflict(STREAMS.STREAM, STREAMS.WORKSPACE_ID)
				.doUpdate()
				.set(STREAMS.LAST_SUCCESS_AT, now)
				.set(STREAMS.LAST_RUN_ID, runId)
				.execute();
		}
	}

	public RunSummary last() {
		return last;
	}
}
