package com.webworksync.job;

import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.FetchedPage;
import com.webworksync.warehouse.QueueRow;

/**
 * A page as the reader hands it to the writer: its stream (the worker's own, or another's for a hinted partition), the
 * page, and the queue row (its partition's next page and requests) that commits with its rows.
 */
record ClaimedPage(StreamDef stream, FetchedPage page, QueueRow row) {
}
