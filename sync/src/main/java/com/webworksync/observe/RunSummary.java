package com.webworksync.observe;

import java.time.Duration;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;

/**
 * What a finished run did: for its metrics, the summaries of {@code sync} and {@code demo}, and the runner's exit code.
 *
 * @param byStream per stream, the rows it wrote and deleted, its requests and partitions ("upserted", "deleted",
 *        "requests", "partitions"), as {@code sync.runs.rows_by_stream} records them
 * @param duration from {@code sync.runs.started_at} to {@code ended_at}
 * @param kind {@code sync} or {@code refresh}: a refresh's metrics go to a Pushgateway group of their own
 */
public record RunSummary(long runId, BatchStatus status, int exitCode, String error, long requests, long waits,
		long retries, Map<String, Map<String, Long>> byStream, Duration duration, String kind) {

	public static final String SYNC = "sync";

	/** Where the last finished run's summary is kept (the job's recorder); null before any run finished. */
	public interface Source {
		RunSummary last();
	}
}
