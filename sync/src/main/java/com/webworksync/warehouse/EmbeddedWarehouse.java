package com.webworksync.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The warehouse when WAREHOUSE_URL is not set: a real PostgreSQL (zonky's binaries) whose data
 * stays in a directory between runs, started on first use, or early ({@link #startEarly}) by a command that knows it
 * will need it while its application context starts.
 *
 * <p>The server is not stopped by zonky's own shutdown hook: on SIGTERM that hook would stop it at once, while the run
 * still has its chunk to commit and its books to close (the run hung, then ended 143 instead of 3). The process's
 * one shutdown hook lets the run end first, then calls {@link #closeAllOpen}.
 */
public final class EmbeddedWarehouse implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedWarehouse.class);

	/** Started by {@link #startEarly} and not yet adopted by an application context. */
	private static EmbeddedWarehouse early;
	/** Every warehouse of this process whose server runs: what {@link #closeAllOpen} stops. */
	private static final Set<EmbeddedWarehouse> open = ConcurrentHashMap.newKeySet();

	private final Path directory;
	private final int port;
	private EmbeddedPostgres postgres;
	private boolean announced;
	/** Closed for good: an early start that had not begun yet when its command ended must not begin after. */
	private boolean closed;

	public EmbeddedWarehouse(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Starts a warehouse on a background thread, for the application context about to start to adopt
	 * ({@link #adopt}): {@code plan} and {@code status} overlap the server's start with the context's. A failure is
	 * left to the context's own start, which reports it.
	 */
	public static synchronized void startEarly(Path directory, int port) {
		if (early != null) {
			return;
		}
		EmbeddedWarehouse warehouse = new EmbeddedWarehouse(directory, port);
		early = warehouse;
		Thread thread = new Thread(() -> {
			try {
				warehouse.start();
			}
			catch (RuntimeException ex) {
				// the context's own start tries again and reports it (nothing is logged here: logging is not set up yet)
			}
		}, "warehouse-start");
		thread.setDaemon(true);
		thread.start();
	}

	/** The warehouse started early for this directory and port, else a new one (not started). */
	public static synchronized EmbeddedWarehouse adopt(Path directory, int port) {
		EmbeddedWarehouse warehouse = early;
		early = null;
		if (warehouse != null && warehouse.directory.equals(directory) && warehouse.port == port) {
			return warehouse;
		}
		closeQuietly(warehouse);
		return new EmbeddedWarehouse(directory, port);
	}

	/** Stops a warehouse started early that no context adopted (the command ended before it needed one). */
	public static synchronized void discardEarly() {
		closeQuietly(early);
		early = null;
	}

	private static void closeQuietly(EmbeddedWarehouse warehouse) {
		try {
			if (warehouse != null) {
				warehouse.close();
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("stopping an unused embedded warehouse: {}", ex.getMessage());
		}
	}

	public synchronized String jdbcUrl() {
		start();
		if (!announced) {
			announced = true;
			log.info("embedded warehouse: PostgreSQL on port {} with data in {}", postgres.getPort(),
					directory.toAbsolutePath());
		}
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	private synchronized void start() {
		if (closed) {
			throw new IllegalStateException("the embedded warehouse in " + directory.toAbsolutePath() + " was closed");
		}
		if (postgres == null) {
			try {
				Files.createDirectories(directory);
				postgres = QuietPostgres.discardUnlessDebug(EmbeddedPostgres.builder())
					.setDataDirectory(directory)
					.setCleanDataDirectory(false)
					.setPort(port)
					.setServerConfig("synchronous_commit", "on") // a committed checkpoint must survive a crash
					.setPGStartupWait(Duration.ofSeconds(60))
					.setRegisterShutdownHook(false) // closeAllOpen, after the run (see the class comment)
					.start();
				open.add(this);
			}
			catch (IOException ex) {
				throw new IllegalStateException("could not start the embedded warehouse in " + directory.toAbsolutePath()
						+ " on port " + port + " (" + ex.getMessage() + "); is another run using it? "
						+ "Set WAREHOUSE_EMBEDDED_PORT or WAREHOUSE_URL", ex);
			}
		}
	}

	public synchronized int port() {
		return postgres == null ? port : postgres.getPort();
	}

	public Path directory() {
		return directory;
	}

	@Override
	public synchronized void close() throws IOException {
		closed = true;
		open.remove(this);
		if (postgres != null) {
			postgres.close();
			postgres = null;
		}
	}

	/** Stops every server this process still runs: the last thing its shutdown hook does, once the run has ended. */
	public static void closeAllOpen() {
		discardEarly();
		for (EmbeddedWarehouse warehouse : List.copyOf(open)) {
			closeQuietly(warehouse);
		}
	}
}
