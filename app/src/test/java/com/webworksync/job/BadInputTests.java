package com.webworksync.job;

import static com.webworksync.job.RunChecks.assertNoStackTrace;
import static com.webworksync.job.RunChecks.count;
import static com.webworksync.job.RunChecks.schemas;
import static com.webworksync.job.RunChecks.webworkRows;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.sandbox.SandboxData;

/**
 * Bad input not covered by {@link ExitCodeTests} and {@code CommandAndSettingsTests}: each exits
 * with the documented code and one line, and writes nothing; an empty workspace is a success that
 * writes only the workspace.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputTests {

	private SyncHarness harness;

	private SyncHarness start() {
		harness = SyncHarness.start(RunChecks.small().withToken(Secrets.TOKEN))
			.with("sync.lookback-days", 3)
			.with("warehouse.username", Secrets.role())
			.with("warehouse.password", Secrets.PASSWORD);
		return harness;
	}

	@AfterEach
	void close() {
		if (harness != null) {
			harness.close();
		}
	}

	@Test
	void aWorkspaceTheTokenCannotSeeExits2NamingTheId(CapturedOutput output) throws Exception {
		start().with("webwork.workspace-ids", "987654321");

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);

		assertThat(oneLine(output)).contains("987654321").contains("WEBWORK_WORKSPACE_IDS");
		String db = harness.databaseUrl();
		// the workspace list is read whole on every run (docs/reference/tables.md: workspaces, "whole list"); nothing else is written
		assertThat(webworkRows(db)).as("webwork rows").isEqualTo(count(db, "select count(*) from webwork.workspaces"));
		assertThat(count(db, "select count(*) from webwork.workspaces where workspace_id = 987654321")).isZero();
		// the error is only known from GET /workspaces, inside the run: the run is recorded, failed
		assertThat(count(db, "select count(*) from sync.runs where exit_code = 2 and error_message like '%987654321%'")).isEqualTo(1);
		assertThat(harness.sandbox().requests().all()).extracting(r -> r.path()).containsOnly("/workspaces");
		Secrets.assertNone(output.getAll(), db);
	}

	@Test
	void aMalformedWarehouseUrlExits2(CapturedOutput output) throws Exception {
		// malformed: no database (postgres://host:5432/db?password=… is valid since WAREHOUSE_URL takes the libpq form)
		start().with("warehouse.url", "postgres://db.example.com:5432?password=" + Secrets.PASSWORD);

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);

		assertThat(oneLine(output)).contains("WAREHOUSE_URL");
		assertNothingWritten(output);
	}

	@Test
	void anAbsurdLookbackExits2(CapturedOutput output) throws Exception {
		start().with("sync.lookback-days", 99999);

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);

		assertThat(oneLine(output)).contains("SYNC_LOOKBACK_DAYS").contains("'99999'");
		assertNothingWritten(output);
	}

	@Test
	void aBackfillStartingInTheFutureExits2(CapturedOutput output) throws Exception {
		start();
		String future = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

		assertThat(harness.main("sync", "--from=" + future)).isEqualTo(ExitCodes.CONFIGURATION);

		assertThat(oneLine(output)).contains("--from=" + future).contains("future");
		assertNothingWritten(output);
	}

	@Test
	void aMistypedOptionExits2NamingItAndTheNearestOne(CapturedOutput output) throws Exception {
		start();

		assertThat(harness.main("sync", "--form=2026-11-01")).isEqualTo(ExitCodes.CONFIGURATION);

		assertThat(oneLine(output)).isEqualTo("webwork-sync: unknown option --form for sync; did you mean --from?");
		assertNothingWritten(output);
	}

	@Test
	void aMistypedCommandExits2NamingItAndTheNearestOne(CapturedOutput output) throws Exception {
		start();

		assertThat(harness.main("snyc", "--webwork.max-attempts=2")).isEqualTo(ExitCodes.CONFIGURATION);

		assertThat(oneLine(output)).startsWith("webwork-sync: unknown command snyc; did you mean sync?");
		assertNothingWritten(output);
	}

	@Test
	void anEmptyWorkspaceSucceedsAndWritesOnlyTheWorkspace(CapturedOutput output) throws Exception {
		start();
		SandboxData data = harness.sandbox().data();
		long ws = data.workspaceIds().get(0);
		for (String resource : new String[] { "time_entries", "expenses", "leaves", "time_requests", "timesheets",
				"webhooks", "expense_categories", "leave_policies", "project_viewers", "contracts", "tasks", "projects",
				"members" }) {
			for (var item : data.list(resource, ws)) {
				data.remove(resource, ws, item.get("id").asString());
			}
			assertThat(data.list(resource, ws)).as(resource).isEmpty();
		}

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);

		String db = harness.databaseUrl();
		assertThat(count(db, "select count(*) from webwork.workspaces")).isEqualTo(1);
		assertThat(webworkRows(db)).as("rows besides the workspace").isEqualTo(1);
		assertThat(count(db, "select count(*) from sync.runs where status = 'COMPLETED' and exit_code = 0")).isEqualTo(1);
		assertNoStackTrace(output);
		Secrets.assertNone(output.getAll(), db);
	}

	private static String oneLine(CapturedOutput output) {
		var lines = output.getErr().lines().filter(l -> !l.isBlank()).toList();
		assertThat(lines).as("stderr").hasSize(1);
		assertThat(lines.get(0)).startsWith("webwork-sync: ");
		return lines.get(0);
	}

	private void assertNothingWritten(CapturedOutput output) throws Exception {
		assertNoStackTrace(output);
		assertThat(harness.sandbox().requests().count()).as("API requests").isZero();
		assertThat(schemas(harness.databaseUrl())).as("schemas created (no sync.runs row either)").isEmpty();
		Secrets.assertNone(output.getAll(), harness.databaseUrl());
	}
}
