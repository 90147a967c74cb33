package com.webworksync.job;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import com.webworksync.observe.Pending;
import com.webworksync.observe.RunSummary;
import com.webworksync.plan.Backfill;
import com.webworksync.plan.PlanReport;
import com.webworksync.plan.RunWindow;

/** The history a start date asks for that the warehouse does not hold yet, per workspace, as {@code plan} prices it. */
@Component
public class BackfillLeftovers implements Pending.Source {

	private final Backfill backfill;
	private final JobRepository repository;

	public BackfillLeftovers(Backfill backfill, JobRepository repository) {
		this.backfill = backfill;
		this.repository = repository;
	}

	@Override
	public List<Pending> pending(RunSummary run) {
		RunWindow window = RunParameters.window(repository.getJobExecution(run.runId()).getJobParameters());
		if (window.rereadAll()) {
			return List.of(); // a refresh is about its own range
		}
		List<Pending> pending = new ArrayList<>();
		for (Backfill.Workspace w : backfill.plan(window)) {
			if (w.daysLeft() > 0) {
				pending.add(new Pending("workspace " + w.workspaceId() + ": " + w.daysLeft() + " days of history before "
						+ w.heldFrom() + " (back to the start date " + w.startDate() + ")",
						"the next runs backfill it, a chunk each (~" + w.runsLeft() + " runs, ~" + w.requestsLeft()
								+ " requests, " + PlanReport.format(backfill.eta(w)) + " at the rate); `plan` shows the next chunk"));
			}
		}
		return pending;
	}
}
