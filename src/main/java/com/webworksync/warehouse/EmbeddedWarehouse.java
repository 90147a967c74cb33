package com.webworksync.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The warehouse when WAREHOUSE_URL is not set: a real PostgreSQL (zonky's binaries) whose data
 * stays in a directory between runs, started on first use.
 */
public final class EmbeddedWarehouse implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedWarehouse.class);

	private final Path directory;
	private final int port;
	private EmbeddedPostgres postgres;

	public EmbeddedWarehouse(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	public synchronized String jdbcUrl() {
		if (postgres == null) {
			try {
				Files.createDirectories(directory);
				QuietPostgres.unlessDebug();
				postgres = EmbeddedPostgres.builder()
					.setDataDirectory(directory)
					.setCleanDataDirectory(false)
					.setPort(port)
					.setServerConfig("synchronous_commit", "on") // a committed checkpoint must survive a crash
					.setPGStartupWait(Duration.ofSeconds(60))
					.start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("could not start the embedded warehouse in " + directory.toAbsolutePath()
						+ " on port " + port + " (" + ex.getMessage() + "); is another run using it? "
						+ "Set WAREHOUSE_EMBEDDED_PORT or WAREHOUSE_URL", ex);
			}
			log.info("embedded warehouse: PostgreSQL on port {} with data in {}", postgres.getPort(),
					directory.toAbsolutePath());
		}
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	public synchronized int port() {
		return postgres == null ? port : postgres.getPort();
	}

	public Path directory() {
		return directory;
	}

	@Override
	public synchronized void close() throws IOException {
		if (postgres != null) {
			postgres.close();
			postgres = null;
		}
	}
}
