package com.webworksync.job;

import static com.webworksync.job.RunChecks.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.FreePort;
import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.sandbox.SandboxOptions;

/**
 * The documented exit codes through the whole command line ({@code WebworkSyncApplication.run}),
 * with what the user reads and what the warehouse holds afterwards.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExitCodeTests {

	/** "webwork-sync" as the 64-bit key of the warehouse lock. */
	static final long LOCK_KEY = 0x7765627763796e63L;

	private SyncHarness harness;

	private SyncHarness start(SandboxOptions options) {
		harness = SyncHarness.start(options).with("sync.lookback-days", 3);
		return harness;
	}

	@AfterEach
	void close() {
		if (harness != null) {
			harness.close();
		}
	}

	@Test
	void aWrongTokenExits2NamingTheVariableAndWritesNothing(CapturedOutput output) throws Exception {
		start(small()).with("webwork.api.token", "wrong-token-1234");

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);

		assertThat(output.getErr().lines().filter(l -> !l.isBlank()))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("webwork-sync: ")
			.contains("WEBWORK_API_TOKEN");
		assertThat(output.getAll()).doesNotContain("wrong-token-1234");
		assertNoStackTrace(output);
		assertThat(webworkRows(harness.databaseUrl())).isZero();
		assertThat(harness.sandbox().requests().all()).isNotEmpty()
			.allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
	}

	@Test
	void aCallerWhoIsNotOwnerOrExecutiveManagerExits2NamingTheRoleAndTheWorkspace(CapturedOutput output) throws Exception {
		start(small().withCallerRole("Regular User"));
		long ws = harness.sandbox().data().workspaceIds().get(0);

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);

		assertThat(output.getAll()).contains("'Regular User'").contains("workspace " + ws).contains("Owner or Executive manager");
		assertNoStackTrace(output);
		assertThat(count(harness.databaseUrl(), "select count(*) from webwork.members where workspace_id = " + ws)).isZero();
		assertThat(count(harness.databaseUrl(), "select count(*) from webwork.time_entries where workspace_id = " + ws)).isZero();
		assertThat(count(harness.databaseUrl(), "select count(*) from sync.runs where exit_code = 2 and error_message like '%Regular User%'"))
			.isEqualTo(1);
		// the role is known from /workspaces: nothing past it is asked for
		assertThat(harness.sandbox().requests().all()).extracting(r -> r.path()).containsOnly("/workspaces");
	}

	@Test
	void a404OnAnOptionalEndpointWarnsAndTheRunSucceeds(CapturedOutput output) throws Exception {
		start(small().withDisabledPaths(Set.of("/leaves/policies")));

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);

		assertThat(output.getAll().lines().filter(l -> l.contains("WARN") && l.contains("leave_policies") && l.contains("404")))
			.hasSize(1);
		String db = harness.databaseUrl();
		assertThat(count(db, "select count(*) from webwork.leave_policies")).isZero();
		for (String table : List.of("members", "projects", "contracts", "expense_categories", "time_entries", "timesheets",
				"report_tracked_hours", "report_timeline")) {
			assertThat(count(db, "select count(*) from webwork." + table)).as(table).isPositive();
		}
		assertThat(count(db, "select count(*) from sync.runs where status = 'COMPLETED' and exit_code = 0")).isEqualTo(1);
		assertThat(harness.sandbox().requests().count("/leaves/policies")).isEqualTo(1);
	}

	@Test
	void aSecondRunWhileTheLockIsHeldExits4AtOnceInOneLineAndTouchesNothing(CapturedOutput output) throws Exception {
		start(small()).with("sync.streams", "workspaces,members"); // the lock is the point, not the data
		assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
		String db = harness.databaseUrl();
		long runs = count(db, "select count(*) from sync.runs");
		long executions = count(db, "select count(*) from batch.batch_job_execution");
		long requests = harness.sandbox().requests().count();

		try (Connection other = TestWarehouse.connect(db); Statement statement = other.createStatement()) {
			try (ResultSet locked = statement.executeQuery("select pg_try_advisory_lock(" + LOCK_KEY + ")")) {
				locked.next();
				assertThat(locked.getBoolean(1)).isTrue();
			}

			assertThat(harness.main("sync")).as("refused by the lock: its own code, not a failure").isEqualTo(ExitCodes.LOCKED);

			assertThat(output.getErr().lines().filter(l -> l.startsWith("webwork-sync: "))).singleElement()
				.asString()
				.startsWith("webwork-sync: another webwork-sync run is active")
				.contains("changed nothing");
			assertNoStackTrace(output);
			assertThat(count(db, "select count(*) from sync.runs")).isEqualTo(runs);
			assertThat(count(db, "select count(*) from batch.batch_job_execution")).isEqualTo(executions);
			assertThat(harness.sandbox().requests().count()).as("no API request").isEqualTo(requests);
		}
		// the lock was the only obstacle
		assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
		assertThat(count(db, "select count(*) from sync.runs")).isEqualTo(runs + 1);
	}

	@Test
	void anUnreachableDatabaseExits1WithOneLine(CapturedOutput output) throws Exception {
		try (Socket refusing = FreePort.refusing()) {
			int closedPort = refusing.getLocalPort();
			start(small()).with("warehouse.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/warehouse");

			assertThat(harness.main("sync")).isEqualTo(ExitCodes.FAILED);

			assertThat(output.getErr().lines().filter(l -> !l.isBlank())).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.startsWith("webwork-sync: ")
				.contains("cannot reach PostgreSQL")
				.contains("WAREHOUSE_URL");
			assertNoStackTrace(output);
			assertThat(harness.sandbox().requests().count()).isZero();
		}
	}

	@Test
	void aWrongDatabasePasswordExits2NamingTheVariable(CapturedOutput output) throws Exception {
		TestWarehouse.loginRole("sync_user", "exit-code-right-pw");
		start(small()).with("warehouse.username", "sync_user").with("warehouse.password", "exit-code-wrong-pw");

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);

		assertThat(output.getErr()).contains("WAREHOUSE_PASSWORD");
		assertThat(output.getAll()).doesNotContain("exit-code-wrong-pw").doesNotContain("exit-code-right-pw");
		assertNoStackTrace(output);
		assertThat(harness.sandbox().requests().count()).isZero();
		assertThat(schemas(harness.databaseUrl())).isEmpty();
	}

	@Test
	void aBackfillWhoseStartIsAfterItsEndExits2AndWritesNothing(CapturedOutput output) throws Exception {
		start(small());
		assertThat(harness.main("sync", "--from=2025-03-02", "--to=2025-03-01")).isEqualTo(ExitCodes.CONFIGURATION);
		assertThat(output.getErr()).contains("--from=2025-03-02 is after --to=2025-03-01");
		assertNothingWritten(output);
	}

	@Test
	void aNegativeLookbackExits2AndWritesNothing(CapturedOutput output) throws Exception {
		start(small()).with("sync.lookback-days", -3);
		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
		assertThat(output.getErr()).contains("SYNC_LOOKBACK_DAYS").contains("'-3'");
		assertNothingWritten(output);
	}

	@Test
	void anUnknownStreamExits2AndWritesNothing(CapturedOutput output) throws Exception {
		start(small()).with("sync.streams", "members,time_entrys");
		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
		assertThat(output.getErr()).contains("SYNC_STREAMS").contains("'time_entrys'");
		assertNothingWritten(output);
	}

	private void assertNothingWritten(CapturedOutput output) throws SQLException {
		assertNoStackTrace(output);
		assertThat(harness.sandbox().requests().count()).as("API requests").isZero();
		assertThat(schemas(harness.databaseUrl())).as("schemas created").isEmpty();
	}

}
