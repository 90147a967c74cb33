package com.webworksync.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.core.env.PropertyResolver;


/**
 * The job's one "now". Every today, window, horizon, deadline and timestamp of the job is read
 * from the {@link Clock} bean this builds, so a test (or a user reproducing what a run did on a
 * given day) can move the whole job to another instant.
 */
public final class Clocks {

	private Clocks() {
	}

	/** The system clock in UTC, or one that started at SYNC_NOW when the process started. */
	public static Clock from(PropertyResolver env) {
		Instant pinned = Variables.NOW.read(env); // SYNC_NOW: an ISO instant; the clock starts there and keeps ticking
		return pinned == null ? Clock.systemUTC() : startingAt(pinned);
	}

	/** A clock that reads {@code start} now and advances with real time from there. */
	public static Clock startingAt(Instant start) {
		Clock system = Clock.systemUTC();
		return Clock.offset(system, Duration.between(system.instant(), start));
	}
}
