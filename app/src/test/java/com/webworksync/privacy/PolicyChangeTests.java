package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.config.PrivacyKey;
import com.webworksync.job.ExitCodes;
import com.webworksync.streams.PersonalKind;

import tools.jackson.databind.node.ObjectNode;

/**
 * keep, then SYNC_PRIVACY=pseudonymize with leaves.note dropped, on a live warehouse: the next run rewrites what is
 * stored in place, history included, before it reads anything; the BI views return all their rows from a second
 * connection while it is under way (held mid-way by a row lock, so "during" is a state), status shows the progress,
 * and afterwards no plain value is left and the values are the ones a run under the new policy writes.
 */
@ExtendWith(OutputCaptureExtension.class)
class PolicyChangeTests {

	@Test
	void keepToPseudonymizeRewritesInPlaceWithTheViewsUp(CapturedOutput output) throws Exception {
		try (SyncHarness harness = SyncHarness.start(SyncHarness.fastOptions())) {
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			long ws = harness.sandbox().data().workspaceIds().get(0);
			String db = harness.databaseUrl();
			Set<String> people = new TreeSet<>();
			for (ObjectNode m : harness.sandbox().data().list("members", ws)) {
				people.add(m.path("email").asString());
				people.add(m.path("firstname").asString() + " " + m.path("lastname").asString());
			}
			Set<String> notes = new TreeSet<>();
			harness.sandbox().data().list("leaves", ws).stream().filter(l -> l.hasNonNull("note")).forEach(l -> notes.add(l.path("note").asString()));
			assertThat(WarehouseScan.find(db, people)).isNotEmpty();
			assertThat(count(db, "select count(*) from webwork.members_history")).isPositive();
			Map<String, Long> viewCounts = viewCounts(db);

			harness.restartContext();
			harness.with("sync.privacy", "pseudonymize").with("webwork.privacy-key", PseudonymsTests.KEY)
				.with("sync.privacy-columns", "leaves.note=drop");
			CompletableFuture<Integer> run;
			try (Connection holder = TestWarehouse.connect(db); Connection reader = TestWarehouse.connect(db)) {
				holder.setAutoCommit(false);
				try (Statement lock = holder.createStatement();
						// a row the rewrite changes: one without a description has nothing personal, and the rewrite
						// leaves it alone (which rows have one depends on the sandbox's day)
						ResultSet locked = lock.executeQuery("select 1 from webwork.time_entries where workspace_id = " + ws
								+ " and activity_description <> '' limit 1 for update")) {
					assertThat(locked.next()).as("a time entry with a description").isTrue();
				}
				run = CompletableFuture.supplyAsync(harness::sync);
				awaitRewriteWaitingOn(reader, "time_entries");

				// mid-rewrite: the members (earlier in the catalog) are done, the time entries not yet
				assertThat(viewCounts(db)).as("every view returns all its rows").isEqualTo(viewCounts);
				assertThat(count(db, "select count(*) from analytics.members where email not like 'k1:%'")).isZero();
				assertThat(count(db, "select count(*) from sync.privacy_rewrites where relation = 'webwork.time_entries' "
						+ "and finished_at is null")).isEqualTo(1);
				assertThat(harness.main("status")).isEqualTo(ExitCodes.OK);
				assertThat(output.getOut()).contains("privacy rewrites").contains("webwork.members_history").contains("under way");
				holder.rollback();
			}
			assertThat(run.get()).isEqualTo(ExitCodes.OK);

			List<String> needles = new ArrayList<>(people);
			needles.addAll(notes);
			assertThat(WarehouseScan.find(db, needles)).as("no plain value left, history included").isEmpty();
			Pseudonyms pseudonyms = new Pseudonyms(PrivacyKey.parse(PseudonymsTests.KEY, "WEBWORK_PRIVACY_KEY"));
			ObjectNode first = harness.sandbox().data().list("members", ws).get(0);
			assertThat(harness.dsl().fetchValue("select email from webwork.members_history where workspace_id = ? and id = ? "
					+ "order by valid_from limit 1", ws, first.path("id").asLong()))
				.isEqualTo(pseudonyms.of(PersonalKind.EMAIL, first.path("email").asString()));
			assertThat(harness.lastRun().byStream().get("members").get("upserted"))
				.as("the rewritten rows are what the write path writes: the run after the rewrite changed none").isZero();
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(harness.lastRun().byStream()).allSatisfy((stream, counts) ->
				assertThat(counts.get("upserted")).as(stream + " upserted").isZero());
		}
	}

	private static void awaitRewriteWaitingOn(Connection reader, String table) throws Exception {
		long deadline = System.nanoTime() + 120_000_000_000L;
		while (true) {
			try (PreparedStatement waiting = reader.prepareStatement("select count(*) from pg_stat_activity where datname = "
					+ "current_database() and wait_event_type = 'Lock' and query like 'update%" + table + "%'");
					ResultSet rows = waiting.executeQuery()) {
				rows.next();
				if (rows.getLong(1) > 0) {
					return;
				}
			}
			assertThat(System.nanoTime()).as("the rewrite reaches " + table).isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	private static Map<String, Long> viewCounts(String db) throws SQLException {
		Map<String, Long> counts = new LinkedHashMap<>();
		try (Connection connection = TestWarehouse.connect(db); Statement statement = connection.createStatement();
				ResultSet views = statement.executeQuery("select table_name from information_schema.views where table_schema = 'analytics' order by 1")) {
			List<String> names = new ArrayList<>();
			while (views.next()) {
				names.add(views.getString(1));
			}
			for (String view : names) {
				counts.put(view, count(db, "select count(*) from analytics." + view));
			}
		}
		return counts;
	}

	private static long count(String db, String sql) throws SQLException {
		try (Connection connection = TestWarehouse.connect(db); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}
}
