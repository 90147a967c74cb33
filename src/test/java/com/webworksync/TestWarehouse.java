package com.webworksync;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the tests, one per test JVM: Testcontainers when Docker runs, else an
 * embedded PostgreSQL (zonky). Each caller gets a fresh database in it.
 */
public final class TestWarehouse {

	private static final AtomicInteger DATABASES = new AtomicInteger();
	private static String adminUrl;
	private static String username;
	private static String password;

	private TestWarehouse() {
	}

	/** JDBC URL of a new, empty database. */
	public static synchronized String newDatabase() {
		start();
		String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
		try (Connection connection = DriverManager.getConnection(adminUrl, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not create test database", ex);
		}
		return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
	}

	public static String username() {
		start();
		return username;
	}

	public static String password() {
		start();
		return password;
	}

	private static void start() {
		if (adminUrl != null) {
			return;
		}
		if (DockerClientFactory.instance().isDockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			adminUrl = container.getJdbcUrl();
			username = container.getUsername();
			password = container.getPassword();
			return;
		}
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(0).start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (Exception ignored) {
					// the JVM is going away
				}
			}));
			adminUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
			username = "postgres";
			password = "";
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not start the embedded PostgreSQL for tests", ex);
		}
	}
}
