package com.webworksync.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.core.env.PropertyResolver;


/**
 * The job's one "now". Every today, window, horizon, deadline and timestamp of the job is read
 * from the {@link Clock} bean this builds, so a test (or a user reproducing what a run did on a
 * given day) can move the whole job to another instant.
 */
public final class Clocks {

	/** SYNC_NOW: an ISO instant; the clock starts there and keeps ticking. */
	public static final String NOW_PROPERTY = "sync.now";

	private Clocks() {
	}

	/** The system clock in UTC, or one that started at SYNC_NOW when the process started. */
	public static Clock from(PropertyResolver env) {
		String pinned = env.getProperty(NOW_PROPERTY, "").trim();
		return pinned.isEmpty() ? Clock.systemUTC() : startingAt(parse(pinned));
	}

	/** A clock that reads {@code start} now and advances with real time from there. */
	public static Clock startingAt(Instant start) {
		Clock system = Clock.systemUTC();
		return Clock.offset(system, Duration.between(system.instant(), start));
	}

	private static Instant parse(String text) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new ConfigurationException("SYNC_NOW must be an ISO instant such as 2026-12-01T10:00:00Z, got '" + text + "'");
		}
	}
}
