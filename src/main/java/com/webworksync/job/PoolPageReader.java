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

import com.webworksync.warehouse.FetchedPage;
import com.webworksync.connections.Connections;
import com.webworksync.client.ApiException;
import com.webworksync.client.ApiPage;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.PoolQueue;
import com.webworksync.connections.ConnectionRouter;
import com.webworksync.connections.Pools;

/**
 * One pooled token's worker: claims the freshest free partition of the stream's shared plans that its connection
 * may read, reads it page by page with the connection's own client (its own budget), and hands each page to
 * {@link PoolPageWriter}, which commits the page's rows and the partition's next page together. The checkpoint is
 * the queue, not this step's ExecutionContext: whichever worker takes a partition over, in this process or another,
 * asks for the page after the last one committed.
 */
final class PoolPageReader implements ItemStreamReader<FetchedPage>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(PoolPageReader.class);
	/** How long a worker with nothing free waits before it looks again (others hold the rest, and may die). */
	private static final long IDLE_MILLIS = 200;

	private final StreamDef stream;
	private final String connection;
	private final List<Long> plans;
	private final PoolQueue queue;
	private final Connections connections;
	private final ConnectionRouter router;
	private final Pools pools;
	private final RunState runState;
	private final Progress progress;
	private final StopSignals stopSignals;
	private final AtomicInteger done;

	private StepExecution stepExecution;
	private PoolQueue.Session session;
	private PoolQueue.Claim claim;
	private boolean claimFinished;

	PoolPageReader(StreamDef stream, String connection, List<Long> plans, PoolQueue queue, Connections connections,
			ConnectionRouter router, Pools pools, RunState runState, Progress progress, StopSignals stopSignals,
			AtomicInteger done) {
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

	/** The claimed partition, for the writer (same thread, same chunk). */
	PoolQueue.Claim claim() {
		return claim;
	}

	String worker() {
		return "run " + stepExecution.getJobExecutionId() + ", connection " + connection;
	}

	@Override
	public FetchedPage read() throws Exception {
		while (true) {
			if (claim != null && (claimFinished || !eligible(claim.partition().workspaceId()))) {
				session.release(claim); // its last page is committed, or this worker left its pool
				claim = null;
			}
			if (runState.disabled(stream.name()) || pools.rejected(connection)) {
				return null;
			}
			if (claim == null) {
				claim = session.claim(plans, this::eligible);
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
			org.slf4j.MDC.put(com.webworksync.observe.RunObserver.WORKSPACE_ID, Long.toString(partition.workspaceId()));
			ApiPage result;
			try {
				result = connections.client(connection).page(stream.path(), partition.params(), claim.nextPage(),
						stream.pageSize());
			}
			catch (ApiException failure) {
				switch (ApiErrorPolicy.actionFor(failure, stream.optional())) {
					case SKIP_WORKSPACE -> {
						refused(partition, failure);
						continue;
					}
					case DROP_TOKEN -> {
						pools.reject(connection, failure.getMessage());
						if (!pools.pooled(partition.workspaceId()) || pools.members(partition.workspaceId()).isEmpty()) {
							throw failure; // no token left for it: exit 2, as without pools
						}
						continue;
					}
					case DISABLE_STREAM -> {
						if (!runState.disabled(stream.name())) {
							runState.disable(stream.name());
							log.warn("{}: {}; the stream is skipped in this run", stream.name(), failure.getMessage());
						}
						return null;
					}
					default -> throw failure;
				}
			}
			int page = claim.nextPage();
			claim.advance(result.requests());
			claimFinished = result.last();
			if (claimFinished) {
				progress.pageRead(stream.name(), done.incrementAndGet(), result.requests());
			}
			else {
				progress.pageRead(stream.name(), done.get(), result.requests());
			}
			return new FetchedPage(partition, page, result.items(), result.last(), result.requests(), claim.requests());
		}
	}

	/** A 403: the worker leaves that workspace's pool; with no member left the workspace fails, as without pools. */
	private void refused(Partition partition, ApiException ex) {
		long workspace = partition.workspaceId();
		if (pools.pooled(workspace)) {
			pools.leave(connection, workspace, ex.getMessage());
			if (!pools.members(workspace).isEmpty()) {
				return;
			}
		}
		if (runState.fail(workspace, ex.getMessage())) {
			log.error(ex.getMessage());
		}
	}

	/** This worker may read the workspace: it is not failed, and this connection is (still) one of its readers. */
	private boolean eligible(long workspace) {
		if (runState.failed(workspace)) {
			return false;
		}
		if (pools.pooled(workspace)) {
			return pools.members(workspace).contains(connection);
		}
		return connection.equals(router.connectionOf(Partition.of(workspace, "all")));
	}

	@Override
	public void update(ExecutionContext context) {
		stopIfAsked();
	}

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
