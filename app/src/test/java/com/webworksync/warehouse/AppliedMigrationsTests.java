package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.webworksync.FreePort;
import com.webworksync.TestWarehouse;
import com.webworksync.WebworkSyncApplication;
import com.webworksync.job.ExitCodes;

/**
 * plan and status skip Flyway only on a warehouse that has exactly the jar's migrations: one that is behind (an
 * upgrade) or ahead (a downgrade), has a failed migration or no history, or cannot be reached gets Flyway as before,
 * which migrates, validates and reports.
 */
@ExtendWith(OutputCaptureExtension.class)
class AppliedMigrationsTests {

	/** As application.properties configures Flyway. */
	private static final String LOCATIONS = "classpath:db/migration";

	@Test
	void theJarsVersionsAreTheVersionedScriptsOfSql() throws IOException {
		Set<String> files = new TreeSet<>();
		try (Stream<Path> sql = Files.list(Path.of("sql"))) {
			sql.map(p -> p.getFileName().toString())
				.filter(name -> name.matches("V.*__.*\\.sql"))
				.forEach(name -> files.add(AppliedMigrations.version(name.substring(1, name.indexOf("__")))));
		}
		assertThat(files).hasSizeGreaterThan(25);
		assertThat(AppliedMigrations.inJar(LOCATIONS)).isEqualTo(files);
		assertThat(AppliedMigrations.version("1_2")).isEqualTo(AppliedMigrations.version("1.2")).isEqualTo("1.2");
		assertThat(AppliedMigrations.version("7.0")).isEqualTo("7");
		assertThat(AppliedMigrations.version("10")).isEqualTo("10");
	}

	@Test
	void onlyAWarehouseWithExactlyTheJarsMigrationsIsCurrent() throws Exception {
		assertThat(current(TestWarehouse.newDatabase())).as("no history at all").isFalse();
		String migrated = TestWarehouse.newMigratedDatabase();
		assertThat(current(migrated)).isTrue();

		String ahead = TestWarehouse.newMigratedDatabase();
		execute(ahead, "insert into sync.flyway_schema_history (installed_rank, version, description, type, script, "
				+ "installed_by, execution_time, success) values (999, '999', 'newer jar', 'SQL', 'V999__newer_jar.sql', "
				+ "'test', 1, true)");
		assertThat(current(ahead)).as("migrated by a newer jar").isFalse();

		String failed = TestWarehouse.newMigratedDatabase();
		execute(failed, "update sync.flyway_schema_history set success = false where version = '31'");
		assertThat(current(failed)).as("a failed migration").isFalse();

		try (Socket refusing = FreePort.refusing()) {
			assertThat(AppliedMigrations.current(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:"
					+ refusing.getLocalPort() + "/warehouse", "u", "p"), LOCATIONS, "sync"))
				.as("unreachable: no answer, so Flyway").isFalse();
		}
	}

	@Test
	void statusOnAWarehouseOneMigrationBehindMigratesIt(CapturedOutput output)
			throws Exception {
		String behind = TestWarehouse.newDatabase();
		Flyway.configure()
			.dataSource(behind, TestWarehouse.username(), TestWarehouse.password())
			.locations("classpath:db/migration")
			.defaultSchema("sync")
			.target("30")
			.load()
			.migrate();
		assertThat(current(behind)).isFalse();
		assertThat(status(behind)).isEqualTo(ExitCodes.OK);
		assertThat(current(behind)).as("status ran the upgrade's migration").isTrue();
		assertThat(output.getOut()).contains("last runs");
	}

	private static int status(String url) {
		return WebworkSyncApplication.run(new String[] { "status" }, Map.of("warehouse.url", url, "warehouse.username",
				TestWarehouse.username(), "warehouse.password", TestWarehouse.password()));
	}

	private static boolean current(String url) {
		return AppliedMigrations.current(new DriverManagerDataSource(url, TestWarehouse.username(), TestWarehouse.password()),
				LOCATIONS, "sync");
	}

	private static void execute(String url, String sql) throws Exception {
		try (Connection connection = TestWarehouse.connect(url); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}
}
