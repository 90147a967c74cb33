package com.webworksync.warehouse;

import com.webworksync.streams.Partition;

/** A partition a worker holds (its advisory lock is on the worker's session): its place, and where its read stands. */
public final class QueueClaim {

	private final long planId;
	private final int seq;
	private final String stream;
	private final Partition partition;
	private int nextPage;
	private int requests;

	QueueClaim(long planId, int seq, String stream, Partition partition, int nextPage, int requests) {
		this.planId = planId;
		this.seq = seq;
		this.stream = stream;
		this.partition = partition;
		this.nextPage = nextPage;
		this.requests = requests;
	}

	/** The stream of its plan: the worker's own, or another's for a hinted partition ({@link HintPlans}). */
	public String stream() {
		return stream;
	}

	public Partition partition() {
		return partition;
	}

	public int nextPage() {
		return nextPage;
	}

	public int requests() {
		return requests;
	}

	long planId() {
		return planId;
	}

	int seq() {
		return seq;
	}

	/** A page was read: the next one, and the partition's requests so far; returns the queue row to commit with it. */
	public QueueRow advance(int pageRequests) {
		nextPage++;
		requests += pageRequests;
		return new QueueRow(planId, seq, nextPage, requests);
	}
}
