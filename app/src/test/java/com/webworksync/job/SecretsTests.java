package com.webworksync.job;

import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.Fault.Kind;

/**
 * The API token and the database password never show up in what the job prints, nor anywhere in
 * the warehouse: not after a good run, not after a rejected token, an API that stays down or a
 * wrong password.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsTests {

	private static final String TOKEN = "tok-SECRET-" + UUID.randomUUID();
	private static final String PASSWORD = "pw-SECRET-" + UUID.randomUUID();
	private static final String WRONG_PASSWORD = "pw-SECRET-wrong-" + UUID.randomUUID();
	private static final List<String> SECRETS = List.of(TOKEN, PASSWORD, WRONG_PASSWORD);

	private static SyncHarness harness;

	@BeforeAll
	static void start() {
		TestWarehouse.loginRole("secret_user", PASSWORD);
		harness = SyncHarness.start(RunChecks.small().withToken(TOKEN))
			.with("warehouse.username", "secret_user")
			.with("warehouse.password", PASSWORD)
			.with("sync.lookback-days", 3)
			.with("webwork.max-attempts", 2);
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	@Order(1)
	void aFullSyncPrintsNeitherSecret(CapturedOutput output) {
		long ws = harness.sandbox().data().workspaceIds().get(0);
		String from = harness.sandbox().data().today(ws).minusDays(9).toString();

		assertThat(harness.main("sync", "--from=" + from)).isEqualTo(ExitCodes.OK);

		assertThat(harness.sandbox().requests().all()).isNotEmpty().allSatisfy(r -> assertThat(r.authorized()).isTrue());
		assertNoSecret(output.getAll());
	}

	@Test
	@Order(2)
	void aRejectedTokenPrintsNeitherSecret(CapturedOutput output) {
		harness.sandbox().faults().inject(Fault.of(Kind.UNAUTHORIZED).on("/workspaces"));

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);

		assertThat(output.getErr()).contains("WEBWORK_API_TOKEN");
		assertNoSecret(output.getAll());
	}

	@Test
	@Order(3)
	void anApiThatStaysDownPrintsNeitherSecret(CapturedOutput output) {
		harness.sandbox().faults().inject(Fault.of(Kind.UNAVAILABLE).on("/members").times(2));

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.FAILED);

		assertThat(output.getErr()).contains("GET /members?workspace_id=");
		assertNoSecret(output.getAll());
		harness.sandbox().faults().clear();
		assertThat(harness.main("sync")).as("the restart finishes the run").isEqualTo(ExitCodes.OK);
		assertNoSecret(output.getAll());
	}

	@Test
	@Order(4)
	void aWrongPasswordPrintsNeitherPassword(CapturedOutput output) {
		harness.with("warehouse.password", WRONG_PASSWORD);
		try {
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
		}
		finally {
			harness.with("warehouse.password", PASSWORD);
		}

		assertThat(output.getErr()).contains("WAREHOUSE_PASSWORD");
		assertNoSecret(output.getAll());
	}

	@Test
	@Order(5)
	void noSecretIsStoredAnywhereInTheWarehouse() throws SQLException {
		String db = harness.databaseUrl();
		// the runs above really left rows, messages and checkpoints to search
		assertThat(count(db, "select count(*) from webwork.time_entries")).isPositive();
		assertThat(count(db, "select count(*) from sync.runs where error_message like '%WEBWORK_API_TOKEN%'")).isEqualTo(1);
		assertThat(count(db, "select count(*) from sync.runs where error_message like '%GET /members%'")).isEqualTo(1);
		assertThat(count(db, "select count(*) from batch.batch_job_execution where length(exit_message) > 0")).isPositive();
		assertThat(count(db, "select count(*) from batch.batch_step_execution_context")).isPositive();

		List<String> tables = tables(db);
		assertThat(tables).contains("webwork.time_entries", "webwork.members", "sync.runs", "sync.partitions",
				"batch.batch_job_execution", "batch.batch_job_execution_params", "batch.batch_step_execution");
		try (Connection connection = TestWarehouse.connect(db)) {
			for (String table : tables) {
				for (String secret : SECRETS) {
					// the whole row as text: every column, raw jsonb and messages included
					try (PreparedStatement query = connection
						.prepareStatement("select count(*) from " + table + " t where t::text like '%' || ? || '%'")) {
						query.setString(1, secret);
						try (ResultSet rows = query.executeQuery()) {
							rows.next();
							assertThat(rows.getLong(1)).as(table + " rows holding a secret").isZero();
						}
					}
				}
			}
			try (Statement statement = connection.createStatement();
					ResultSet messages = statement.executeQuery("select coalesce(string_agg(error_message, ' '), '') from sync.runs")) {
				messages.next();
				assertNoSecret(messages.getString(1));
			}
		}
	}

	private static void assertNoSecret(String text) {
		for (String secret : SECRETS) {
			assertThat(text).doesNotContain(secret);
		}
		assertThat(text).doesNotContain("SECRET-");
	}

	/** Every base table of the application's schemas, schema-qualified. */
	private static List<String> tables(String db) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection connection = TestWarehouse.connect(db); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select table_schema || '.' || table_name from information_schema.tables "
						+ "where table_schema in ('webwork', 'sync', 'batch', 'analytics', 'public') and table_type = 'BASE TABLE'")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		return tables;
	}
}
