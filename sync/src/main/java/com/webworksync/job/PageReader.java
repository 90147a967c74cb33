package com.webworksync.job;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.webworksync.client.ApiException;
import com.webworksync.client.ApiPage;
import com.webworksync.streams.Catalog;
import com.webworksync.connections.ConnectionRouter;
import com.webworksync.connections.Connections;
import com.webworksync.connections.Pools;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.FetchedPage;
import com.webworksync.warehouse.PlanQueue;
import com.webworksync.warehouse.QueueClaim;
import com.webworksync.warehouse.QueueSession;
import com.webworksync.observe.RunObserver;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/**
 * One connection's worker on a stream: claims the freshest free partition of the stream's plans that its connection
 * reads (its own workspaces, its share of pooled ones, its own workspace list), after any partition a hint arriving
 * during the run names ({@link HintLane}), reads it page by page with the connection's client (its own budget), and
 * hands each page with its queue row to {@link PageWriter}, which commits both together. The checkpoint is the queue
 * row, not this step's ExecutionContext: whichever worker takes a partition over, in this process or another, asks for
 * the page after the last one committed. What a failed page does is decided by {@link ApiErrorPolicy}, carried out by
 * {@link FailedRead}.
 */
final class PageReader implements ItemStreamReader<ClaimedPage>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(PageReader.class);
	/** How long a worker with nothing free waits before it looks again (others hold the rest, and may die). */
	private static final long IDLE_MILLIS = 200;
	private static final Catalog CATALOG = new Catalog();

	private final StreamDef stream;
	private final String connection;
	private final List<Long> plans;
	private final PlanQueue queue;
	private final Connections connections;
	private final ConnectionRouter router;
	private final Pools pools;
	private final RunState runState;
	private final Progress progress;
	private final StopSignals stopSignals;
	private final AtomicInteger done;
	private final HintLane hints;
	private final FailedRead failed;

	private StepExecution stepExecution;
	private QueueSession session;
	private QueueClaim claim;
	private boolean claimFinished;

	PageReader(StreamDef stream, String connection, List<Long> plans, PlanQueue queue, Connections connections,
			ConnectionRouter router, Pools pools, RunState runState, Progress progress, StopSignals stopSignals,
			AtomicInteger done, HintLane hints) {
		this.hints = hints;
		this.failed = new FailedRead(connection, connections, pools, runState);
		this.stream = stream;
		this.connection = connection;
		this.plans = plans;
		this.queue = queue;
		this.connections = connections;
		this.router = router;
		this.pools = pools;
		this.runState = runState;
		this.progress = progress;
		this.stopSignals = stopSignals;
		this.done = done;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void open(ExecutionContext context) {
		try {
			session = queue.session();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot open the worker's session: " + ex.getMessage(), ex);
		}
		stopIfAsked();
	}

	@Override
	public ClaimedPage read() throws Exception {
		try {
			return next();
		}
		catch (OutOfMemoryError error) {
			// a page too large for the heap: end the process here, before Spring Batch records a failed step
			Partition partition = claim == null ? null : claim.partition();
			OutOfMemory.halt(error, partition == null ? "in " + stream.name()
					: "reading GET " + stream.path() + " page " + claim.nextPage() + " (" + stream.name() + ", workspace "
							+ partition.workspaceId() + ", partition " + partition.key() + ")");
			throw error;
		}
	}

	private ClaimedPage next() throws Exception {
		while (true) {
			if (claim != null && (claimFinished || !eligible(claim.partition()))) {
				session.release(claim); // its last page is committed, or this worker left its pool
				claim = null;
			}
			if (runState.disabled(stream.name()) || pools.rejected(connection)) {
				return null;
			}
			if (claim == null) {
				claim = hinted();
				if (claim == null) {
					claim = session.claim(plans, this::eligible);
				}
				claimFinished = false;
				if (claim == null) {
					if (!session.waiting() || stopSignals.requested()) {
						return null; // every partition this worker may read is done (or the run stops: the step sees to it)
					}
					Thread.sleep(IDLE_MILLIS);
					continue;
				}
			}
			Partition partition = claim.partition();
			boolean own = claim.stream().equals(stream.name());
			StreamDef read = own ? stream : CATALOG.get(claim.stream());
			MDC.put(RunObserver.WORKSPACE_ID, Long.toString(partition.workspaceId()));
			ApiPage result;
			try {
				result = connections.client(connection).page(read.path(), partition.params(), claim.nextPage(),
						read.pageSize());
			}
			catch (ApiException failure) {
				if (failed.carryOn(read, own, partition, failure)) {
					if (!own) {
						session.release(claim); // its hint stays open for the next sync --hints
						claim = null;
					}
					continue;
				}
				return null;
			}
			int page = claim.nextPage();
			var row = claim.advance(result.requests());
			claimFinished = result.last();
			progress.pageRead(stream.name(), claimFinished && own ? done.incrementAndGet() : done.get(), result.requests());
			List<JsonNode> items = partition.workspaceId() == 0
					? router.claim(connection, result.items()) : result.items();
			return new ClaimedPage(read,
					new FetchedPage(partition, page, items, result.last(), result.requests(), row.requests()), row);
		}
	}

	/** A partition a hint that arrived during the run names, of whatever stream ({@link HintLane}): before its own. */
	private QueueClaim hinted() {
		if (stopSignals.requested()) {
			return null;
		}
		QueueClaim hinted = session.claim(hints.plans(), this::eligible);
		if (hinted != null && runState.disabled(hinted.stream())) {
			session.release(hinted); // a stream the token may not read: its hint stays open
			return null;
		}
		return hinted;
	}

	/**
	 * This worker reads the partition: its workspace is not failed and this connection is (still) one of its readers;
	 * a workspace list is read by its own connection only.
	 */
	private boolean eligible(Partition partition) {
		long workspace = partition.workspaceId();
		if (workspace == 0) {
			return connection.equals(partition.connection());
		}
		if (runState.failed(workspace)) {
			return false;
		}
		if (pools.pooled(workspace)) {
			return pools.members(workspace).contains(connection);
		}
		return connection.equals(router.connectionOf(partition));
	}

	@Override
	public void update(ExecutionContext context) {
		stopIfAsked();
	}

	/** A deadline or SIGTERM: the worker ends STOPPED at this chunk boundary (Batch checks the flag). */
	private void stopIfAsked() {
		if (stopSignals.requested()) {
			stepExecution.setTerminateOnly();
		}
	}

	@Override
	public void close() {
		if (session != null) {
			try {
				session.close(); // with it go the locks of a partition still held
			}
			catch (SQLException ex) {
				log.debug("closing a worker's session: {}", ex.getMessage());
			}
			session = null;
		}
	}
}
