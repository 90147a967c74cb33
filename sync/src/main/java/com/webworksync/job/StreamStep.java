package com.webworksync.job;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import com.webworksync.connections.Connections;
import com.webworksync.observe.RunObserver;
import com.webworksync.plan.ChangeDetector;
import com.webworksync.plan.Planner;
import com.webworksync.warehouse.HintLedger;
import java.time.Clock;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.PartitionWriter;
import com.webworksync.warehouse.PlanQueue;
import com.webworksync.connections.ConnectionRouter;
import com.webworksync.connections.Pools;
import com.webworksync.connections.RunThreads;
import java.util.HashSet;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The step of every stream, whatever the configuration: a Spring Batch partitioned step whose workers are the
 * connections of this process, one thread and one budget each (a run without pools is a pool of one connection per
 * workspace). The manager plans the stream into the plan queue (or joins the plan a restart or another run made), runs
 * the workers side by side until every partition they may read is done, and closes the finished plans. Spring Batch
 * keeps the step executions (a failed worker is restarted with the job); the queue keeps where each partition stands.
 */
@Component
public class StreamStep {

	private final JobRepository repository;
	private final PlatformTransactionManager transactions;
	private final Planner planner;
	private final PlanQueue queue;
	private final Connections connections;
	private final ConnectionRouter router;
	private final Pools pools;
	private final RunState runState;
	private final Progress progress;
	private final StopSignals stopSignals;
	private final PartitionWriter writer;
	private final ChangeDetector detector;
	private final RunObserver observer;
	private final HintLedger hints;
	private final HintLane lane;
	private final Clock clock;

	public StreamStep(JobRepository repository, PlatformTransactionManager transactions, Planner planner, PlanQueue queue,
			Connections connections, ConnectionRouter router, Pools pools, RunState runState, Progress progress,
			StopSignals stopSignals, PartitionWriter writer, ChangeDetector detector, RunObserver observer,
			HintLedger hints, HintLane lane, Clock clock) {
		this.hints = hints;
		this.lane = lane;
		this.clock = clock;
		this.repository = repository;
		this.transactions = transactions;
		this.planner = planner;
		this.queue = queue;
		this.connections = connections;
		this.router = router;
		this.pools = pools;
		this.runState = runState;
		this.progress = progress;
		this.stopSignals = stopSignals;
		this.writer = writer;
		this.detector = detector;
		this.observer = observer;
	}

	/** The step of {@code stream}, named after it; its workers are {@code <stream>:<connection>}. */
	public Step build(StreamDef stream) {
		List<String> workers = connections.names();
		return new StepBuilder(stream.name(), repository).partitioner(stream.name(), grid -> {
			Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
			workers.forEach(name -> contexts.put(name, new ExecutionContext(Map.of(CONNECTION, name))));
			return contexts;
		}).partitionHandler(new Handler(stream, workers.size())).listener((StepExecutionListener) observer).build();
	}

	private static final String CONNECTION = "pool.connection";

	private final class Handler implements PartitionHandler {

		private final StreamDef stream;
		private final int gridSize;

		Handler(StreamDef stream, int gridSize) {
			this.stream = stream;
			this.gridSize = gridSize;
		}

		@Override
		public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
			try {
				return plannedAndRead(splitter, manager);
			}
			catch (OutOfMemoryError error) {
				OutOfMemory.halt(error, "in " + stream.name()); // planning it: Spring Batch would record a failed step
				throw error;
			}
		}

		private Collection<StepExecution> plannedAndRead(StepExecutionSplitter splitter, StepExecution manager)
				throws Exception {
			var job = manager.getJobExecution();
			var window = RunParameters.window(job.getJobParameters());
			router.refresh();
			progress.planning(stream.name());
			try (PlanQueue.Planning planning = queue.planOrJoin(stream.name(), job.getJobInstance().getInstanceId(),
					job.getId(), sink -> planner.plan(stream, window, sink), this::workable)) {
				List<Long> plans = planning.plans();
				unreadable(planning);
				PlanQueue.Counts counts = queue.counts(plans);
				progress.streamStarted(stream.name(), counts.partitions(), counts.done());
				AtomicInteger done = new AtomicInteger(counts.done());
				Set<StepExecution> splits = splitter.split(manager, gridSize);
				Map<String, String> mdc = MDC.getCopyOfContextMap();
				ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, splits.size()), r -> {
					Thread thread = new Thread(r, "worker-" + stream.name());
					thread.setDaemon(true);
					return thread;
				});
				try {
					List<Future<?>> running = new ArrayList<>();
					for (StepExecution split : splits) {
						Step worker = worker(split.getExecutionContext().getString(CONNECTION), plans, done, split.getStepName());
						running.add(threads.submit(() -> {
							if (mdc != null) {
								MDC.setContextMap(mdc);
							}
							try {
								// the run's job-scoped beans, from this thread
								RunThreads.on(job, () -> {
									worker.execute(split);
									return null;
								});
							}
							catch (OutOfMemoryError error) {
								OutOfMemory.halt(error, "in " + split.getStepName());
							}
							// what Spring Batch caught and recorded: an OutOfMemoryError ends the process now
							split.getFailureExceptions().forEach(f -> OutOfMemory.haltIfCause(f, "in " + split.getStepName()));
							return null;
						}));
					}
					for (Future<?> future : running) {
						future.get();
					}
				}
				finally {
					threads.shutdownNow();
				}
				int open = queue.closeFinished(plans);
				Set<Long> workspaces = new HashSet<>(planning.workspaces().values());
				if (workspaces.size() == 1 && !workspaces.contains(0L)) {
					// the stream's "done" line names its workspace when it read one (the workers log on their own threads)
					MDC.put(RunObserver.WORKSPACE_ID, Long.toString(workspaces.iterator().next()));
				}
				boolean failed = splits.stream().anyMatch(split -> !split.getFailureExceptions().isEmpty());
				boolean stopped = open > 0 && stopSignals.requested();
				progress.streamEnded(stream.name(), failed ? "failed" : stopped ? "stopped" : "done");
				for (StepExecution split : splits) {
					for (Throwable failure : split.getFailureExceptions()) {
						// the step fails with the worker's own failure (the page it could not read), which says why
						throw failure instanceof Exception ex ? ex : new IllegalStateException(failure);
					}
				}
				if (stopped) {
					// the rest of the plan stays in the queue: the next run (or another pod) carries it on
					throw new JobInterruptedException(stream.name() + ": stopped with " + open + " plan(s) open");
				}
				return splits;
			}
		}

		private boolean workable(long workspace) {
			return StreamStep.workable(pools, router, workspace);
		}

		/**
		 * A restart's own plan of a workspace no connection of this process reads any more (the configuration changed):
		 * the workspace fails with a line that says so, as a workspace the token may not read does.
		 */
		private void unreadable(PlanQueue.Planning planning) {
			for (long workspace : new TreeSet<>(planning.workspaces().values())) {
				if (workspace != 0 && !pools.pooled(workspace) && !runState.failed(workspace) && !workable(workspace)) {
					Partition any = Partition.of(workspace, "all");
					if (runState.fail(workspace, "workspace " + workspace + " belongs to connection '" + router.connectionOf(any)
							+ "', which this process does not sync (WEBWORK_CONNECTIONS, SYNC_SHARD)")) {
						LoggerFactory.getLogger(StreamStep.class).error(runState.failure(workspace));
					}
				}
			}
		}

		private Step worker(String connection, List<Long> plans, AtomicInteger done, String name) {
			PageReader reader = new PageReader(stream, connection, plans, queue, connections, router, pools, runState,
					progress, stopSignals, done, lane);
			PageWriter pages = new PageWriter(writer, detector, queue, hints, clock, connection);
			return new StepBuilder(name, repository).<ClaimedPage, ClaimedPage>chunk(1)
				.transactionManager(transactions)
				.reader(reader)
				.writer(pages)
				.listener(reader)
				.listener(pages)
				.build();
		}
	}

	/** A workspace this process can help with: pooled with a member here, or its own connection's (0: its lists). */
	static boolean workable(Pools pools, ConnectionRouter router, long workspace) {
		return workspace == 0 || (pools.pooled(workspace) ? !pools.members(workspace).isEmpty()
				: router.client(Partition.of(workspace, "all")) != null);
	}

	/** Step names of a stream's workers carry the stream before the colon. */
	static String streamOf(String stepName) {
		int colon = stepName.indexOf(':');
		return colon < 0 ? stepName : stepName.substring(0, colon);
	}

	static boolean isWorker(String stepName) {
		return stepName.indexOf(':') >= 0;
	}
}
