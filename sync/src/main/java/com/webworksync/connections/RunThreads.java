package com.webworksync.connections;

import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;

/**
 * Which run a thread works for, the one rule the run's job-scoped beans (its state, its pools' membership) rest on:
 * Spring Batch binds the job's own thread to its run; {@code plan} explains a run without one.
 */
public final class RunThreads {

	private RunThreads() {
	}

	/** Whether this thread works for a run. */
	public static boolean inRun() {
		return JobSynchronizationManager.getContext() != null;
	}

	/**
	 * Runs {@code work} on this thread bound to the run, as Spring Batch binds the job's own thread: a worker thread
	 * of a partitioned step is not, and would not reach the run's job-scoped beans.
	 */
	public static <T> T on(JobExecution run, Callable<T> work) throws Exception {
		JobSynchronizationManager.register(run);
		try {
			return work.call();
		}
		finally {
			JobSynchronizationManager.release();
		}
	}
}
