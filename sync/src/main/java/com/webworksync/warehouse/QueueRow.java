package com.webworksync.warehouse;

/**
 * Where one queued partition's read stands after a page: the row of sync.pool_partitions the page's transaction
 * writes with its rows (the checkpoint).
 *
 * @param planId the plan (sync.pool_plans)
 * @param seq the partition's place in it
 * @param nextPage the page to ask next
 * @param requests requests the partition has taken so far
 */
public record QueueRow(long planId, int seq, int nextPage, int requests) {
}
