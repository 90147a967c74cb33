package com.webworksync.warehouse;

import java.util.List;

import com.webworksync.streams.Partition;

import tools.jackson.databind.JsonNode;

/**
 * One page as the reader hands it to the writer (a chunk is one page: one request, one
 * transaction, one checkpoint).
 *
 * @param requests requests this page took
 * @param partitionRequests requests the partition has taken so far, this page included
 */
public record FetchedPage(Partition partition, int page, List<JsonNode> items, boolean last, int requests,
		int partitionRequests) {
}
