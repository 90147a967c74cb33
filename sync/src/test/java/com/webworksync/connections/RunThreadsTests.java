package com.webworksync.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;

/** A thread works for a run while {@link RunThreads#on} binds it, and for none before or after, even when the work fails. */
@Tag("plain")
class RunThreadsTests {

	private final JobExecution run = new JobExecution(7L, new JobInstance(3L, "sync"), new JobParameters());

	@Test
	void aThreadWorksForTheRunOnlyWhileBoundToIt() throws Exception {
		assertThat(RunThreads.inRun()).as("a thread of its own, as plan's").isFalse();

		Long seen = RunThreads.on(run, () -> {
			assertThat(RunThreads.inRun()).isTrue();
			return JobSynchronizationManager.getContext().getJobExecution().getId();
		});

		assertThat(seen).isEqualTo(7L);
		assertThat(RunThreads.inRun()).as("released after the work").isFalse();
	}

	@Test
	void workThatFailsStillReleasesTheThread() {
		assertThatThrownBy(() -> RunThreads.on(run, () -> {
			throw new IllegalStateException("the page could not be read");
		})).hasMessage("the page could not be read");

		assertThat(RunThreads.inRun()).isFalse();
	}
}
