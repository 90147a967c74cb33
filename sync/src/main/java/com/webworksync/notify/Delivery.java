package com.webworksync.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers a batch within a bound: each attempt gets at most the time left, a failed item is retried after a back-off
 * (250 ms, doubled each round) while the wait ends before the bound, and once the bound is reached what is left stays
 * for the next run. Time is read from a {@link Ticker} and waited through a {@link Sleeper}, so a test can run it on a
 * clock of its own.
 */
public final class Delivery {

	public static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

	/** Elapsed time in nanoseconds (System::nanoTime). */
	public interface Ticker {
		long nanos();
	}

	public interface Sleeper {
		void sleep(Duration duration) throws InterruptedException;
	}

	public enum Result {
		DELIVERED, FAILED,
		/** Not attempted: another process is delivering it, or it was delivered meanwhile. */
		SKIPPED
	}

	public interface Attempt<T> {
		/** One attempt, which must give up within {@code timeout}. */
		Result attempt(T item, Duration timeout);
	}

	/**
	 * @param left items still undelivered (for the next run)
	 * @param boundReached whether it stopped for the bound (not because everything was delivered)
	 */
	public record Report(int delivered, int left, int attempts, boolean boundReached) {
	}

	private Delivery() {
	}

	public static <T> Report deliver(List<T> items, Attempt<T> attempt, Duration bound, Ticker ticker, Sleeper sleeper) {
		long deadline = ticker.nanos() + bound.toNanos();
		List<T> round = items;
		Duration backoff = FIRST_BACKOFF;
		int delivered = 0;
		int attempts = 0;
		boolean boundReached = false;
		while (!round.isEmpty()) {
			List<T> failed = new ArrayList<>();
			for (int i = 0; i < round.size(); i++) {
				long remaining = deadline - ticker.nanos();
				if (remaining <= 0) {
					failed.addAll(round.subList(i, round.size()));
					boundReached = true;
					break;
				}
				attempts++;
				Result result = attempt.attempt(round.get(i), Duration.ofNanos(remaining));
				if (result == Result.DELIVERED) {
					delivered++;
				}
				else if (result == Result.FAILED) {
					failed.add(round.get(i));
				}
			}
			round = failed;
			if (round.isEmpty() || boundReached) {
				break;
			}
			if (deadline - ticker.nanos() <= backoff.toNanos()) {
				boundReached = true; // a retry would start at or past the bound
				break;
			}
			try {
				sleeper.sleep(backoff);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			backoff = backoff.multipliedBy(2);
		}
		return new Report(delivered, round.size(), attempts, boundReached);
	}
}
