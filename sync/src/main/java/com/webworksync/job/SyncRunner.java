package com.webworksync.job;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import com.webworksync.config.Command;
import com.webworksync.observe.RunObserver;
import com.webworksync.observe.RunSummary;
import com.webworksync.connections.Connections;
import com.webworksync.warehouse.WarehouseQueries;
import com.webworksync.config.Settings;
import com.webworksync.privacy.PolicyRewrite;
import com.webworksync.plan.RunWindow;
import com.webworksync.warehouse.PlanQueue;
import com.webworksync.connections.CredentialExpiry;
import com.webworksync.plan.RunWindows;
import com.webworksync.hooks.Subscriptions;
import java.time.Instant;

/**
 * Starts a run the way a CronJob needs it: under the warehouse lock; a run left STARTED by a
 * crash is recovered and, like a FAILED one, restarted from its last checkpoint before anything
 * new begins (Boot's own runner would start a new instance and lose the checkpoint): a failed
 * refresh resumes as the refresh it was. A sync STOPPED at its deadline is followed by a new run
 * that carries its backfill on; a refresh STOPPED is continued only by the same refresh, and
 * dropped by any other command (the next sync does not turn into it).
 */
@Component
public class SyncRunner {

	private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);
	/** A run that failed this often is given up on, so one poisoned run cannot block every later one. */
	private static final int MAX_RESTARTS = 3;

	private final JobOperator operator;
	private final JobRepository repository;
	private final Job job;
	private final DataSource dataSource;
	private final Settings settings;
	private final RunRecorder recorder;
	private final PlanQueue plans;
	private final RunWindows windows;
	private final CredentialExpiry credentials;
	private final Connections connections;
	private final WarehouseQueries warehouse;
	private final RunObserver observer;
	private final PolicyRewrite policyRewrite;
	private final Subscriptions subscriptions;

	public SyncRunner(JobOperator operator, JobRepository repository, Job job, DataSource dataSource, Settings settings,
			RunRecorder recorder, PlanQueue plans, RunWindows windows, CredentialExpiry credentials,
			Connections connections, WarehouseQueries warehouse, RunObserver observer, PolicyRewrite policyRewrite,
			Subscriptions subscriptions) {
		this.policyRewrite = policyRewrite;
		this.subscriptions = subscriptions;
		this.windows = windows;
		this.observer = observer;
		this.connections = connections;
		this.warehouse = warehouse;
		this.credentials = credentials;
		this.plans = plans;
		this.operator = operator;
		this.repository = repository;
		this.job = job;
		this.dataSource = dataSource;
		this.settings = settings;
		this.recorder = recorder;
	}

	/**
	 * Runs (or resumes) a sync and returns the process exit code. Whatever the result, a failure thrown included, its
	 * end is recorded and pushed ({@link RunObserver#ended}), unless the lock was held by another run: not a run
	 * ({@link LockRefused}).
	 */
	public int run(Command command) throws Exception {
		int exit = ExitCodes.FAILED;
		try {
			exit = runLocked(command);
			return exit == LockRefused.SERVED ? ExitCodes.OK : exit;
		}
		catch (Throwable failure) {
			exit = ExitCodes.classify(failure).exitCode();
			throw failure;
		}
		finally {
			if (exit != ExitCodes.LOCKED && exit != LockRefused.SERVED) {
				observer.ended(exit, command.refresh() ? "refresh" : RunSummary.SYNC);
			}
		}
	}

	private int runLocked(Command command) throws Exception {
		try (WarehouseLock lock = WarehouseLock.tryAcquire(dataSource, SyncJobConfiguration.jobName(settings.shard()),
				settings.activeConnections().stream().map(Settings.Connection::name).toList(), true)) {
			if (lock == null) {
				return LockRefused.exit(command, dataSource, settings);
			}
			// OAuth: a valid access token (a rejected refresh token stops here, exit 2); expiry warnings and gauges
			credentials.check();
			// a privacy policy changed: what is stored follows it before anything new is written (docs/privacy.md)
			policyRewrite.apply();
			if (warehouse.anyRunCompleted()) {
				connections.answeredInEarlierRuns(); // see ApiException.WrongAddress
			}
			if (command.refresh()) {
				window(command); // its streams and workspace checked against the warehouse first: exit 2, nothing resumed
			}
			if (command.hints() && !hintsOpen(command)) {
				return ExitCodes.OK;
			}
			JobExecution execution = resumeOrStart(command);
			if (execution.getStatus() == BatchStatus.COMPLETED && !command.hints()) {
				keepSubscriptions();
			}
			RunSummary summary = recorder.last();
			if (summary == null || summary.runId() != execution.getId()) {
				return execution.getStatus() == BatchStatus.COMPLETED ? ExitCodes.OK : ExitCodes.FAILED;
			}
			if (summary.error() != null) {
				log.error(summary.error());
				if (summary.exitCode() != ExitCodes.OK) {
					// the one line on stderr every failing exit gives, as for failures before the run starts
					System.err.println("webwork-sync: " + summary.error());
				}
			}
			return summary.exitCode();
		}
	}

	/** A hint run with nothing to read (no open hint, and no earlier hint run to finish) starts no run. */
	private boolean hintsOpen(Command command) {
		JobInstance last = lastInstance(true);
		JobExecution lastRun = last == null ? null : repository.getLastJobExecution(last);
		if (lastRun != null && lastRun.getStatus() != BatchStatus.COMPLETED && lastRun.getStatus() != BatchStatus.ABANDONED) {
			return true; // an earlier hint run to recover or resume
		}
		if (window(command).hinted()) {
			return true;
		}
		log.info("no open hint: nothing to read");
		return false;
	}

	/**
	 * The last run of the same lineage: hint runs and full runs resume only their own kind, so a hint run never first
	 * resumes a failed full run, and a full run never loses its checkpoint to a hint run started after it.
	 */
	private JobInstance lastInstance(boolean hints) {
		String name = SyncJobConfiguration.jobName(settings.shard());
		for (JobInstance instance : repository.getJobInstances(name, 0, 200)) {
			JobExecution last = repository.getLastJobExecution(instance);
			boolean hintRun = last != null && RunParameters.command(last.getJobParameters()).equals("sync --hints");
			if (hintRun == hints) {
				return instance;
			}
		}
		return null;
	}

	private JobExecution resumeOrStart(Command command) throws Exception {
		JobInstance lastInstance = lastInstance(command.hints());
		JobExecution last = lastInstance == null ? null : repository.getLastJobExecution(lastInstance);
		if (last != null && last.getStatus().isRunning()) {
			// We hold the warehouse lock, so nothing else runs it: it was left behind by a crash.
			log.warn("run {} was left {} by a crash; recovering it", last.getId(), last.getStatus());
			operator.recover(last);
			Instant started = recorder.recovered(last.getId());
			if (started != null) {
				observer.unreported(started);
			}
			last = repository.getJobExecution(last.getId());
		}
		if (last != null && last.getStatus() == BatchStatus.STOPPED) {
			// Stopped at its deadline or by SIGTERM: what it read is in the ledger. Rather than resume
			// its old plan, a new run reads the freshest days first and then the rest of the stopped
			// run's backfill, where change detection skips every partition it completed.
			RunWindow stopped = RunParameters.window(last.getJobParameters());
			String stoppedCommand = RunParameters.command(last.getJobParameters());
			if (stopped.rereadAll() && stoppedCommand.equals(command.text())) {
				// a refresh re-reads every partition: only its own plan knows which it has done
				log.info("run {} ({}) stopped early; continuing it where it stopped", last.getId(), stoppedCommand);
				return operator.restart(last);
			}
			operator.abandon(last);
			plans.forget(lastInstance.getInstanceId());
			if (stopped.rereadAll()) {
				log.warn("run {} ({}) stopped early and is dropped: only the same refresh continues it", last.getId(),
						stoppedCommand);
			}
			else if (command.from() == null && !command.refresh() && stopped.backfillFrom() != null) {
				command = command.withRange(stopped.backfillFrom(), stopped.backfillTo());
				log.info("run {} stopped early; this run reads the freshest days first, then continues its backfill {} to {}",
						last.getId(), stopped.backfillFrom(), stopped.backfillTo());
			}
			return operator.start(job, RunParameters.of(window(command), command.text()));
		}
		if (last != null && last.getStatus() == BatchStatus.FAILED) {
			List<JobExecution> attempts = repository.getJobExecutions(lastInstance)
				.stream()
				.filter(e -> e.getStatus() == BatchStatus.FAILED)
				.toList();
			if (attempts.size() < MAX_RESTARTS) {
				String failed = RunParameters.command(last.getJobParameters());
				log.info("resuming run {} ({}) from its last checkpoint", last.getId(), failed);
				if (command.refresh() && !failed.equals(command.text())) {
					log.warn("this run resumes run {} ({}) and ends: run {} again after it", last.getId(), failed,
							command.text());
				}
				return operator.restart(last);
			}
			log.warn("run {} failed {} times; giving up on it and starting afresh", last.getId(), attempts.size());
			operator.abandon(last);
			plans.forget(lastInstance.getInstanceId());
		}
		return operator.start(job, RunParameters.of(window(command), command.text()));
	}

	/**
	 * WEBWORK_WEBHOOK_URL: one webhook of ours per synced workspace. Hints only speed things up, so a failure here is a
	 * WARN and the run's exit code stays what the run earned; the next run tries again.
	 */
	private void keepSubscriptions() {
		try {
			observer.webhookUpkeep(subscriptions.keep().byOutcome());
		}
		catch (RuntimeException ex) {
			observer.webhookUpkeep(Map.of("failed", 1L));
			log.warn("the webhook subscriptions could not be kept up ({}); the next run tries again",
					ExitCodes.classify(ex).message());
		}
	}

	/** What a new run for {@code command} covers, from now ({@link RunWindows}). */
	public RunWindow window(Command command) {
		return windows.of(command);
	}
}
