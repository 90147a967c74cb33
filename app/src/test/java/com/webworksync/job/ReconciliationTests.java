package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.webworksync.SyncHarness;
import com.webworksync.observe.StatusReport;
import com.webworksync.observe.SyncMetrics;

import tools.jackson.databind.node.ObjectNode;

/**
 * sync.reconciliation compares, per member-day, the time entries with the tracked-hours report and
 * the timesheet: consistent sources give no mismatch; a report skewed on one member-day gives
 * exactly that member-day as a mismatch, its entries are re-read once by the next run, then it
 * stays flagged without being re-read again, and no run fails because of it.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationTests {

	private static final int LOOKBACK = 10;

	private static SyncHarness harness;
	private static long ws;
	private static long user;
	private static LocalDate day;

	@BeforeAll
	static void start() {
		harness = SyncHarness.start(SyncHarness.fastOptions()).with("sync.lookback-days", LOOKBACK);
		ws = harness.sandbox().data().workspaceIds().get(0);
		LocalDate today = harness.sandbox().data().today(ws);
		ObjectNode entry = harness.sandbox().data()
			.findTimeEntry(ws, e -> LocalDate.parse(e.path("date").asString()).equals(today.minusDays(3))
					|| LocalDate.parse(e.path("date").asString()).equals(today.minusDays(4)));
		user = entry.path("user_id").asLong();
		day = LocalDate.parse(entry.path("date").asString());
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	@Order(1)
	void consistentSourcesGiveNoMismatch() {
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		long days = number("select count(*) from sync.reconciliation");
		assertThat(days).as("member-days checked").isGreaterThan(10);
		assertThat(number("select count(*) from sync.reconciliation where status = 'mismatch'")).isZero();
		assertThat(number("select count(*) from analytics.data_quality")).isZero();
		assertThat(number("select count(*) from sync.reconciliation where entries_minutes = 0 and report_minutes = 0 "
				+ "and timesheet_minutes is null")).as("rows without time anywhere").isZero();
		assertThat(number("select count(*) from sync.reconciliation where timesheet_minutes is not null"))
			.as("timesheets compared too").isPositive();
		assertThat(mismatchMetric()).isZero();
	}

	@Test
	@Order(2)
	void aSkewedReportIsOneMismatchReReadOnceThenLeftFlagged() {
		harness.sandbox().data().skewTrackedHours(ws, user, day, 7);
		// the report changed: this run reads the report and that member-day, and finds them disagreeing
		harness.sandbox().requests().clear();
		assertThat(harness.sync()).as("disagreeing sources do not fail a run").isEqualTo(ExitCodes.OK);
		List<Record> mismatches = harness.dsl().fetch("select user_id, date, entries_minutes, report_minutes, rereads "
				+ "from sync.reconciliation where status = 'mismatch'");
		assertThat(mismatches).hasSize(1);
		assertThat(mismatches.get(0).get("user_id", Long.class)).isEqualTo(user);
		assertThat(mismatches.get(0).get("date", LocalDate.class)).isEqualTo(day);
		assertThat(mismatches.get(0).get("report_minutes", Integer.class) - mismatches.get(0).get("entries_minutes", Integer.class))
			.isEqualTo(7);
		assertThat(mismatches.get(0).get("rereads", Integer.class)).isZero();

		// the next run re-reads that member-day's entries once
		harness.sandbox().requests().clear();
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		assertThat(entryRequests()).as("re-reads of the mismatched member-day").isEqualTo(1);
		Record flagged = harness.dsl().fetchOne("select status, rereads from sync.reconciliation where workspace_id = ? "
				+ "and user_id = ? and date = ?", ws, user, day);
		assertThat(flagged.get("status", String.class)).isEqualTo("mismatch");
		assertThat(flagged.get("rereads", Integer.class)).isEqualTo(1);
		assertThat(number("select count(*) from sync.reconciliation where status = 'mismatch'")).isEqualTo(1);

		// and the one after does not re-read it again; it stays flagged, for BI and in status
		harness.sandbox().requests().clear();
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		assertThat(entryRequests()).as("re-reads after the one").isZero();
		Record quality = harness.dsl().fetchOne("select member_id, work_date, difference_minutes, reread from analytics.data_quality");
		assertThat(quality.get("member_id", Long.class)).isEqualTo(user);
		assertThat(quality.get("work_date", LocalDate.class)).isEqualTo(day);
		assertThat(quality.get("difference_minutes", Integer.class)).isEqualTo(-7);
		assertThat(quality.get("reread", Boolean.class)).isTrue();
		assertThat(mismatchMetric()).isEqualTo(1);
		String status = harness.bean(StatusReport.class).render();
		assertThat(status).containsPattern("(?m)^  " + ws + " +\\d+ +1 +1 ");
	}

	@Test
	@Order(3)
	void whenTheSourcesAgreeAgainTheFlagClears() {
		harness.sandbox().data().skewTrackedHours(ws, user, day, 0);
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		assertThat(number("select count(*) from sync.reconciliation where status = 'mismatch'")).isZero();
		assertThat(number("select rereads from sync.reconciliation where user_id = " + user + " and date = '" + day + "'"))
			.isZero();
		assertThat(mismatchMetric()).isZero();
	}

	private static long entryRequests() {
		return harness.sandbox().requests().all().stream()
			.filter(r -> r.path().equals("/time-entries"))
			.filter(r -> List.of(Long.toString(user)).equals(r.query().get("user_id"))
					&& List.of(day.toString()).equals(r.query().get("date")))
			.count();
	}

	private static double mismatchMetric() {
		var gauge = harness.bean(SyncMetrics.class).registry().find(SyncMetrics.RECONCILIATION_MISMATCHES)
			.tag("workspace_id", Long.toString(ws)).gauge();
		return gauge == null ? 0 : gauge.value();
	}

	private static long number(String sql) {
		return harness.dsl().fetchOne(sql).get(0, Long.class);
	}
}
