package com.webworksync.warehouse;

import java.util.Locale;
import java.util.Set;

import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Keeps the embedded PostgreSQL's own output (initdb's steps, the server's LOG lines, start-up
 * timings) out of the console unless debug logging is asked for with
 * {@code logging.level.io.zonky=DEBUG} (or LOGGING_LEVEL_IO_ZONKY=DEBUG). Needed where the server
 * starts before Spring Boot has applied its logging levels (the bench), and harmless after.
 */
public final class QuietPostgres {

	private static final String LOGGER = "io.zonky";
	private static final Set<String> DEBUG = Set.of("DEBUG", "TRACE", "ALL");

	private QuietPostgres() {
	}

	/** Call before {@code EmbeddedPostgres.builder()…start()}. */
	public static void unlessDebug() {
		if (!debug() && LoggerFactory.getLogger(LOGGER) instanceof ch.qos.logback.classic.Logger logger) {
			logger.setLevel(ch.qos.logback.classic.Level.WARN);
		}
	}

	/**
	 * The server's output not even handed to the logger unless debug logging is asked for: a server started while
	 * Spring Boot sets logging up (plan and status start it early) would otherwise print in the moment Boot has reset
	 * the levels and not yet applied {@code logging.level.io.zonky}.
	 */
	public static EmbeddedPostgres.Builder discardUnlessDebug(EmbeddedPostgres.Builder builder) {
		unlessDebug();
		return debug() ? builder
				: builder.setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
					.setErrorRedirector(ProcessBuilder.Redirect.DISCARD);
	}

	private static boolean debug() {
		String asked = System.getProperty("logging.level.io.zonky", System.getenv("LOGGING_LEVEL_IO_ZONKY"));
		return asked != null && DEBUG.contains(asked.trim().toUpperCase(Locale.ROOT));
	}
}
