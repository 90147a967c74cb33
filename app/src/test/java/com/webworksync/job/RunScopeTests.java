package com.webworksync.job;

import static com.webworksync.schema.sync.Tables.STREAMS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;
import com.webworksync.observe.Pending;
import com.webworksync.observe.RunSummary;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.Fault.Kind;

/**
 * Each run has its own run state (job-scoped {@link RunState}, {@link HintLane}, {@link StopSignals}): a workspace
 * one run failed on permissions, or a stream it disabled, is not inherited by the next run of the same context.
 */
class RunScopeTests {

	@Test
	void aFailedWorkspaceAndADisabledStreamEndWithTheirRun() {
		try (SyncHarness harness = SyncHarness.start(RunChecks.small())) {
			long ws = harness.sandbox().data().workspaceIds().get(0);
			harness.sandbox().faults().inject(Fault.of(Kind.FORBIDDEN).on("/time-entries"));
			harness.sandbox().faults().inject(Fault.of(Kind.NOT_FOUND).on("/leaves/policies"));
			harness.sync();
			RunSummary first = harness.lastRun();
			assertThat(first.exitCode()).isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(harness.bean(RunLeftovers.class).pending(first)).extracting(Pending::what)
				.contains("workspace " + ws + " (none of its streams)", "stream leave_policies");
			assertThat(streamRun(harness, "leave_policies", ws)).as("a disabled stream is not fresh").isNull();

			// the API answers again: the next run in the same context reads both, and owes nothing
			harness.sandbox().faults().clear();
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			RunSummary second = harness.lastRun();
			assertThat(second.runId()).isGreaterThan(first.runId());
			assertThat(harness.bean(RunLeftovers.class).pending(second)).isEmpty();
			assertThat(streamRun(harness, "time_entries", ws)).isEqualTo(second.runId());
			assertThat(streamRun(harness, "leave_policies", ws)).isEqualTo(second.runId());
		}
	}

	/** The run that last completed the stream for the workspace ({@code sync.streams}), or null. */
	private static Long streamRun(SyncHarness harness, String stream, long workspace) {
		return harness.dsl()
			.select(STREAMS.LAST_RUN_ID)
			.from(STREAMS)
			.where(STREAMS.STREAM.eq(stream))
			.and(STREAMS.WORKSPACE_ID.eq(workspace))
			.fetchOne(STREAMS.LAST_RUN_ID);
	}
}
