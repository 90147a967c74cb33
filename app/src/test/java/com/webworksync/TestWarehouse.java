package com.webworksync;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the tests, one per test JVM: Testcontainers when Docker runs, else an
 * embedded PostgreSQL (zonky). Each caller gets a fresh database in it: empty, or already migrated
 * (a copy of one the migrations built once per JVM, which is several times faster than migrating
 * each database anew).
 */
public final class TestWarehouse {

	private static final AtomicInteger DATABASES = new AtomicInteger();
	private static String adminUrl;
	private static String username;
	private static String password;
	private static String migratedTemplate;

	private TestWarehouse() {
	}

	/** JDBC URL of a new, empty database. */
	public static synchronized String newDatabase() {
		return createDatabase("");
	}

	/**
	 * JDBC URL of a new database that holds the warehouse schema as the job's start would leave it
	 * on an empty database (and nothing else): a copy of a database {@link #migrate migrated} once
	 * per JVM. The job's own Flyway then finds it up to date.
	 */
	public static synchronized String newMigratedDatabase() {
		if (migratedTemplate == null) {
			String url = newDatabase();
			migrate(url);
			String name = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
			try (Connection connection = DriverManager.getConnection(adminUrl, username, password);
					Statement statement = connection.createStatement()) {
				// a template may have no session while it is copied
				statement.execute("alter database " + name + " with allow_connections false");
				statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
			}
			catch (SQLException ex) {
				throw new IllegalStateException("could not make the migrated template database", ex);
			}
			migratedTemplate = name;
		}
		return createDatabase(" template " + migratedTemplate);
	}

	/** Migrates {@code url} as the job does at start (spring.flyway.* in application.properties): the jar's sql/, the history in schema sync. */
	public static Flyway migrate(String url) {
		Flyway flyway = Flyway.configure()
			.dataSource(url, username(), password())
			.locations("classpath:db/migration")
			.defaultSchema("sync")
			.load();
		flyway.migrate();
		return flyway;
	}

	private static String createDatabase(String options) {
		start();
		String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
		try (Connection connection = DriverManager.getConnection(adminUrl, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name + options);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not create test database", ex);
		}
		return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
	}

	/** A connection to {@code url} as the test superuser (for checks outside the application). */
	public static Connection connect(String url) throws SQLException {
		start();
		return DriverManager.getConnection(url, username, password);
	}

	/**
	 * A superuser role that logs in with {@code password} (created once, its password reset on each
	 * call), and a server that really checks that password for it. The embedded PostgreSQL is
	 * initialised with {@code trust}; for this role only, a rule asking for the password is put
	 * first in pg_hba.conf and the configuration reloaded. Testcontainers' PostgreSQL already asks
	 * every TCP login for a password.
	 */
	public static synchronized void loginRole(String role, String rolePassword) {
		start();
		if (!role.matches("[a-z_][a-z0-9_]*") || rolePassword.contains("'")) {
			throw new IllegalArgumentException("plain role names and passwords only");
		}
		try (Connection connection = DriverManager.getConnection(adminUrl, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("set password_encryption = 'scram-sha-256'");
			try (ResultSet exists = statement.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
				if (!exists.next()) {
					statement.execute("create role " + role + " login superuser");
				}
			}
			statement.execute("alter role " + role + " password '" + rolePassword + "'");
			if (loginWorks(role, rolePassword + "-wrong")) {
				requirePassword(statement, role);
				for (int i = 0; i < 500 && loginWorks(role, rolePassword + "-wrong"); i++) {
					Thread.sleep(10); // the reload is asynchronous
				}
				if (loginWorks(role, rolePassword + "-wrong")) {
					throw new IllegalStateException("PostgreSQL still accepts any password for " + role);
				}
			}
			if (!loginWorks(role, rolePassword)) {
				throw new IllegalStateException("PostgreSQL refuses the right password for " + role);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not set up login role " + role, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void requirePassword(Statement statement, String role) throws SQLException {
		String hba;
		try (ResultSet file = statement.executeQuery("select setting from pg_settings where name = 'hba_file'")) {
			file.next();
			hba = file.getString(1);
		}
		// read first: COPY ... TO truncates the file before its query runs
		StringBuilder lines = new StringBuilder("'host all " + role + " all scram-sha-256'");
		try (ResultSet rows = statement.executeQuery("select line from regexp_split_to_table(pg_read_file('" + hba
				+ "'), E'\\n') as line where line !~ '^\\s*(#|$)'")) {
			while (rows.next()) {
				// tabs as spaces and comments dropped, so COPY's text escaping changes nothing
				lines.append(", '").append(rows.getString(1).replace('\t', ' ').replace("'", "''")).append("'");
			}
		}
		statement.execute("copy (select line from unnest(array[" + lines + "]) with ordinality as l(line, n) order by n) to '"
				+ hba + "'");
		statement.execute("select pg_reload_conf()");
	}

	private static boolean loginWorks(String role, String rolePassword) {
		try (Connection ignored = DriverManager.getConnection(adminUrl, role, rolePassword)) {
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
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

	/** Waits until no other session is connected to that database (a killed child's are gone). */
	public static void awaitNoOtherSessions(String databaseUrl) throws Exception {
		long deadline = System.nanoTime() + 120_000_000_000L;
		try (Connection connection = TestWarehouse.connect(databaseUrl); Statement statement = connection.createStatement()) {
			while (true) {
				try (ResultSet rows = statement.executeQuery("select count(*) from pg_stat_activity "
						+ "where datname = current_database() and pid <> pg_backend_pid()")) {
					rows.next();
					if (rows.getLong(1) == 0) {
						return;
					}
				}
				if (System.nanoTime() > deadline) {
					org.assertj.core.api.Assertions.fail("the killed child's database sessions did not go away");
				}
				Thread.sleep(5);
			}
		}
	}
}
