package com.webworksync.job;

import static com.webworksync.job.CleanRun.assertLedgerMatchesRows;
import static com.webworksync.job.CleanRun.assertNoDuplicateIds;
import static com.webworksync.job.CleanRun.atNoon;
import static com.webworksync.job.RunChecks.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.WarehouseAssertions;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The warehouse's PostgreSQL (a dedicated embedded server, so the other tests keep theirs) is
 * stopped in the middle of a run: the run fails with exit 1 and one line saying the database is
 * unreachable; once the server is back on the same data directory and port, the next run
 * completes and the warehouse equals a clean run's. Most of its time is the pool waiting out its 15 s connection
 * timeout, once: after that every request for a connection fails at once ({@code UnreachableWarehouse}).
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag("scenario")
class DatabaseOutageTests {

	@TempDir
	Path dataDirectory;

	@Test
	void postgresStoppedMidRunExits1WithOneLineAndTheNextRunCompletes(CapturedOutput output) throws Exception {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withMembers(4)
			.withProjects(2)
			.withHistoryDays(7)
			.withToken(Secrets.TOKEN)); SyncHarness clean = atNoon(SyncHarness.on(sandbox)).with("sync.lookback-days", 3)) {
			assertThat(clean.main("sync")).isEqualTo(ExitCodes.OK);
			long cleanRequests = sandbox.requests().count();
			Map<String, List<String>> cleanSnapshot = CleanRun.read(clean.databaseUrl(), WarehouseAssertions::snapshot);

			EmbeddedPostgres postgres = start(0);
			int port = postgres.getPort();
			String url = "jdbc:postgresql://localhost:" + port + "/outage";
			try (Connection admin = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
					Statement statement = admin.createStatement()) {
				statement.execute("create database outage");
			}
			// the embedded server trusts local logins; the password is passed anyway, to check it never leaks
			SyncHarness harness = atNoon(SyncHarness.on(sandbox))
				.with("sync.lookback-days", 3)
				.with("warehouse.url", url)
				.with("warehouse.username", "postgres")
				.with("warehouse.password", Secrets.PASSWORD);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				sandbox.requests().clear();
				Future<Integer> run = executor.submit(() -> harness.main("sync"));
				while (sandbox.requests().count() < cleanRequests / 2) {
					assertThat(run.isDone()).as("the run ended before the outage").isFalse();
					Thread.sleep(2);
				}
				postgres.close(); // the server goes away mid-run

				assertThat(run.get(120, TimeUnit.SECONDS)).as("exit code with the database gone").isEqualTo(ExitCodes.FAILED);

				List<String> lines = output.getErr().lines().filter(l -> l.startsWith("webwork-sync: ")).toList();
				assertThat(lines).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
					.contains("cannot reach PostgreSQL")
					.contains("WAREHOUSE_URL");
				assertNoStackTrace(output);
				Secrets.assertNoneIn("output", output.getAll());
				assertThat(sandbox.requests().count()).as("requests before giving up").isLessThan(cleanRequests);

				postgres = start(port); // back, same data directory and port
				assertThat(harness.main("sync")).as("the run after the outage").isEqualTo(ExitCodes.OK);

				Map<String, List<String>> snapshot = read(url, WarehouseAssertions::snapshot);
				snapshot.forEach((table, rows) -> assertThat(rows).as(table).isEqualTo(cleanSnapshot.get(table)));
				read(url, dsl -> {
					assertLedgerMatchesRows(dsl);
					assertNoDuplicateIds(dsl);
					return null;
				});
				long started = read(url, dsl -> dsl.fetchOne("select count(*) from sync.runs where status = 'STARTED'").get(0, Long.class));
				assertThat(started).as("runs left STARTED").isZero();
				Secrets.assertNoneIn("output", output.getAll());
				Secrets.assertNoneIn("sync.runs", read(url,
						dsl -> dsl.fetchOne("select coalesce(string_agg(error_message, ' '), '') from sync.runs").get(0, String.class)));
			}
			finally {
				executor.shutdownNow();
				harness.close();
				postgres.close();
			}
		}
	}

	private EmbeddedPostgres start(int port) throws Exception {
		return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory).setCleanDataDirectory(false).start();
	}

	private static <T> T read(String url, Function<DSLContext, T> query) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
			return query.apply(DSL.using(connection, SQLDialect.POSTGRES));
		}
	}
}
