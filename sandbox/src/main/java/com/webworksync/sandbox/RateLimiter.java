package com.webworksync.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A sliding 60-second window of accepted requests per token. Rejected requests do
 * not enter the window, so a client that keeps retrying is not punished further.
 */
final class RateLimiter {

	static final long WINDOW_MILLIS = 60_000;

	/** What the limiter decided, with everything the headers need. */
	record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds, long resetEpochSeconds) {
	}

	private final int limit;

	private final LongSupplier clock;

	private final Map<String, Deque<Long>> windows = new HashMap<>();

	RateLimiter(int perMinute, LongSupplier clockMillis) {
		this.limit = perMinute;
		this.clock = clockMillis;
	}

	boolean unlimited() {
		return limit == 0;
	}

	/** Counts the request when it fits in the window. */
	synchronized Decision acquire(String token) {
		return decide(token, true);
	}

	/** The current state without counting anything (for faults and 401s). */
	synchronized Decision peek(String token) {
		return decide(token, false);
	}

	private Decision decide(String token, boolean consume) {
		if (unlimited()) {
			return new Decision(true, 0, 0, 0, 0);
		}
		long now = clock.getAsLong();
		Deque<Long> window = windows.computeIfAbsent(token, t -> new ArrayDeque<>());
		while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_MILLIS) {
			window.pollFirst();
		}
		if (window.size() < limit) {
			if (consume) {
				window.addLast(now);
			}
			long reset = window.isEmpty() ? now : window.peekFirst() + WINDOW_MILLIS;
			return new Decision(true, limit, limit - window.size(), 0, ceilSeconds(reset));
		}
		long freeAt = window.peekFirst() + WINDOW_MILLIS;
		long retryAfter = Math.max(1, (freeAt - now + 999) / 1000);
		return new Decision(false, limit, 0, retryAfter, ceilSeconds(freeAt));
	}

	private static long ceilSeconds(long millis) {
		return (millis + 999) / 1000;
	}

}
