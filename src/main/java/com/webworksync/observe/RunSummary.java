package com.webworksync.observe;

import java.util.Map;

import org.springframework.batch.core.BatchStatus;

/**
 * What a finished run did: for its metrics, the demo's summary and the runner's exit code.
 *
 * @param byStream per stream, the rows it wrote and deleted ("upserted", "deleted")
 * @param kind {@code sync} or {@code refresh}: a refresh's metrics go to a Pushgateway group of their own
 */
public record RunSummary(long runId, BatchStatus status, int exitCode, String error, long requests, long waits,
		long retries, Map<String, Map<String, Long>> byStream, String kind) {

	public static final String SYNC = "sync";

	/** Where the last finished run's summary is kept (the job's recorder); null before any run finished. */
	public interface Source {
		RunSummary last();
	}
}
