package com.webworksync.observe;

import java.time.Duration;
import java.time.LocalDateTime;

import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import com.webworksync.warehouse.Reconciler;
import java.time.Clock;
import java.util.List;

/**
 * Puts the run id (and, per step, the stream) into the logging MDC, so every log line of a run
 * carries them ({@code workspace_id} is set by the reader per partition); at the end of the run
 * records the run's metrics and pushes them to the Pushgateway when one is configured.
 * Registered as the job's first listener: its afterJob runs last, after the job's recorder
 * has decided the exit code.
 */
@Component
public class RunObserver implements JobExecutionListener, StepExecutionListener {

	public static final String RUN_ID = "run_id";
	public static final String STREAM = "stream";
	public static final String WORKSPACE_ID = "workspace_id";

	private final RunSummary.Source recorder;
	private final SyncMetrics metrics;
	private final Pushgateway pushgateway;
	private final Reconciler reconciler;

	public RunObserver(RunSummary.Source recorder, SyncMetrics metrics, Pushgateway pushgateway,
			Reconciler reconciler) {
		this.reconciler = reconciler;
		this.recorder = recorder;
		this.metrics = metrics;
		this.pushgateway = pushgateway;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		MDC.put(RUN_ID, Long.toString(execution.getId()));
	}

	@Override
	public void beforeStep(StepExecution step) {
		// the stream stays in the MDC until the next step or the end of the run, so the lines other
		// listeners log after the step (the progress line "done") still carry it
		MDC.put(STREAM, step.getStepName());
		MDC.remove(WORKSPACE_ID);
	}

	@Override
	public void afterJob(JobExecution execution) {
		try {
			MDC.remove(WORKSPACE_ID);
			MDC.remove(STREAM);
			RunSummary summary = recorder.last();
			if (summary != null && summary.runId() == execution.getId()) {
				LocalDateTime start = execution.getStartTime();
				LocalDateTime end = execution.getEndTime() != null
						? execution.getEndTime()
						// Batch stamps its executions with the system clock: an elapsed time must use the same
						: LocalDateTime.now(Clock.systemDefaultZone());
				Duration duration = start == null ? Duration.ZERO : Duration.between(start, end);
				metrics.runFinished(summary.byStream(), duration.isNegative() ? Duration.ZERO : duration,
						summary.status().name(), summary.exitCode(), summary.kind());
				try {
					metrics.reconciliation(reconciler.mismatches(), List.of());
				}
				catch (RuntimeException ex) {
					// the metric is a report; a database that went away shows in the run's own result
				}
			}
			if (pushgateway.enabled()) {
				boolean ours = summary != null && summary.runId() == execution.getId();
				pushgateway.push(PrometheusText.render(metrics.registry()), ours ? summary.kind() : RunSummary.SYNC);
			}
		}
		finally {
			MDC.remove(RUN_ID);
		}
	}
}
