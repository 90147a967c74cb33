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

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.webworksync.warehouse.HintLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Puts the run id (and, per step, the stream) into the logging MDC, so every log line of a run
 * carries them ({@code workspace_id} is set by the reader per partition); at the end of the job
 * records the run's metrics. Registered as the job's first listener: its afterJob runs last, after
 * the job's recorder has decided the exit code.
 * <p>
 * When the sync command ends ({@link #ended}, whatever the exit code but 4), records its result and
 * pushes the registry to the Pushgateway when one is configured; a sync that fails before the
 * application starts pushes its result alone ({@link #endedWithoutApplication}).
 */
@Component
public class RunObserver implements JobExecutionListener, StepExecutionListener {

	public static final String RUN_ID = "run_id";
	public static final String STREAM = "stream";
	public static final String WORKSPACE_ID = "workspace_id";

	private static final Logger log = LoggerFactory.getLogger(RunObserver.class);
	/** What a run reads back from the gateway: what the last run that pushed left (Prometheus names). */
	static final String IN_A_ROW = PrometheusText.name(SyncMetrics.FAILED_RUNS_IN_A_ROW);
	static final String FINISHED = PrometheusText.name(SyncMetrics.RUN_FINISHED);

	private final RunSummary.Source recorder;
	private final SyncMetrics metrics;
	private final Pushgateway pushgateway;
	private final Reconciler reconciler;
	private final StreamFreshness freshness;
	private final HintLedger hints;
	/** Starts of the runs this one found left STARTED: they ended without reporting. */
	private final List<Instant> unreported = new CopyOnWriteArrayList<>();

	public RunObserver(RunSummary.Source recorder, SyncMetrics metrics, Pushgateway pushgateway,
			Reconciler reconciler, StreamFreshness freshness, HintLedger hints) {
		this.hints = hints;
		this.freshness = freshness;
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
						summary.status().name(), summary.exitCode());
				try {
					metrics.reconciliation(reconciler.mismatches(), List.of());
					metrics.streams(freshness.read());
					boolean hintRun = "hints".equals(summary.kind());
					metrics.hints(hints.latencies(execution.getId()),
							hintRun ? Map.of() : hints.changesWithoutHint(execution.getId()));
				}
				catch (RuntimeException ex) {
					// the metrics are a report; a database that went away shows in the run's own result (and
					// the gateway keeps what the last run pushed of them, so the streams' ages grow)
				}
			}
		}
		finally {
			MDC.remove(RUN_ID);
		}
	}

	/** What the run's upkeep of our webhook subscriptions found: pushed with the run's other metrics at its end. */
	public void webhookUpkeep(Map<String, Long> byOutcome) {
		metrics.webhookUpkeep(byOutcome);
	}

	/**
	 * A run this one found left STARTED by a process that ended without a word (SIGKILL at the memory limit, the JVM's
	 * own out-of-memory exit, a lost node): it counts as a failed run, unless it reported after all ({@code startedAt}
	 * before the end of the last run that pushed).
	 */
	public void unreported(Instant startedAt) {
		unreported.add(startedAt);
	}

	/**
	 * The end of a sync command that got as far as the application, with its exit code (never 4: a run the lock
	 * refused is not a run, and pushes nothing): records its result and pushes the registry (with what the job
	 * recorded at its end: the streams' freshness, the reconciliation) when a Pushgateway is configured; a refresh
	 * ({@code kind}) goes to its own group and leaves the streak alone. Never throws:
	 * the exit code stands whatever happens here.
	 */
	public void ended(int exitCode, String kind) {
		try {
			if (!RunSummary.SYNC.equals(kind)) {
				// a refresh: its own group, no part in the hourly runs' streak or last success
				metrics.endedRefresh(exitCode);
				if (pushgateway.enabled()) {
					pushgateway.push(PrometheusText.render(metrics.registry()), kind);
				}
				return;
			}
			Map<String, Double> previous = pushgateway.previous(Set.of(IN_A_ROW, FINISHED));
			RunResult result = metrics.result();
			long before = previous.containsKey(IN_A_ROW) ? previous.get(IN_A_ROW).longValue() : result.failedInARow();
			Double lastReported = previous.containsKey(FINISHED) ? previous.get(FINISHED) : result.finishedAt();
			metrics.ended(exitCode, RunResult.inARow(exitCode, before, lastReported, unreported));
			unreported.clear();
			if (pushgateway.enabled()) {
				pushgateway.push(PrometheusText.render(metrics.registry()));
			}
		}
		catch (RuntimeException ex) {
			log.warn("the run's metrics were not recorded: {}", ex.toString());
		}
	}

	/**
	 * The end of a sync that failed before the application started (a configuration error, PostgreSQL unreachable or
	 * refusing the login): pushes its result alone, when a Pushgateway is configured, so the alerts see it like any
	 * other run's. The other metrics at the gateway stay as the last run left them.
	 */
	public static void endedWithoutApplication(Environment environment, Clock clock, int exitCode) {
		Pushgateway gateway;
		try {
			gateway = new Pushgateway(environment);
		}
		catch (RuntimeException ex) {
			return; // PUSHGATEWAY_URL itself is the configuration error, said on stderr already
		}
		if (!gateway.enabled()) {
			return;
		}
		MeterRegistry registry = new SimpleMeterRegistry();
		RunResult result = new RunResult(registry);
		Map<String, Double> previous = gateway.previous(Set.of(IN_A_ROW, FINISHED));
		long before = previous.containsKey(IN_A_ROW) ? previous.get(IN_A_ROW).longValue() : 0;
		result.record(exitCode, clock.instant(), RunResult.inARow(exitCode, before, previous.get(FINISHED), List.of()));
		gateway.push(PrometheusText.render(registry));
	}
}
