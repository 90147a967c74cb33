package com.webworksync.job;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.webworksync.connections.ConnectionRouter;
import com.webworksync.connections.Pools;
import com.webworksync.plan.Hints;
import com.webworksync.plan.RunWindow;
import com.webworksync.warehouse.HintLedger;
import com.webworksync.warehouse.HintPlans;
import com.webworksync.warehouse.PlanQueue;

/**
 * A running run serves the hints that arrive while it runs, between its partitions: another way to fill its plan,
 * not a second read path. Before each claim, a worker asks here for the hint plans ({@link HintPlans}); when a hint
 * arrived since the last look (or {@link #RECHECK} passed, for one that committed behind a newer one), the open hints
 * it has not taken yet are claimed ({@link Hints#arrived}) and their partitions queued in the hint plans, which every
 * worker claims from before its own plans, whatever its stream. So the budget stays in this one process, and a hinted
 * partition is read, written, checkpointed and consumes its hint as any other. A hint run takes the hints after the
 * ones its own plan names.
 */
@Component
@JobScope
public class HintLane implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(HintLane.class);
	/** How often the open hints are looked at even when no newer one arrived. */
	static final Duration RECHECK = Duration.ofSeconds(10);

	private final PlanQueue queue;
	private final Hints hints;
	private final HintLedger ledger;
	private final Pools pools;
	private final ConnectionRouter router;
	private final Clock clock;
	private final TransactionTemplate ownTransaction;

	// one lane per run (job-scoped): what it took and when it last looked start afresh with each run
	private HintPlans plans;
	private final Set<Long> taken = new HashSet<>();
	private long newest = -1;
	private Instant checked;

	public HintLane(PlanQueue queue, Hints hints, HintLedger ledger, Pools pools, ConnectionRouter router, Clock clock,
			PlatformTransactionManager transactions) {
		this.queue = queue;
		this.hints = hints;
		this.ledger = ledger;
		this.pools = pools;
		this.router = router;
		this.clock = clock;
		this.ownTransaction = new TransactionTemplate(transactions);
		ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public synchronized void beforeJob(JobExecution execution) {
		RunWindow window = RunParameters.window(execution.getJobParameters());
		if (window.hinted()) {
			ledger.open(window.hintsUpTo()).forEach(hint -> taken.add(hint.id())); // the hint run's own plan
		}
		try {
			plans = queue.hintPlans(execution.getJobInstance().getInstanceId(), execution.getId());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot open the run's hint plans: " + ex.getMessage(), ex);
		}
	}

	@Override
	public synchronized void afterJob(JobExecution execution) {
		if (plans != null) {
			try {
				plans.close();
			}
			catch (SQLException ex) {
				log.debug("closing the hint plans: {}", ex.getMessage());
			}
			plans = null;
		}
	}

	/** The hint plans, after taking the hints that arrived: claimed before the worker's own plans. */
	synchronized List<Long> plans() {
		if (plans == null) {
			return List.of();
		}
		long last = ledger.newest();
		Instant now = clock.instant();
		if (last != newest || checked == null || !now.isBefore(checked.plus(RECHECK))) {
			newest = last;
			checked = now;
			// committed on their own: what the claims and the queue say holds whatever becomes of the caller's chunk
			ownTransaction.executeWithoutResult(status -> take());
		}
		return plans.plans();
	}

	private void take() {
		Hints.Arrived arrived = hints.arrived(taken, workspace -> StreamStep.workable(pools, router, workspace));
		taken.addAll(arrived.hints());
		Map<String, List<Hints.Named>> byPlan = new LinkedHashMap<>();
		arrived.partitions()
			.forEach(named -> byPlan.computeIfAbsent(named.stream() + "@" + named.partition().workspaceId(),
					k -> new ArrayList<>()).add(named));
		byPlan.values()
			.forEach(named -> plans.add(named.get(0).stream(), named.get(0).partition().workspaceId(),
					named.stream().map(Hints.Named::partition).toList()));
		if (!arrived.partitions().isEmpty()) {
			log.info("hints: {} partitions named by {} new hint(s), read ahead of this run's own", arrived.partitions().size(),
					arrived.hints().size());
		}
	}
}
