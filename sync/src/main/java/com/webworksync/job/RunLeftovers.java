package com.webworksync.job;

import static com.webworksync.schema.sync.Tables.POOL_PARTITIONS;
import static com.webworksync.schema.sync.Tables.POOL_PLANS;
import static org.jooq.impl.DSL.count;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import com.webworksync.observe.Pending;
import com.webworksync.observe.RunSummary;
import com.webworksync.plan.RunWindow;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;

/**
 * What a run itself left out, for the summary at the end of {@code sync}: the workspaces it could not read (the token's
 * role, an id it cannot see; see {@link WorkspaceAccess} and {@link ApiErrorPolicy}), the optional streams the server
 * does not offer, and the rest of the plan of a run that stopped (deadline, SIGTERM) or failed.
 */
@Component
public class RunLeftovers implements Pending.Source {

	/** Keeps what the last run left out: its run state ended with it. */
	private final RunRecorder recorder;
	private final JobRepository repository;
	private final DSLContext ctx;
	private final Catalog catalog;

	public RunLeftovers(RunRecorder recorder, JobRepository repository, DSLContext ctx, Catalog catalog) {
		this.recorder = recorder;
		this.repository = repository;
		this.ctx = ctx;
		this.catalog = catalog;
	}

	@Override
	public List<Pending> pending(RunSummary run) {
		List<Pending> pending = new ArrayList<>();
		RunState.Left left = recorder.left();
		if (left == null || left.runId() != run.runId()) {
			left = new RunState.Left(run.runId(), Map.of(), Set.of(), null);
		}
		new TreeMap<>(left.failures()).forEach((workspace, message) -> {
			// the message names the cause and the fix, as the log line and the one line on stderr do
			String prefix = "workspace " + workspace + ": ";
			pending.add(new Pending("workspace " + workspace + " (none of its streams)",
					message.startsWith(prefix) ? message.substring(prefix.length()) : message));
		});
		left.disabledStreams().stream().sorted().forEach(stream -> pending.add(new Pending("stream " + stream,
				"this server answers 404 on " + catalog.get(stream).path() + " (an optional endpoint), so runs skip it: "
						+ "nothing to fix unless your WebWork server should offer it; leave it out of SYNC_STREAMS to stop asking")));
		if (run.status() == BatchStatus.STOPPED || run.status() == BatchStatus.FAILED) {
			JobExecution execution = repository.getJobExecution(run.runId());
			if (execution != null) {
				restOfPlan(run, execution, left.stopReason()).ifPresent(pending::add);
			}
		}
		return pending;
	}

	/** The partitions still open in the run's plans, and the streams it did not get to. */
	private Optional<Pending> restOfPlan(RunSummary run, JobExecution execution, String reason) {
		Map<String, Integer> open = ctx.select(POOL_PLANS.STREAM, count())
			.from(POOL_PARTITIONS)
			.join(POOL_PLANS)
			.on(POOL_PLANS.PLAN_ID.eq(POOL_PARTITIONS.PLAN_ID))
			.where(POOL_PLANS.JOB_INSTANCE_ID.eq(execution.getJobInstance().getInstanceId()))
			.and(POOL_PLANS.CLOSED_AT.isNull())
			.and(POOL_PLANS.HINTS.isFalse())
			.and(POOL_PARTITIONS.DONE.isFalse())
			.groupBy(POOL_PLANS.STREAM)
			.fetchMap(POOL_PLANS.STREAM, count());
		RunWindow window = RunParameters.window(execution.getJobParameters());
		List<String> left = new ArrayList<>();
		List<String> notStarted = new ArrayList<>();
		for (StreamDef stream : catalog.all()) {
			if (open.containsKey(stream.name())) {
				int partitions = open.get(stream.name());
				left.add(stream.name() + " " + partitions + (partitions == 1 ? " partition" : " partitions"));
			}
			else if (window.includes(stream) && !run.byStream().containsKey(stream.name())) {
				notStarted.add(stream.name());
			}
		}
		if (left.isEmpty() && notStarted.isEmpty()) {
			return Optional.empty();
		}
		String what = "the rest of run " + run.runId() + "'s plan: " + (left.isEmpty() ? "" : String.join(", ", left))
				+ (left.isEmpty() || notStarted.isEmpty() ? "" : "; ")
				+ (notStarted.isEmpty() ? "" : "not started: " + String.join(", ", notStarted));
		String backfill = window.backfillFrom() == null ? ""
				: " of its backfill " + window.backfillFrom() + " to " + window.backfillTo();
		if (run.status() == BatchStatus.FAILED) {
			return Optional.of(new Pending(what, "fix what the error names (or wait for the API), then `sync`: "
					+ "it resumes this run from its last checkpoint"));
		}
		return Optional.of(new Pending(what, "`sync` continues it: the next run reads the freshest days first, "
				+ "then the rest" + backfill + (reason != null && reason.startsWith("SYNC_DEADLINE")
						? "; this run stopped at " + reason.replace(" is near", "") + ": a longer SYNC_DEADLINE lets one run finish"
						: "")));
	}
}
