package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.Record;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.config.PrivacyKey;
import com.webworksync.job.ChildSync;
import com.webworksync.job.ExitCodes;
import com.webworksync.streams.PersonalKind;

import tools.jackson.databind.node.ObjectNode;

/**
 * A key rotation on a pseudonymized warehouse (k1, then WEBWORK_PRIVACY_KEY=k2 with k1 as the previous key): what the
 * runs re-read is under k2, everything else re-keyed to k1>k2 exactly once, nothing left under k1 alone, and no plain
 * name or e-mail anywhere after any run, nor after a SIGKILL in the middle of the rewrite (its update of the time
 * entries held up by a row lock a second session takes first, so the kill point is a state, not a time).
 */
@Tag("scenario")
@ExtendWith(OutputCaptureExtension.class)
class KeyRotationTests {

	private static final Rekey REKEY = new Rekey("k1", new Pseudonyms(PrivacyKey.parse(RekeyTests.KEY2, "WEBWORK_PRIVACY_KEY")));

	@Test
	void afterRotatingNothingIsUnderTheOldKeyAloneAndNoPlainValueAppears(CapturedOutput output) throws Exception {
		try (SyncHarness harness = pseudonymizedUnderK1()) {
			String db = harness.databaseUrl();
			Set<String> people = people(harness);
			List<Record> versions = versions(harness);
			rotate(harness);
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(WarehouseScan.find(db, people)).as("plain values after the rotating run").isEmpty();
			Map<String, Long> keyIds = WarehouseScan.keyIds(db);
			assertThat(keyIds).as("pseudonyms per key id").containsOnlyKeys("k2", "k1>k2").allSatisfy((id, n) -> assertThat(n).isPositive());
			assertReKeyedOnce(harness, versions);
			long ws = harness.sandbox().data().workspaceIds().get(0);
			Pseudonyms k2 = new Pseudonyms(PrivacyKey.parse(RekeyTests.KEY2, "WEBWORK_PRIVACY_KEY"));
			for (ObjectNode member : harness.sandbox().data().list("members", ws)) {
				assertThat(harness.dsl().fetchValue("select email from webwork.members where workspace_id = ? and id = ?", ws,
						member.path("id").asLong())).as("a re-read row is under the new key")
					.isEqualTo(k2.of(PersonalKind.EMAIL, member.path("email").asString()));
			}
			assertThat(harness.dsl().fetchOne("select count(*) from sync.privacy_fields where policy = 'pseudonymize' "
					+ "and key_id is distinct from 'k2'").get(0, Long.class)).isZero();

			int before = output.getOut().length();
			assertThat(harness.main("status")).isEqualTo(ExitCodes.OK);
			String status = output.getOut().substring(before);
			assertThat(status).contains("pseudonyms per key id").containsPattern("\\n  k1>k2 +[1-9]").containsPattern("\\n  k2 +[1-9]")
				.doesNotContainPattern("\\n  k1 +[0-9]");

			// the rotation is done; later runs only re-read (lookback, sweep): what they re-read moves from k1>k2 to k2
			Object rotated = harness.dsl().fetchValue("select max(started_at)::text from sync.privacy_rewrites");
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(WarehouseScan.find(db, people)).as("plain values after the next run").isEmpty();
			Map<String, Long> next = WarehouseScan.keyIds(db);
			assertThat(next).containsOnlyKeys("k2", "k1>k2");
			assertThat(next.get("k1>k2")).isLessThanOrEqualTo(keyIds.get("k1>k2"));
			assertThat(harness.dsl().fetchOne("select count(*) from sync.privacy_rewrites where started_at > ?::timestamptz", rotated)
				.get(0, Long.class)).as("no rewrite after the rotation's").isZero();
		}
	}

	@Test
	void aRotationKilledMidwayLeavesEveryValueUnderOneKeyIdAndARerunCompletesIt() throws Exception {
		try (SyncHarness harness = pseudonymizedUnderK1()) {
			String db = harness.databaseUrl();
			long ws = harness.sandbox().data().workspaceIds().get(0);
			Set<String> people = people(harness);
			List<Record> versions = versions(harness);
			harness.restartContext(); // its pool's sessions closed: after the kill, the child's are the only others
			rotate(harness);
			Path output = Files.createTempFile("rotation-kill", ".log");
			try (Connection holder = TestWarehouse.connect(db); Connection watcher = TestWarehouse.connect(db)) {
				holder.setAutoCommit(false);
				try (PreparedStatement lock = holder.prepareStatement("select 1 from webwork.time_entries where workspace_id = ? "
						+ "and activity_description is not null limit 1 for update")) {
					lock.setLong(1, ws);
					lock.executeQuery().close();
				}
				ChildSync.withProperties(harness, output).killWhen(() -> rewriteWaitsOnTheTimeEntries(watcher));
				holder.rollback();
			}
			TestWarehouse.awaitNoOtherSessions(db);

			assertThat(WarehouseScan.find(db, people)).as("plain values after the kill").isEmpty();
			assertThat(WarehouseScan.keyIds(db)).as("mid-rotation: each value under the old key or re-keyed, nothing else")
				.containsOnlyKeys("k1", "k1>k2");

			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(WarehouseScan.find(db, people)).as("plain values after the rerun").isEmpty();
			assertThat(WarehouseScan.keyIds(db)).containsOnlyKeys("k2", "k1>k2");
			assertReKeyedOnce(harness, versions);
		}
	}

	@Test
	void eraseStillFindsTheExpensesARotationReKeyedAfterTheBalancesAreReRead() throws Exception {
		// no history sweep: after the rotation a run re-reads only the window's months (at most two of the 31 days), so
		// the 90 days leave at least one month of expenses under the old key, whatever the day (with the sweep, a
		// 90-day history can be all re-read on a day like 2028-02-29: the window's January and February, the sweep's December)
		try (SyncHarness harness = SyncHarness.start(SyncHarness.fastOptions()).with("sync.privacy", "pseudonymize")
			.with("webwork.privacy-key", PseudonymsTests.KEY).with("sync.sweep-share", 0)) {
			long ws = harness.sandbox().data().workspaceIds().get(0);
			assertThat(harness.sync("sync", "--from=" + harness.sandbox().data().today(ws).minusDays(89))).isEqualTo(ExitCodes.OK);
			Map<Long, String> names = new java.util.HashMap<>();
			harness.dsl().fetch("select distinct user_id, user_name from webwork.leave_balances where user_name is not null")
				.forEach(r -> names.put(r.get(0, Long.class), r.get(1, String.class)));
			rotate(harness);
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(harness.dsl().fetch("select user_id, user_name from sync.rekeyed_names").intoMap(0, 1))
				.as("each member's full name as the rotation re-keyed it").isNotEmpty()
				.allSatisfy((id, name) -> assertThat(name).isEqualTo(REKEY.of(names.get((Long) id))));
			Record old = harness.dsl().fetchOne("select e.id, n.user_id from webwork.expenses e join sync.rekeyed_names n "
					+ "on n.workspace_id = e.workspace_id and n.user_name = e.member where e.workspace_id = ? order by e.id limit 1", ws);
			assertThat(old).as("an expense of a month not re-read since the rotation").isNotNull();
			long member = old.get(1, Long.class);
			assertThat(harness.dsl().fetchValue("select user_name from webwork.leave_balances where workspace_id = ? and user_id = ? "
					+ "limit 1", ws, member)).as("the balance, re-read, no longer names the expense's member alike").asString().startsWith("k2:");

			assertThat(harness.main("erase", "--member=" + member)).isEqualTo(ExitCodes.OK);
			assertThat(harness.dsl().fetchValue("select member from webwork.expenses where workspace_id = ? and id = ?", ws,
					old.get(0))).isNull();
			assertThat(harness.dsl().fetchOne("select count(*) from sync.rekeyed_names where user_id = ?", member).get(0, Long.class))
				.isZero();
		}
	}

	static SyncHarness pseudonymizedUnderK1() throws SQLException {
		SyncHarness harness = SyncHarness.start(SyncHarness.fastOptions()).with("sync.privacy", "pseudonymize")
			.with("webwork.privacy-key", PseudonymsTests.KEY);
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		assertThat(WarehouseScan.find(harness.databaseUrl(), people(harness))).isEmpty();
		assertThat(WarehouseScan.keyIds(harness.databaseUrl())).containsOnlyKeys("k1");
		return harness;
	}

	static void rotate(SyncHarness harness) {
		harness.restartContext();
		harness.with("webwork.privacy-key", RekeyTests.KEY2).with("webwork.privacy-previous-key", PseudonymsTests.KEY);
	}

	/** The member versions stored under k1: history is not re-read, so each is re-keyed. */
	static List<Record> versions(SyncHarness harness) {
		List<Record> versions = new ArrayList<>(harness.dsl().fetch("select workspace_id, id, valid_from::text as valid_from, email, lastname "
				+ "from webwork.members_history where email is not null"));
		assertThat(versions).isNotEmpty().allSatisfy(v -> assertThat(v.get("email", String.class)).startsWith("k1:"));
		return versions;
	}

	/** Each version that was under k1 is now its fallback, applied once, in its column and in raw. */
	private static void assertReKeyedOnce(SyncHarness harness, List<Record> versions) {
		for (Record v : versions) {
			Record now = harness.dsl().fetchOne("select email, lastname, raw->>'email' as raw_email from webwork.members_history "
					+ "where workspace_id = ? and id = ? and valid_from::text = ?", v.get(0), v.get(1), v.get(2));
			assertThat(now.get("email", String.class)).isEqualTo(REKEY.of(v.get("email", String.class)))
				.isEqualTo(now.get("raw_email", String.class));
			assertThat(now.get("lastname", String.class)).isEqualTo(REKEY.of(v.get("lastname", String.class)));
		}
	}

	static Set<String> people(SyncHarness harness) {
		Set<String> values = new TreeSet<>();
		for (long ws : harness.sandbox().data().workspaceIds()) {
			for (ObjectNode m : harness.sandbox().data().list("members", ws)) {
				values.add(m.path("email").asString());
				values.add(m.path("firstname").asString() + " " + m.path("lastname").asString());
				values.add(m.path("lastname").asString());
			}
		}
		return values;
	}

	private static boolean rewriteWaitsOnTheTimeEntries(Connection watcher) {
		try (PreparedStatement waiting = watcher.prepareStatement("select count(*) from pg_stat_activity where datname = "
				+ "current_database() and wait_event_type = 'Lock' and query like 'update%time_entries%'");
				ResultSet rows = waiting.executeQuery()) {
			rows.next();
			return rows.getLong(1) > 0;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
