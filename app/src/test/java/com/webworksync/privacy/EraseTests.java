package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.jooq.Record;
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
import com.webworksync.config.PrivacyKey;
import com.webworksync.job.ExitCodes;
import com.webworksync.streams.PersonalKind;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code erase --member} on a pseudonymized warehouse, through the whole command line: the member's plain values and
 * pseudonyms are gone from every table (history, raw, reports, expenses, the derived keys), the hours per project
 * are unchanged, the audit row counts without naming, the next two syncs do not bring anything back, and a repeat
 * erases nothing more. Steps of one scenario, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class EraseTests {

	private static SyncHarness harness;
	private static long ws;
	private static ObjectNode member;

	private static final String HOURS = "select project_id, sum(minutes), count(*) from analytics.time_entry_cost group by 1 order by 1";
	private static final String REPORTED = "select project_id, sum(total_minutes) from webwork.report_tracked_hours group by 1 order by 1";

	@BeforeAll
	static void syncAPseudonymizedWarehouse() {
		harness = SyncHarness.start(SyncHarness.fastOptions()).with("sync.privacy", "pseudonymize")
			.with("webwork.privacy-key", PseudonymsTests.KEY);
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		ws = harness.sandbox().data().workspaceIds().get(0);
		// the member with the most synced expenses (they name their member by full name only, found by the same pseudonym
		// in leave_balances), time tracked too
		long id = harness.dsl().fetchOne("select b.user_id from webwork.expenses e join (select distinct workspace_id, user_id, "
				+ "user_name from webwork.leave_balances) b on b.workspace_id = e.workspace_id and b.user_name = e.member "
				+ "where e.workspace_id = ? and exists (select 1 from webwork.time_entries t where t.user_id = b.user_id) "
				+ "group by 1 order by count(*) desc, 1 limit 1", ws).get(0, Long.class);
		member = harness.sandbox().data().list("members", ws).stream().filter(m -> m.path("id").asLong() == id).findFirst().orElseThrow();
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	/** The member's e-mail and full name, plain and pseudonymized, and their name pseudonyms no one else shares. */
	private static Set<String> traces() {
		Pseudonyms pseudonyms = new Pseudonyms(PrivacyKey.parse(PseudonymsTests.KEY, "WEBWORK_PRIVACY_KEY"));
		String first = member.path("firstname").asString();
		String last = member.path("lastname").asString();
		Set<String> traces = new TreeSet<>(List.of(member.path("email").asString(), first + " " + last,
				pseudonyms.of(PersonalKind.EMAIL, member.path("email").asString()), pseudonyms.of(PersonalKind.NAME, first + " " + last)));
		List<ObjectNode> others = new ArrayList<>(harness.sandbox().data().list("members", ws));
		others.removeIf(m -> m.path("id").asLong() == member.path("id").asLong());
		if (others.stream().noneMatch(m -> m.path("firstname").asString().equals(first))) {
			traces.add(pseudonyms.of(PersonalKind.NAME, first));
		}
		if (others.stream().noneMatch(m -> m.path("lastname").asString().equals(last))) {
			traces.add(pseudonyms.of(PersonalKind.NAME, last));
		}
		return traces;
	}

	@Test
	@Order(1)
	void theDryRunSaysWhatItWouldTouchAndTouchesNothing(CapturedOutput output) throws Exception {
		assertThat(WarehouseScan.find(harness.databaseUrl(), traces())).as("the pseudonyms are there before").isNotEmpty();
		long id = member.path("id").asLong();
		// webhook hints: when the member's tracker stopped (one consumed, one open and planned), and another member's
		harness.dsl().execute("insert into sync.hints (connection, workspace_id, kind, member_id, day, received_at, event_id, "
				+ "consumed_at) values ('default', ?, 'tracker.stopped', ?, date '2026-11-02', now(), 'msg_consumed', now()), "
				+ "('default', ?, 'tracker.stopped', ?, date '2026-11-03', now(), 'msg_open', null), "
				+ "('default', ?, 'tracker.stopped', ?, date '2026-11-03', now(), 'msg_other', now())", ws, id, ws, id, ws, id + 1);
		harness.dsl().execute("insert into sync.hint_partitions (hint_id, stream, workspace_id, partition_key) select hint_id, "
				+ "'time_entries', workspace_id, member_id || '@2026-11-03' from sync.hints where event_id = 'msg_open'");
		assertThat(harness.main("erase", "--member=" + id, "--dry-run")).isEqualTo(ExitCodes.OK);
		assertThat(output.getOut()).contains("sync.hints 2");
		assertThat(count(harness.dsl(), "select count(*) from sync.hints where member_id = " + id)).isEqualTo(2);
		assertThat(output.getOut()).contains("erase member " + id + " --dry-run: workspace " + ws + ": would scrub ")
			.contains("webwork.members ").contains("webwork.members_history ").contains("webwork.expenses ").contains("webwork.tasks ");
		assertThat(count(harness.dsl(), "select count(*) from sync.erasures")).isZero();
		assertThat(harness.dsl().fetchValue("select email from webwork.members where id = ?", id)).isNotNull();
	}

	@Test
	@Order(2)
	void eraseScrubsThePlainValuesAndPseudonymsEverywhereAndKeepsTheHours(CapturedOutput output) throws Exception {
		Object[][] hours = harness.dsl().fetch(HOURS).intoArrays();
		Object[][] reported = harness.dsl().fetch(REPORTED).intoArrays();
		long id = member.path("id").asLong();

		int code = harness.main("erase", "--member=" + id);
		assertThat(code).as(output.getErr()).isEqualTo(ExitCodes.OK);

		assertThat(output.getOut()).contains("erased member " + id + " in workspace " + ws + ": ");
		assertThat(WarehouseScan.find(harness.databaseUrl(), traces())).isEmpty();
		assertThat(harness.dsl().fetch(HOURS).intoArrays()).as("hours per project").isEqualTo(hours).isNotEmpty();
		assertThat(harness.dsl().fetch(REPORTED).intoArrays()).isEqualTo(reported);
		assertThat(count(harness.dsl(), "select count(*) from webwork.report_activity_descriptions where user_id = " + id
				+ " and grain_key !~ '[|]#[0-9]+$'")).as("no key derived from a description").isZero();
		Record audit = harness.dsl().fetchOne("select person_id, requested_as, values_erased, tables::text from sync.erasures");
		assertThat(audit.get(0, Long.class)).isEqualTo(id);
		assertThat(audit.get(1, String.class)).isEqualTo("member");
		assertThat(audit.get(2, Long.class)).isPositive();
		assertThat(audit.get(3, String.class)).contains("webwork.members", "webwork.members_history", "webwork.report_timeline",
				"webwork.expenses", "webwork.tasks", "webwork.contracts", "sync.hints");
		assertThat(count(harness.dsl(), "select count(*) from sync.hints where member_id = " + id)).as("their hints").isZero();
		assertThat(count(harness.dsl(), "select count(*) from sync.hint_partitions where partition_key like '" + id + "@%'"))
			.isZero();
		assertThat(count(harness.dsl(), "select count(*) from sync.hints where event_id = 'msg_other'")).as("another's")
			.isEqualTo(1);
		for (String trace : traces()) {
			assertThat(audit.toString()).doesNotContain(trace);
		}
	}

	@Test
	@Order(3)
	void theNextTwoSyncsDoNotBringThemBack() throws Exception {
		long id = member.path("id").asLong();
		for (int run = 0; run < 2; run++) {
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(WarehouseScan.find(harness.databaseUrl(), traces())).as("after sync " + (run + 1)).isEmpty();
		}
		assertThat(harness.dsl().fetchValue("select firstname from webwork.members where id = ?", id)).isNull();
		assertThat(count(harness.dsl(), "select count(*) from webwork.members where id = " + id + " and _deleted_at is null")).isEqualTo(1);
		assertThat(harness.lastRun().byStream().get("members").get("upserted")).as("the second sync rewrote nothing").isZero();
	}

	@Test
	@Order(4)
	void aRepeatErasesNothingMore(CapturedOutput output) {
		long before = count(harness.dsl(), "select values_erased from sync.erasures");
		assertThat(harness.main("erase", "--member=" + member.path("id").asLong())).isEqualTo(ExitCodes.OK);
		assertThat(output.getOut()).contains(": 0 values in 0 tables");
		assertThat(count(harness.dsl(), "select values_erased from sync.erasures")).isEqualTo(before);
	}

	@Test
	@Order(5)
	void anUnknownMemberIsExit2AndOneLine(CapturedOutput output) {
		int errBefore = output.getErr().length();
		assertThat(harness.main("erase", "--member=987654321")).isEqualTo(ExitCodes.CONFIGURATION);
		List<String> lines = output.getErr().substring(errBefore).lines().filter(l -> !l.isBlank()).toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).startsWith("webwork-sync: ").contains("987654321").contains("webwork.members");
	}

	private static long count(DSLContext dsl, String sql) {
		return dsl.fetchOne(sql).get(0, Long.class);
	}
}
