package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;
import com.webworksync.config.PrivacyKey;
import com.webworksync.job.ExitCodes;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.streams.PersonalKind;

import tools.jackson.databind.node.ObjectNode;

/**
 * One sandbox synced into three warehouses: SYNC_PRIVACY=keep, pseudonymize and drop. What the policy removes is
 * nowhere (tables, history, raw, the analytics views, the sync and batch schemas), the analytics views count and join
 * the same under keep and pseudonymize, one person is one pseudonym everywhere, and an unchanged re-read rewrites
 * nothing.
 */
class PseudonymizedWarehouseTests {

	private static Sandbox sandbox;
	private static SyncHarness keep;
	private static SyncHarness pseudonymized;
	private static SyncHarness dropped;

	@BeforeAll
	static void syncThreeWarehouses() {
		sandbox = Sandbox.start(SyncHarness.fastOptions());
		keep = SyncHarness.on(sandbox);
		pseudonymized = SyncHarness.on(sandbox).with("sync.privacy", "pseudonymize")
			.with("webwork.privacy-key", PseudonymsTests.KEY);
		dropped = SyncHarness.on(sandbox).with("sync.privacy", "drop");
		for (SyncHarness harness : List.of(keep, pseudonymized, dropped)) {
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		}
	}

	@AfterAll
	static void close() {
		for (SyncHarness harness : List.of(keep, pseudonymized, dropped)) {
			harness.close();
		}
		sandbox.close();
	}

	/** Every member's (and viewer's) first name, last name, full name and e-mail in the sandbox. */
	private static Set<String> people() {
		Set<String> values = new TreeSet<>();
		for (long ws : sandbox.data().workspaceIds()) {
			List<ObjectNode> people = new ArrayList<>(sandbox.data().list("members", ws));
			people.addAll(sandbox.data().list("project_viewers", ws));
			for (ObjectNode p : people) {
				values.add(p.path("firstname").asString());
				values.add(p.path("lastname").asString());
				values.add(p.path("firstname").asString() + " " + p.path("lastname").asString());
				values.add(p.path("email").asString());
			}
		}
		return values;
	}

	/** The notes of every leave and expense in the sandbox. */
	private static Set<String> leaveAndExpenseNotes() {
		Set<String> notes = new TreeSet<>();
		for (long ws : sandbox.data().workspaceIds()) {
			for (String resource : List.of("leaves", "expenses")) {
				sandbox.data().list(resource, ws).stream().filter(n -> n.hasNonNull("note"))
					.forEach(n -> notes.add(n.path("note").asString()));
			}
		}
		return notes;
	}

	@Test
	void underKeepTheScanFindsThePeopleWhereverTheyAre() throws Exception {
		Set<String> where = new TreeSet<>();
		WarehouseScan.find(keep.databaseUrl(), people()).forEach(f -> where.add(f.where()));
		// the scan's own check: these are the places a plain warehouse holds them
		assertThat(where).contains("webwork.members.email", "webwork.members_history.raw", "webwork.timesheets.raw",
				"webwork.tasks.raw", "webwork.contracts.contract_name", "webwork.expenses.member",
				"webwork.leave_balances.user_name", "webwork.report_timeline.firstname", "analytics.members.display_name");
		assertThat(WarehouseScan.find(keep.databaseUrl(), leaveAndExpenseNotes())).isNotEmpty();
	}

	@Test
	void underPseudonymizeNoNameOrEmailIsAnywhere() throws Exception {
		assertThat(WarehouseScan.find(pseudonymized.databaseUrl(), people())).isEmpty();
	}

	@Test
	void underDropNoNameEmailOrNoteIsAnywhere() throws Exception {
		List<String> needles = new ArrayList<>(people());
		needles.addAll(leaveAndExpenseNotes());
		assertThat(WarehouseScan.find(dropped.databaseUrl(), needles)).isEmpty();
		assertThat(count(dropped.dsl(), "select count(*) from webwork.leaves where note is not null")).isZero();
		assertThat(count(dropped.dsl(), "select count(*) from webwork.report_activity_descriptions where description is not null")).isZero();
	}

	@Test
	void theAnalyticsViewsCountAndJoinTheSameUnderKeepAndPseudonymize() {
		List<String> views = keep.dsl().fetch("select table_name from information_schema.views where table_schema = 'analytics' "
				+ "order by 1").getValues(0, String.class);
		assertThat(views).contains("members", "time_entry_cost", "hours_per_member_day", "member_days", "leave_calendar");
		for (String view : views) {
			String sql = "select count(*) from analytics." + view;
			assertThat(count(pseudonymized.dsl(), sql)).as(view).isEqualTo(count(keep.dsl(), sql)).isEqualTo(count(dropped.dsl(), sql));
		}
		for (String facts : List.of(
				"select member_id, project_id, sum(minutes), sum(cost) from analytics.time_entry_cost group by 1, 2 order by 1, 2",
				"select member_id, count(*), sum(minutes), sum(entries) from analytics.member_days group by 1 order by 1",
				"select c.member_id, count(*), count(distinct c.member_name) from analytics.time_entry_cost c join analytics.members m using (workspace_id, member_id) group by 1 order by 1",
				"select m.display_name is null, count(*) from analytics.member_days d join analytics.members m using (workspace_id, member_id) group by 1",
				"select count(*) from analytics.members m join analytics.members n on n.workspace_id = m.workspace_id and n.display_name = m.display_name",
				// joined by the (pseudonymized) e-mail rather than the id
				"select count(*) from webwork.task_assignees a join webwork.members m on m.workspace_id = a.workspace_id and m.email = a.email",
				"select count(*) from webwork.contracts c join webwork.members m on m.workspace_id = c.workspace_id and m.email = c.user_email",
				// the two queries of docs/bi.md, "Grouping and joining by a pseudonymized person", ordered
				"select count(distinct m.workspace_id), sum(d.minutes) from analytics.members m join analytics.member_days d "
						+ "using (workspace_id, member_id) group by m.email order by 2, 1",
				"select b.user_id as member_id, sum(e.amount) as spent from webwork.expenses e join (select distinct workspace_id, "
						+ "user_id, user_name from webwork.leave_balances) b on b.workspace_id = e.workspace_id and b.user_name = e.member "
						+ "where e._deleted_at is null group by b.user_id order by 1")) {
			assertThat(pseudonymized.dsl().fetch(facts).intoArrays()).as(facts).isEqualTo(keep.dsl().fetch(facts).intoArrays())
				.isNotEmpty();
		}
	}

	@Test
	void onePersonIsOnePseudonymInMembersReportsAndHistory() {
		Pseudonyms pseudonyms = new Pseudonyms(PrivacyKey.parse(PseudonymsTests.KEY, "WEBWORK_PRIVACY_KEY"));
		for (long ws : sandbox.data().workspaceIds()) {
			for (ObjectNode member : sandbox.data().list("members", ws)) {
				String email = pseudonyms.of(PersonalKind.EMAIL, member.path("email").asString());
				assertThat(pseudonymized.dsl().fetchValue("select email from webwork.members where workspace_id = ? and id = ?",
						ws, member.path("id").asLong())).isEqualTo(email);
			}
		}
		DSLContext dsl = pseudonymized.dsl();
		for (String table : List.of("report_tracked_hours", "report_tasks", "report_activity_level", "report_activity_descriptions",
				"report_timeline", "report_attendance", "task_assignees")) {
			String join = " from webwork." + table + " r join webwork.members m on m.workspace_id = r.workspace_id and m.id = r.user_id";
			assertThat(count(dsl, "select count(*)" + join)).as(table).isPositive();
			assertThat(count(dsl, "select count(*)" + join + " where r.firstname is distinct from m.firstname "
					+ "or r.lastname is distinct from m.lastname or r.raw->>'firstname' is distinct from m.firstname")).as(table).isZero();
		}
		assertThat(count(dsl, "select count(*) from webwork.members_history h join webwork.members m using (workspace_id, id) "
				+ "where h.email is distinct from m.email or h.raw->>'lastname' is distinct from m.lastname")).isZero();
		assertThat(count(dsl, "select count(*) from webwork.timesheets t join webwork.members m on m.workspace_id = t.workspace_id "
				+ "and m.id = t.user_id where t.raw->'member'->>'email' is distinct from m.email")).isZero();
		assertThat(count(dsl, "select count(*) from webwork.members where email not like 'k1:%'")).isZero();
	}

	@Test
	void aSecondUnchangedRunRewritesNothingUnderEveryPolicy() {
		for (SyncHarness harness : List.of(pseudonymized, dropped)) {
			long versions = count(harness.dsl(), "select count(*) from webwork.members_history");
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(harness.lastRun().byStream()).allSatisfy((stream, counts) -> {
				assertThat(counts.get("upserted")).as(stream + " upserted").isZero();
				assertThat(counts.get("deleted")).as(stream + " deleted").isZero();
			});
			assertThat(count(harness.dsl(), "select count(*) from webwork.members_history")).isEqualTo(versions);
		}
	}

	private static long count(DSLContext dsl, String sql) {
		return dsl.fetchOne(sql).get(0, Long.class);
	}
}
