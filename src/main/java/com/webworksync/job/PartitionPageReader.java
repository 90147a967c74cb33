package com.webworksync.job;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.webworksync.warehouse.FetchedPage;
import com.webworksync.client.ApiException;
import com.webworksync.client.ApiPage;
import com.webworksync.client.WebWorkClient;
import com.webworksync.plan.Planner;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.PlanStore;
import com.webworksync.connections.ConnectionRouter;

/**
 * Walks a stream's planned partitions and their pages, one page per {@link #read()}. The
 * checkpoint is (partition index, next page), saved with each chunk, so a restarted run asks for
 * the page after the last one committed — never a page twice, never one skipped.
 */
public class PartitionPageReader implements ItemStreamReader<FetchedPage>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(PartitionPageReader.class);
	private static final String INDEX = "partition.index";
	private static final String PAGE = "partition.page";
	private static final String REQUESTS = "partition.requests";

	private final StreamDef stream;
	private final Planner planner;
	private final PlanStore plans;
	private final ConnectionRouter connections;
	private final RunState runState;
	private final Progress progress;
	private final StopSignals stopSignals;

	private StepExecution stepExecution;
	private long jobInstanceId;
	private int planned;
	/** The slice of the plan that holds {@code index}: partitions {@code sliceStart} to {@code sliceStart + slice.size() - 1}. */
	private List<Partition> slice = List.of();
	private int sliceStart;
	private int index;
	private int page;
	private int partitionRequests;

	public PartitionPageReader(StreamDef stream, Planner planner, PlanStore plans, ConnectionRouter connections,
			RunState runState, Progress progress, StopSignals stopSignals) {
		this.stopSignals = stopSignals;
		this.stream = stream;
		this.planner = planner;
		this.plans = plans;
		this.connections = connections;
		this.runState = runState;
		this.progress = progress;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void open(ExecutionContext context) {
		jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		var window = RunParameters.window(stepExecution.getJobExecution().getJobParameters());
		connections.refresh();
		progress.planning(stream.name());
		planned = plans.loadOrCreate(jobInstanceId, stream.name(), sink -> planner.plan(stream, window, sink));
		slice = List.of();
		sliceStart = 0;
		index = context.getInt(INDEX, 0);
		page = context.getInt(PAGE, 1);
		partitionRequests = context.getInt(REQUESTS, 0);
		if (index > 0 || page > 1) {
			log.info("{}: resuming at partition {} of {}, page {}", stream.name(), index + 1, planned, page);
		}
		progress.streamStarted(stream.name(), planned, index);
		stopIfAsked();
	}

	/** A deadline or SIGTERM: the step ends STOPPED at this chunk boundary (Batch checks the flag). */
	private void stopIfAsked() {
		if (stopSignals.requested()) {
			stepExecution.setTerminateOnly();
		}
	}

	@Override
	public FetchedPage read() {
		while (index < planned) {
			Partition partition = partition(index);
			org.slf4j.MDC.put(com.webworksync.observe.RunObserver.WORKSPACE_ID, Long.toString(partition.workspaceId()));
			if (runState.failed(partition.workspaceId()) || runState.disabled(stream.name())) {
				nextPartition();
				continue;
			}
			WebWorkClient client = connections.client(partition);
			if (client == null) {
				// planned by a run whose configuration had this workspace's connection (a restart after a change)
				if (runState.fail(partition.workspaceId(), "workspace " + partition.workspaceId() + " belongs to connection '"
						+ connections.connectionOf(partition) + "', which this process does not sync (WEBWORK_CONNECTIONS, SYNC_SHARD)")) {
					log.error(runState.failure(partition.workspaceId()));
				}
				nextPartition();
				continue;
			}
			ApiPage result;
			try {
				result = client.page(stream.path(), partition.params(), page, stream.pageSize());
			}
			catch (ApiException failure) {
				switch (ApiErrorPolicy.actionFor(failure, stream.optional())) {
					case SKIP_WORKSPACE -> {
						if (runState.fail(partition.workspaceId(), failure.getMessage())) {
							log.error(failure.getMessage());
						}
						nextPartition();
						continue;
					}
					case DROP_TOKEN -> {
						if (!connections.leavePools(partition, (ApiException.Unauthorized) failure)) {
							throw failure; // no other token reads what this one did: exit 2
						}
						nextPartition(); // its workspaces are all pooled: the other members read them
						continue;
					}
					case DISABLE_STREAM -> {
						runState.disable(stream.name());
						log.warn("{}: {}; the stream is skipped in this run", stream.name(), failure.getMessage());
						index = planned;
						return null;
					}
					default -> throw failure;
				}
			}
			partitionRequests += result.requests();
			List<tools.jackson.databind.JsonNode> items = partition.workspaceId() == 0
					? connections.claim(partition.connection(), result.items()) : result.items();
			FetchedPage fetched = new FetchedPage(partition, page, items, result.last(), result.requests(),
					partitionRequests);
			if (result.last()) {
				nextPartition();
			}
			else {
				page++;
			}
			progress.pageRead(stream.name(), index, result.requests());
			return fetched;
		}
		return null;
	}

	private void nextPartition() {
		index++;
		page = 1;
		partitionRequests = 0;
	}

	@Override
	public void update(ExecutionContext context) {
		stopIfAsked();
		context.putInt(INDEX, index);
		context.putInt(PAGE, page);
		context.putInt(REQUESTS, partitionRequests);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		progress.streamEnded(stream.name());
		return stepExecution.getExitStatus();
	}

	/** The plan's partition at {@code i}, read from sync.planned_partitions a slice at a time. */
	private Partition partition(int i) {
		if (i < sliceStart || i >= sliceStart + slice.size()) {
			slice = plans.slice(jobInstanceId, stream.name(), i, PlanStore.SLICE);
			sliceStart = i;
		}
		return slice.get(i - sliceStart);
	}
}
