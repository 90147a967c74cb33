package com.webworksync.plan;

import java.util.List;

import com.webworksync.streams.Partition;

/**
 * What the planner chose for one stream: the partitions to read in order, and why.
 *
 * @param candidates partitions in the window and backfill range
 * @param changed read because the reports changed (or they were never read)
 * @param verified read to re-verify unchanged ones, oldest read first
 * @param requests expected requests: each partition's page count from the ledger, 1 when unknown
 */
public record StreamPlan(String stream, List<Partition> partitions, int candidates, int changed, int verified,
		long requests) {

	public int skipped() {
		return candidates - partitions.size();
	}
}
