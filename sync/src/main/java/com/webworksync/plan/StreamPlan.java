package com.webworksync.plan;

/**
 * What the planner chose for one stream: how many partitions it reads, and why (the partitions
 * themselves go to a sink as they are chosen).
 *
 * @param partitions partitions chosen
 * @param candidates partitions in the window and backfill range
 * @param changed read because the reports changed (or they were never read)
 * @param verified read to re-verify unchanged ones, oldest read first
 * @param requests expected requests: each partition's page count from the ledger, 1 when unknown
 * @param swept of the partitions chosen, those of the history sweep (older months re-checked)
 */
public record StreamPlan(String stream, int partitions, int candidates, int changed, int verified,
		long requests, int swept) {

	static StreamPlan none(String stream) {
		return new StreamPlan(stream, 0, 0, 0, 0, 0, 0);
	}

	public int skipped() {
		return candidates - partitions;
	}
}
