package com.webworksync.client;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayDeque;

/**
 * One token's request budget, shared by every stream. Requests are paced evenly (a bucket of
 * one) because the API counts a sliding minute: a burst would be punished with 429s later.
 * The pace is 1% under the limit to absorb network jitter. Server hints slow it down:
 * {@code X-RateLimit-Remaining: 0} waits for the reset, a 429 waits at least {@code Retry-After},
 * and little left that this budget did not spend itself means someone else spends the token.
 */
public final class RequestBudget {

	/** Sleeps; tests may replace it. */
	public interface Sleeper {
		void sleep(long nanos) throws InterruptedException;
	}

	private static final long MINUTE_NANOS = 60_000_000_000L;

	private final long intervalNanos;
	private final Sleeper sleeper;
	private final Clock clock;
	private long nextSlot;
	private long blockedUntil;
	private long waits;
	private long waitedNanos;
	private long pacedNanos;

	/** When this budget's requests of the last minute went out (nanoTime), oldest first. */
	private final ArrayDeque<Long> recent = new ArrayDeque<>();

	/** @param clock wall time, only to read the server's {@code X-RateLimit-Reset} (pacing uses nanoTime) */
	public RequestBudget(int requestsPerMinute, Clock clock) {
		this(requestsPerMinute, TimeUnit.NANOSECONDS::sleep, clock);
	}

	public RequestBudget(int requestsPerMinute, Sleeper sleeper, Clock clock) {
		if (requestsPerMinute <= 0) {
			throw new IllegalArgumentException("requests per minute must be positive");
		}
		this.intervalNanos = (long) (60_000_000_000L / requestsPerMinute * 1.01);
		this.sleeper = sleeper;
		this.clock = clock;
		this.nextSlot = System.nanoTime();
	}

	/** Blocks until the next request may go out. */
	public synchronized void acquire() {
		long now = System.nanoTime();
		long paceWait = nextSlot - now;
		long blockWait = blockedUntil - now;
		long wait = Math.max(paceWait, blockWait);
		if (wait > 0) {
			if (blockWait > 0 && blockWait >= paceWait) {
				waits++;
				waitedNanos += wait;
			}
			else {
				pacedNanos += wait;
			}
			try {
				sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for the request budget", ex);
			}
			now = System.nanoTime();
		}
		nextSlot = Math.max(now, nextSlot) + intervalNanos;
		recent.addLast(now);
		forgetOlderThanAMinute(now);
	}

	private void forgetOlderThanAMinute(long now) {
		while (!recent.isEmpty() && recent.peekFirst() <= now - MINUTE_NANOS) {
			recent.pollFirst();
		}
	}

	/**
	 * The server says how much is left. Less than a quarter of the limit left, when this budget's
	 * own requests of the last minute do not account for it, means someone else spends this token
	 * too: pace slower, up to half speed as it nears zero. (A budget alone at its pace leaves about
	 * 1% of the window: slowing then cut a long run to about 75% of its budget, issue 10.) At zero,
	 * wait for the server's reset (or a safe pause without one).
	 */
	public synchronized void observe(Integer limit, Integer remaining, Long resetEpochSeconds) {
		if (limit != null && remaining != null && remaining > 0 && remaining < limit / 4 && othersSpent(limit, remaining)) {
			int quarter = limit / 4;
			nextSlot += intervalNanos * (quarter - remaining) / quarter;
		}
		if (remaining != null && remaining <= 0) {
			Duration pause = resetEpochSeconds != null
					? Duration.ofSeconds(Math.max(1, resetEpochSeconds - clock.instant().getEpochSecond()))
					: Duration.ofNanos(intervalNanos * 10);
			block(pause.compareTo(Duration.ofSeconds(65)) > 0 ? Duration.ofSeconds(65) : pause);
		}
	}

	/** More of the window used than this budget's own last minute, beyond a little jitter (in-flight requests, clock edges). */
	private boolean othersSpent(int limit, int remaining) {
		forgetOlderThanAMinute(System.nanoTime());
		int theirs = limit - remaining - recent.size();
		return theirs > Math.max(2, limit / 100);
	}

	/** No request before {@code pause} has passed. */
	public synchronized void block(Duration pause) {
		blockedUntil = Math.max(blockedUntil, System.nanoTime() + pause.toNanos());
	}

	public synchronized long waits() {
		return waits;
	}

	public synchronized Duration waited() {
		return Duration.ofNanos(waitedNanos);
	}

	public synchronized Duration paced() {
		return Duration.ofNanos(pacedNanos);
	}

	public Duration interval() {
		return Duration.ofNanos(intervalNanos);
	}
}
