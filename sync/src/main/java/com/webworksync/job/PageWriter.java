package com.webworksync.job;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import com.webworksync.warehouse.FetchedPage;
import com.webworksync.plan.ChangeDetector;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.PartitionWriter;
import com.webworksync.warehouse.PlanQueue;
import com.webworksync.streams.Partition;
import com.webworksync.warehouse.ApiValues;
import java.util.function.Function;
import java.time.Clock;
import java.time.ZoneOffset;
import com.webworksync.warehouse.HintLedger;

/**
 * Writes each page through {@link PartitionWriter} (rows, soft deletes, ledger) and then its queue row (the
 * partition's next page and requests, {@link PlanQueue#progress}) and, on a partition's last page, the hints it
 * answers ({@link HintLedger#read}) in the chunk's transaction: a worker killed after
 * the commit is taken over at the next page, one killed before it at this one. Keeps the step's counts in its
 * ExecutionContext, so they survive a restart with the rows they count.
 */
public class PageWriter implements ItemStreamWriter<ClaimedPage>, StepExecutionListener {

	static final String UPSERTED = "rows.upserted";
	static final String DELETED = "rows.deleted";
	static final String REQUESTS = "requests";
	static final String PARTITIONS = "partitions.done";

	private final PartitionWriter writer;
	private final ChangeDetector detector;
	private final PlanQueue queue;
	private final HintLedger hints;
	private final Clock clock;
	/** The connection whose worker this is: with the run, what sync.pool_partitions.worked_by says (never a token). */
	private final String connection;
	private long runId;
	private long upserted;
	private long deleted;
	private long requests;
	private long partitions;

	PageWriter(PartitionWriter writer, ChangeDetector detector, PlanQueue queue, HintLedger hints,
			Clock clock, String connection) {
		this.hints = hints;
		this.clock = clock;
		this.queue = queue;
		this.connection = connection;
		this.writer = writer;
		this.detector = detector;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.runId = stepExecution.getJobExecutionId();
	}

	@Override
	public void open(ExecutionContext context) {
		upserted = context.getLong(UPSERTED, 0);
		deleted = context.getLong(DELETED, 0);
		requests = context.getLong(REQUESTS, 0);
		partitions = context.getLong(PARTITIONS, 0);
	}

	@Override
	public void write(Chunk<? extends ClaimedPage> chunk) {
		for (ClaimedPage claimed : chunk) {
			FetchedPage page = claimed.page();
			StreamDef stream = claimed.stream(); // a hinted partition may be another stream's
			Function<Partition, String> sourceFingerprint = stream
				.changeDetection()
				.enabled() ? p -> detector.fingerprint(stream, p) : p -> null;
			PartitionWriter.Written written;
			try {
				written = writer.write(stream, page, runId, sourceFingerprint);
			}
			catch (OutOfMemoryError error) {
				OutOfMemory.halt(error, "writing " + stream.name() + " page " + page.page() + " (workspace "
						+ page.partition().workspaceId() + ", partition " + page.partition().key() + ")");
				throw error;
			}
			catch (ApiValues.UnexpectedValueException ex) {
				// name the endpoint and the page, so the user can tell which answer was wrong
				throw ex.in("GET " + stream.path() + " (" + stream.name() + ", workspace " + page.partition().workspaceId()
						+ ", partition " + page.partition().key() + ", page " + page.page() + ")");
			}
			queue.progress(claimed.row(), page.last(), "run " + runId + ", connection " + connection);
			upserted += written.upserted();
			deleted += written.deleted();
			requests += page.requests();
			if (page.last()) {
				partitions++;
				// the hints that named this partition: read, and consumed once all theirs are, with these rows
				hints.read(stream.name(), page.partition().workspaceId(), page.partition().key(), runId,
						clock.instant().atOffset(ZoneOffset.UTC));
			}
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(UPSERTED, upserted);
		context.putLong(DELETED, deleted);
		context.putLong(REQUESTS, requests);
		context.putLong(PARTITIONS, partitions);
	}
}
