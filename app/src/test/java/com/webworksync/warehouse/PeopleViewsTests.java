package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;
import com.webworksync.job.ExitCodes;

/**
 * The views BI users ask first, over a sandbox backfill: a display name for every member, names and the reason for a
 * missing cost on every priced entry, and every active member on every day, days without time included.
 */
class PeopleViewsTests {

	private static SyncHarness harness;
	private static long ws;
	private static LocalDate today;

	@BeforeAll
	static void backfill() {
		harness = SyncHarness.start(SyncHarness.fastOptions());
		ws = harness.sandbox().data().workspaceIds().get(0);
		today = harness.sandbox().data().today(ws);
		assertThat(harness.sync("sync", "--from=" + today.minusDays(20))).isEqualTo(ExitCodes.OK);
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	private static long number(String sql, Object... binds) {
		return harness.dsl().fetchOne(sql, binds).get(0, Long.class);
	}

	@Test
	void everyLiveMemberHasADisplayName() {
		assertThat(number("select count(*) from analytics.members where workspace_id = ?", ws))
			.isEqualTo(number("select count(*) from webwork.members where workspace_id = ? and _deleted_at is null", ws))
			.isPositive();
		assertThat(number("select count(*) from analytics.members where display_name is null or display_name = ''")).isZero();
		Record member = harness.dsl()
			.fetchOne("select m.display_name, w.firstname, w.lastname from analytics.members m join webwork.members w "
					+ "on w.workspace_id = m.workspace_id and w.id = m.member_id where m.workspace_id = ? "
					+ "and w.firstname is not null order by m.member_id limit 1", ws);
		assertThat(member.get(0, String.class)).isEqualTo(member.get(1, String.class) + " " + member.get(2, String.class));
	}

	@Test
	void everyEntryWithoutACostSaysWhyAndEveryPricedOneHasNames() {
		assertThat(number("select count(*) from analytics.time_entry_cost")).isPositive();
		assertThat(number("select count(*) from analytics.time_entry_cost where cost is null and cost_missing_reason is null"))
			.as("a NULL cost without a reason")
			.isZero();
		assertThat(number("select count(*) from analytics.time_entry_cost where cost is not null and cost_missing_reason is not null"))
			.as("a reason beside a cost")
			.isZero();
		assertThat(number("select count(*) from analytics.time_entry_cost where contract_id is null "
				+ "and cost_missing_reason is distinct from 'no contract'")).isZero();
		assertThat(number("select count(*) from analytics.time_entry_cost c join webwork.members m "
				+ "on m.workspace_id = c.workspace_id and m.id = c.member_id and m._deleted_at is null "
				+ "where c.member_name is null and (m.firstname is not null or m.lastname is not null)")).isZero();
		assertThat(number("select count(*) from analytics.time_entry_cost c join webwork.projects p "
				+ "on p.workspace_id = c.workspace_id and p.id = c.project_id and p._deleted_at is null "
				+ "where c.project_name is distinct from p.name")).isZero();
	}

	@Test
	void memberDaysHoldEveryActiveMemberEveryDayAndAddUpToTheEntries() {
		long active = number("select count(*) from analytics.members where workspace_id = ? and is_active", ws);
		assertThat(active).isPositive();
		List<Record> yesterday = harness.dsl()
			.fetch("select member_id, minutes from analytics.member_days where workspace_id = ? and days_ago = 1", ws);
		assertThat(yesterday).as("one row per active member yesterday").hasSize((int) active);
		assertThat(number("select count(*) from analytics.member_days where workspace_id = ? and work_date = ?::date",
				ws, today.minusDays(5).toString())).isEqualTo(active);
		assertThat(number("select coalesce(sum(minutes), 0) from analytics.member_days where workspace_id = ?", ws))
			.as("the minutes of the active members' live entries")
			.isEqualTo(number("select coalesce(sum(e.duration_minutes), 0) from webwork.time_entries e join analytics.members m "
					+ "on m.workspace_id = e.workspace_id and m.member_id = e.user_id and m.is_active "
					+ "where e.workspace_id = ? and e._deleted_at is null", ws));
		assertThat(number("select count(*) from analytics.member_days where workspace_id = ? and minutes = 0", ws))
			.as("days without time are rows too")
			.isPositive();
		assertThat(number("select count(*) from analytics.member_days d join webwork.members m on m.workspace_id = d.workspace_id "
				+ "and m.id = d.member_id where m.\"current_role\" = 'Project viewer' or m.status <> 'active'")).isZero();
	}
}
