package com.webworksync.job;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import com.webworksync.warehouse.FetchedPage;
import com.webworksync.warehouse.PoolQueue;

/**
 * A pooled worker's writer: the page through {@link PageWriter} (rows, soft deletes, ledger), then where the
 * partition's read stands in the shared queue, in the same transaction: a worker killed after the commit is taken
 * over at the next page, one killed before it at this one.
 */
final class PoolPageWriter implements ItemStreamWriter<FetchedPage> {

	private final PageWriter pages;
	private final PoolPageReader reader;
	private final PoolQueue queue;

	PoolPageWriter(PageWriter pages, PoolPageReader reader, PoolQueue queue) {
		this.pages = pages;
		this.reader = reader;
		this.queue = queue;
	}

	@Override
	public void write(Chunk<? extends FetchedPage> chunk) {
		pages.write(chunk);
		for (FetchedPage page : chunk) {
			queue.progress(reader.claim(), page.last(), reader.worker());
		}
	}

	@Override
	public void open(ExecutionContext context) {
		pages.open(context);
	}

	@Override
	public void update(ExecutionContext context) {
		pages.update(context);
	}
}
