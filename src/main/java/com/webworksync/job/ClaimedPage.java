package com.webworksync.job;

import com.webworksync.warehouse.FetchedPage;
import com.webworksync.warehouse.QueueRow;

/**
 * A page as the reader hands it to the writer: the page, and the queue row (its partition's next page and requests)
 * that commits with its rows.
 */
record ClaimedPage(FetchedPage page, QueueRow row) {
}
