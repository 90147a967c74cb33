package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code erase} in its own JVM, killed with SIGKILL in the middle of a workspace's transaction (its update of the
 * time entries held up by a row lock a second session takes first, so the kill point is a state, not a time): the
 * workspace is left as it was, with no audit row, and running erase again completes it.
 */
@Tag("scenario")
class EraseKillTests {

	@Test
	void aKilledEraseLeavesTheWorkspaceWholeAndARerunCompletesIt() throws Exception {
		try (SyncHarness harness = SyncHarness.start(SyncHarness.fastOptions())) {
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			long ws = harness.sandbox().data().workspaceIds().get(0);
			long id = harness.dsl().fetchOne("select user_id from webwork.time_entries where workspace_id = ? group by 1 "
					+ "order by count(*) desc limit 1", ws).get(0, Long.class);
			ObjectNode member = harness.sandbox().data().get("members", ws, Long.toString(id));
			String email = member.path("email").asString();
			String db = harness.databaseUrl();
			harness.restartContext(); // its pool's sessions closed: after the kill, the child's are the only others
			Path output = Files.createTempFile("erase-kill", ".log");

			try (Connection holder = TestWarehouse.connect(db); Connection watcher = TestWarehouse.connect(db)) {
				holder.setAutoCommit(false);
				try (PreparedStatement lock = holder.prepareStatement(
						"select 1 from webwork.time_entries where workspace_id = ? and user_id = ? for update")) {
					lock.setLong(1, ws);
					lock.setLong(2, id);
					lock.executeQuery().close();
				}
				ChildSync child = ChildSync.command(harness, output, "-Xmx384m", "erase", "--member=" + id);
				child.killWhen(() -> waitsOnTheTimeEntries(watcher));
				holder.rollback();
			}
			TestWarehouse.awaitNoOtherSessions(db);

			assertThat(RunChecks.count(db, "select count(*) from sync.erasures")).as("no audit row of a rolled back erase").isZero();
			assertThat(harness.dsl().fetchValue("select email from webwork.members where workspace_id = ? and id = ?", ws, id))
				.as("the members update before the kill rolled back with the rest").isEqualTo(email);

			assertThat(harness.main("erase", "--member=" + id)).isEqualTo(ExitCodes.OK);
			assertThat(RunChecks.count(db, "select count(*) from sync.erasures where person_id = " + id)).isEqualTo(1);
			assertThat(harness.dsl().fetchValue("select email from webwork.members where workspace_id = ? and id = ?", ws, id)).isNull();
			assertThat(RunChecks.count(db, "select count(*) from webwork.time_entries where user_id = " + id
					+ " and activity_description is not null")).isZero();
			for (String table : List.of("members", "members_history", "contracts", "task_assignees", "timesheets", "report_timeline")) {
				assertThat(RunChecks.count(db, "select count(*) from webwork." + table + " where raw::text ilike '%" + email + "%'"))
					.as(table).isZero();
			}
		}
	}

	private static boolean waitsOnTheTimeEntries(Connection watcher) {
		try (PreparedStatement waiting = watcher.prepareStatement("select count(*) from pg_stat_activity where datname = "
				+ "current_database() and wait_event_type = 'Lock' and query like 'update webwork.time_entries%'");
				ResultSet rows = waiting.executeQuery()) {
			rows.next();
			return rows.getLong(1) > 0;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
