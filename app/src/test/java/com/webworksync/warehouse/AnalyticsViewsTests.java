package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.webworksync.job.ExitCodes;
import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.warehouse.DataDictionary.Relation;

import tools.jackson.databind.node.ObjectNode;

/**
 * The analytics views over a sandbox backfill: each has rows, they add up to the live rows they
 * summarise, a row deleted at the source leaves them on the next run, and the BI role script
 * gives read access to webwork and analytics but none to sync. Real PostgreSQL, sandbox over HTTP.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsViewsTests {

	static final List<String> VIEWS = List.of("hours_per_member_day", "hours_per_project_week", "utilization_weekly",
			"timesheet_status", "leave_calendar", "expenses_by_project_category", "data_freshness", "stream_status", "time_entry_cost", "data_quality", "members", "member_days",
			"tracking_now");

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private static SyncHarness harness;
	private static long ws;
	private static LocalDate today;

	@BeforeAll
	static void backfill() {
		harness = SyncHarness.start(SyncHarness.fastOptions());
		ws = harness.sandbox().data().workspaceIds().get(0);
		today = harness.sandbox().data().today(ws);
		assertThat(harness.sync("sync", "--from=" + today.minusDays(100))).isEqualTo(ExitCodes.OK);
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	@Order(1)
	void everyViewReturnsRows() {
		List<String> views = DataDictionary.read(harness.dsl(), List.of("analytics"))
			.relations("analytics")
			.stream()
			.map(Relation::name)
			.toList();
		assertThat(views).containsExactlyInAnyOrderElementsOf(VIEWS);
		for (String view : views) {
			int rows = harness.dsl().fetchCount(harness.dsl().selectFrom("analytics." + view));
			if (view.equals("data_quality")) {
				assertThat(rows).as("consistent sources: no mismatch to show").isZero();
			}
			else if (view.equals("tracking_now")) {
				assertThat(rows).as("tracker_status is opt-in: the default streams leave it out").isZero();
			}
			else {
				assertThat(rows).as(view).isPositive();
			}
		}
	}

	@Test
	@Order(2)
	void hoursPerMemberDayAddUpTheLiveTimeEntries() {
		long served = harness.sandbox().data().list("time_entries", ws).stream()
			.mapToLong(entry -> entry.path("duration_minutes").asLong())
			.sum();
		assertThat(value(Long.class, "select sum(minutes) from analytics.hours_per_member_day"))
			.isEqualTo(served);
		assertHoursPerMemberDayMatchLiveEntries(harness.dsl());
		assertThat(harness.dsl().fetchCount(harness.dsl().selectFrom("analytics.hours_per_member_day")
			.where("hours <> round(minutes / 60.0, 2) or member_name is null"))).isZero();
	}

	@Test
	@Order(3)
	void theOtherViewsAgreeWithTheirSources() {
		DSLContext dsl = harness.dsl();
		// the tracked-hours report counts the same time as the entries
		assertThat(value(Long.class, "select sum(minutes) from analytics.hours_per_project_week"))
			.isEqualTo(value(Long.class, "select sum(minutes) from analytics.hours_per_member_day"));
		assertThat(dsl.fetchCount(dsl.selectFrom("analytics.hours_per_project_week").where("amount is null"))).isZero();
		assertThat(value(Long.class, "select sum(tracked_minutes) from analytics.utilization_weekly"))
			.isEqualTo(value(Long.class, "select sum(minutes) from analytics.hours_per_member_day"));
		assertThat(dsl.fetchCount(dsl.selectFrom("analytics.utilization_weekly")
			.where("(weekly_hours_limit is null) <> (utilization is null)"))).isZero();
		// open and pending are one status
		assertThat(dsl.fetch("select distinct status from analytics.timesheet_status").getValues(0, String.class))
			.isSubsetOf("open", "submitted", "approved", "rejected")
			.contains("open");
		assertThat(dsl.fetchCount(dsl.selectFrom("analytics.timesheet_status")
			.where("status_as_sent = 'pending' and status <> 'open'"))).isZero();
		// a day per calendar day of each approved or pending leave, never a rejected one
		assertThat(value(Long.class, "select count(*) from analytics.leave_calendar"))
			.isEqualTo(value(Long.class, "select sum(end_date - start_date + 1) from webwork.leaves "
					+ "where _deleted_at is null and status in ('approved', 'pending')"));
		assertThat(dsl.fetchCount(dsl.selectFrom("analytics.leave_calendar").where("policy_name is null"))).isZero();
		assertThat(value(BigDecimal.class, "select sum(amount) from analytics.expenses_by_project_category"))
			.isEqualByComparingTo(value(BigDecimal.class, "select sum(amount) from webwork.expenses where _deleted_at is null"));
		assertThat(dsl.fetchCount(dsl.selectFrom("analytics.expenses_by_project_category")
			.where("billable_amount + non_billable_amount <> amount"))).isZero();
		// time entries are held in full up to the last day before today with time (today if the owner's midnight
		// passed during the sync): a member-day stream has partitions only where someone tracked, and few do at weekends
		LocalDate lastDayWithTime = harness.sandbox().data().list("time_entries", ws).stream()
			.map(entry -> LocalDate.parse(entry.path("date").asString()))
			.filter(day -> day.isBefore(today))
			.max(LocalDate::compareTo)
			.orElseThrow();
		assertThat(value(LocalDate.class, "select synced_through from analytics.data_freshness where stream = 'time_entries'"))
			.isBetween(lastDayWithTime, today);
		assertThat(value(LocalDate.class, "select synced_through from analytics.data_freshness where stream = 'members'"))
			.isNull();
	}

	@Test
	@Order(4)
	void aRowDeletedAtTheSourceLeavesTheViewsOnTheNextRun() {
		ObjectNode entry = harness.sandbox().data().findTimeEntry(ws, e -> {
			LocalDate date = LocalDate.parse(e.path("date").asString());
			return date.isAfter(today.minusDays(20)) && date.isBefore(today.minusDays(1));
		});
		long member = entry.path("user_id").asLong();
		LocalDate day = LocalDate.parse(entry.path("date").asString());
		long minutesBefore = memberDayMinutes(member, day);

		ObjectNode expense = harness.sandbox().data().list("expenses", ws).stream()
			.filter(e -> ApiValues.date(e.path("expense_date").asString()).isAfter(today.minusDays(20)))
			.findFirst()
			.orElseThrow();
		LocalDate month = ApiValues.date(expense.path("expense_date").asString()).withDayOfMonth(1);
		Record before = expenseGroup(month, expense);

		harness.sandbox().data().remove("time_entries", ws, entry.path("id").asString());
		harness.sandbox().data().remove("expenses", ws, expense.path("id").asString());
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);

		assertThat(deletedAt("time_entries", entry.path("id").asString())).isNotNull();
		assertThat(deletedAt("expenses", expense.path("id").asString())).isNotNull();
		assertThat(memberDayMinutes(member, day)).isEqualTo(minutesBefore - entry.path("duration_minutes").asLong());
		assertHoursPerMemberDayMatchLiveEntries(harness.dsl());
		Record after = expenseGroup(month, expense);
		long countAfter = after == null ? 0 : after.get("expenses", Long.class);
		BigDecimal amountAfter = after == null ? BigDecimal.ZERO : after.get("amount", BigDecimal.class);
		assertThat(countAfter).isEqualTo(before.get("expenses", Long.class) - 1);
		assertThat(amountAfter).isEqualByComparingTo(
				before.get("amount", BigDecimal.class).subtract(expense.path("amount").decimalValue()));
	}

	@Test
	@Order(5)
	void theBiRoleReadsWebworkAndAnalyticsButNotSync() throws Exception {
		String login = "bi_reader_test";
		String script = asPsqlRuns(Files.readString(Path.of("sql", "roles",
				"create_bi_readonly_role.sql")), Map.of("bi_user", login, "bi_password", UUID.randomUUID().toString()));
		try (Connection admin = connect(); Statement statement = admin.createStatement()) {
			statement.execute(script);
			statement.execute(script); // idempotent
			assertThat(value(Boolean.class, "select rolcanlogin from pg_roles where rolname = 'webwork_bi'")).isFalse();
			assertThat(value(Boolean.class, "select rolcanlogin from pg_roles where rolname = ?", login)).isTrue();
			for (String role : List.of("webwork_bi", login)) {
				statement.execute("set role " + role);
				for (String view : VIEWS) {
					// data_quality and tracking_now read sync.* with their owner's rights; here both are empty
					assertThat(count(statement, "analytics." + view)).as(role + " reads analytics." + view)
						.isGreaterThanOrEqualTo(view.equals("data_quality") || view.equals("tracking_now") ? 0 : 1);
				}
				assertThat(count(statement, "webwork.time_entries")).isPositive();
				assertDenied(statement, "select count(*) from sync.runs");
				assertDenied(statement, "select count(*) from sync.partitions");
				assertDenied(statement, "select count(*) from batch.batch_job_execution");
				assertDenied(statement, "update webwork.members set team_name = 'x'");
				assertDenied(statement, "delete from webwork.time_entries");
				statement.execute("reset role");
			}
		}
	}

	@Test
	@Order(6)
	void amountsAreNullWhereRatesAreHidden() {
		try (SyncHarness hidden = SyncHarness.start(SyncHarness.fastOptions().withRatesVisible(false).withMembers(3)
			.withHistoryDays(14))) {
			long workspace = hidden.sandbox().data().workspaceIds().get(0);
			LocalDate day = hidden.sandbox().data().today(workspace);
			assertThat(hidden.sync("sync", "--from=" + day.minusDays(14))).isEqualTo(ExitCodes.OK);
			DSLContext dsl = hidden.dsl();
			assertThat(dsl.fetchCount(dsl.selectFrom("analytics.hours_per_project_week"))).isPositive();
			assertThat(dsl.fetchCount(dsl.selectFrom("analytics.hours_per_project_week")
				.where("amount is not null or currency is not null"))).isZero();
			assertThat(dsl.fetchCount(dsl.selectFrom("analytics.timesheet_status").where("total_amount is not null")))
				.isZero();
		}
	}

	private static void assertHoursPerMemberDayMatchLiveEntries(DSLContext dsl) {
		assertThat(dsl.fetch("""
				select * from (
				    select workspace_id, member_id, work_date, minutes, entries from analytics.hours_per_member_day
				) v full join (
				    select workspace_id, user_id, date, sum(duration_minutes) as minutes, count(*) as entries
				    from webwork.time_entries where _deleted_at is null group by workspace_id, user_id, date
				) e on e.workspace_id = v.workspace_id and e.user_id = v.member_id and e.date = v.work_date
				where (v.minutes, v.entries) is distinct from (e.minutes, e.entries)""")).isEmpty();
	}

	/** The first column of the first row, or null without a row. */
	private static <T> T value(Class<T> type, String sql, Object... bindings) {
		Record row = harness.dsl().fetchOne(sql, bindings);
		return row == null ? null : row.get(0, type);
	}

	private static long memberDayMinutes(long member, LocalDate day) {
		Long minutes = value(Long.class, "select minutes from analytics.hours_per_member_day "
				+ "where workspace_id = ? and member_id = ? and work_date = ?", ws, member, day);
		return minutes == null ? 0 : minutes;
	}

	private static Record expenseGroup(LocalDate month, ObjectNode expense) {
		return harness.dsl().fetchOne("select expenses, amount from analytics.expenses_by_project_category "
				+ "where workspace_id = ? and month_start = ? and project_name is not distinct from ? "
				+ "and category_name is not distinct from ?", ws, month, text(expense, "project"), text(expense, "category"));
	}

	private static String text(ObjectNode node, String field) {
		return node.path(field).isNull() || node.path(field).isMissingNode() ? null : node.path(field).asString();
	}

	private static Object deletedAt(String table, String id) {
		return harness.dsl().fetchValue("select _deleted_at from webwork." + table + " where id = ?", id);
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection(harness.databaseUrl(), TestWarehouse.username(), TestWarehouse.password());
	}

	private static long count(Statement statement, String relation) throws SQLException {
		try (var rows = statement.executeQuery("select count(*) from " + relation)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static void assertDenied(Statement statement, String sql) {
		assertThatThrownBy(() -> statement.execute(sql)).as(sql)
			.isInstanceOfSatisfying(SQLException.class,
					ex -> assertThat(ex.getSQLState()).as(ex.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
	}

	/**
	 * The script as psql runs it with every variable set: meta-commands (the {@code \if} guards that
	 * only test whether a variable is set, {@code \echo}, {@code \set}) are dropped and
	 * {@code :'name'} becomes a quoted literal.
	 */
	static String asPsqlRuns(String script, Map<String, String> variables) {
		StringBuilder sql = new StringBuilder();
		for (String line : script.split("\n")) {
			if (!line.stripLeading().startsWith("\\")) {
				sql.append(line).append('\n');
			}
		}
		Matcher m = Pattern.compile(":'(\\w+)'").matcher(sql);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = variables.get(m.group(1));
			if (value == null) {
				throw new IllegalArgumentException("the script uses psql variable " + m.group(1) + ", which the test does not set");
			}
			m.appendReplacement(out, Matcher.quoteReplacement("'" + value.replace("'", "''") + "'"));
		}
		m.appendTail(out);
		return out.toString();
	}
}
