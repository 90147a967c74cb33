package com.webworksync.job;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import com.webworksync.config.Settings;

/**
 * Stops a run cleanly at the next chunk boundary — progress saved, the next run continues —
 * when SYNC_DEADLINE is near (counted from the start of the run; give a CronJob's
 * activeDeadlineSeconds a few minutes more for the JVM's start and the final bookkeeping) or when
 * the process gets SIGTERM.
 */
@Component
@JobScope
public class StopSignals implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
	/** The run in progress's signals (each run has its own: job-scoped), for the SIGTERM hook; null between runs. */
	private static volatile StopSignals active;
	private static final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "sync-deadline");
		thread.setDaemon(true);
		return thread;
	});

	private final Duration deadline;
	private volatile JobExecution running;
	private volatile String reason;
	private ScheduledFuture<?> scheduled;

	public StopSignals(Settings settings) {
		this.deadline = settings.deadline();
	}

	/** The signals of the run in progress, for the SIGTERM hook (which lives outside Spring). */
	public static StopSignals active() {
		return active;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		running = execution;
		active = this;
		if (deadline != null) {
			// leave time to finish the chunk in flight and to close the run's books
			Duration margin = Duration.ofMillis(Math.min(30_000, deadline.toMillis() / 10));
			long delay = deadline.minus(margin).toMillis();
			scheduled = timer.schedule(() -> stop("SYNC_DEADLINE (" + deadline.toSeconds() + " s) is near"),
					Math.max(0, delay), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		running = null;
		if (active == this) {
			active = null;
		}
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	/**
	 * Asks the running job to stop at its next chunk boundary; false when nothing runs. The step
	 * thread itself acts on it (see {@link #requested()}), so no other thread updates the run's
	 * records while the step writes them.
	 */
	public boolean stop(String why) {
		JobExecution execution = running;
		if (execution == null || reason != null) {
			return execution != null;
		}
		reason = why;
		log.warn("stopping at the next checkpoint: {}; the next run continues from there", why);
		return true;
	}

	/** Whether the run should stop at its next chunk boundary. */
	public boolean requested() {
		return running != null && reason != null;
	}

	/** Why this run was stopped, or null. */
	public String reason() {
		return reason;
	}
}
