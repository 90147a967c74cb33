package com.webworksync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every request, in arrival order. A request is recorded just before its response is written, so a
 * client that has its answer can already see it here.
 */
public final class RequestLog {

	private final AtomicLong sequence = new AtomicLong();

	private final ConcurrentSkipListMap<Long, RecordedRequest> entries = new ConcurrentSkipListMap<>();

	public List<RecordedRequest> all() {
		return new ArrayList<>(entries.values());
	}

	public long count() {
		return entries.size();
	}

	public long count(String pathPrefix) {
		return entries.values().stream().filter(r -> r.path().startsWith(pathPrefix)).count();
	}

	public Map<String, Long> countsByPath() {
		Map<String, Long> counts = new TreeMap<>();
		entries.values().forEach(r -> counts.merge(r.path(), 1L, Long::sum));
		return counts;
	}

	public void clear() {
		entries.clear();
	}

	/** Taken when the request arrives, so concurrent requests keep their arrival order. */
	long nextSequence() {
		return sequence.incrementAndGet();
	}

	void record(long sequenceNumber, RecordedRequest request) {
		entries.put(sequenceNumber, request);
	}

}
