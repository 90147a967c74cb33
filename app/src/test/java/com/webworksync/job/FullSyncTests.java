package com.webworksync.job;

import static com.webworksync.WarehouseAssertions.canonical;
import static com.webworksync.WarehouseAssertions.live;
import static com.webworksync.WarehouseAssertions.rawById;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.webworksync.SyncHarness;
import com.webworksync.warehouse.ApiValues;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A backfill over the sandbox's whole history lands exactly what the sandbox holds, in every
 * stream; a second run rewrites nothing; edits, disappearances and reappearances at the source
 * reach the warehouse on the next run. Real PostgreSQL, the sandbox over HTTP.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FullSyncTests {

	private static SyncHarness harness;
	private static long ws;
	private static LocalDate today;

	@BeforeAll
	static void backfillEverything() {
		harness = SyncHarness.start(SyncHarness.fastOptions().withHistoryDays(75));
		ws = harness.sandbox().data().workspaceIds().get(0);
		today = harness.sandbox().data().today(ws);
		int exit = harness.sync("sync", "--from=" + today.minusDays(120));
		assertThat(exit).isEqualTo(ExitCodes.OK);
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	@Order(1)
	void everyDimensionLandsExactlyAsServed() {
		assertSameRows("workspaces", "workspaces", "id", item -> true);
		assertSameRows("members", "members", "id", item -> true);
		assertSameRows("projects", "projects", "id", item -> true);
		assertSameRows("tasks", "tasks", "id", item -> true);
		assertSameRows("contracts", "contracts", "id", item -> true);
		assertSameRows("project_viewers", "project_viewers", "id", item -> true);
		assertSameRows("leave_policies", "leave_policies", "id", item -> true);
		assertSameRows("expense_categories", "expense_categories", "id", item -> true);
	}

	@Test
	@Order(2)
	void everyDatedStreamLandsWhatTheBackfillCovers() {
		assertSameRows("timesheets", "timesheets", "id", item -> !date(item, "date_from").isAfter(today));
		assertSameRows("leaves", "leaves", "id", item -> !date(item, "start_date").isAfter(today));
		assertSameRows("expenses", "expenses", "id", item -> !date(item, "expense_date").isAfter(today));
		assertSameRows("time_requests", "time_requests", "id",
				item -> !ApiValues.instant(item.path("start").asString()).toLocalDate().isAfter(today.plusDays(1)));
		assertSameRows("time_entries", "time_entries", "id", item -> true);
	}

	@Test
	@Order(3)
	void webhookSecretsNeverReachTheWarehouse() {
		List<ObjectNode> served = harness.sandbox().data().list("webhooks", ws);
		assertThat(live(harness.dsl(), "webhooks")).isEqualTo(served.size());
		for (Record row : harness.dsl().fetch("select raw::text, url from webwork.webhooks")) {
			assertThat(row.get(0, String.class)).doesNotContain("whsec_").doesNotContain("\"token\"");
		}
	}

	@Test
	@Order(4)
	void childTablesMatchTheirParentsArrays() {
		int tags = harness.sandbox().data().list("projects", ws).stream().mapToInt(p -> p.path("tags").size()).sum();
		int assignees = harness.sandbox().data().list("tasks", ws).stream().mapToInt(t -> t.path("assignees").size()).sum();
		int viewerProjects = harness.sandbox().data().list("project_viewers", ws).stream()
			.mapToInt(v -> v.path("projects").size()).sum();
		assertThat(live(harness.dsl(), "project_tags")).isEqualTo(tags);
		assertThat(live(harness.dsl(), "task_assignees")).isEqualTo(assignees);
		assertThat(live(harness.dsl(), "project_viewer_projects")).isEqualTo(viewerProjects);
		int days = harness.sandbox().data().list("timesheets", ws).stream()
			.filter(t -> !date(t, "date_from").isAfter(today))
			.mapToInt(t -> t.path("daily_breakdown").propertyNames().stream()
				.mapToInt(d -> t.path("daily_breakdown").path(d).size()).sum())
			.sum();
		assertThat(live(harness.dsl(), "timesheet_days")).isEqualTo(days);
		// the snapshot of the year so far, as the planner asks for it (SNAPSHOT_DAY: January 1st to today)
		var data = harness.sandbox().data();
		int balances = data.workspaceIds().stream()
			.flatMap(id -> data.leaveBalances(id, data.today(id).withDayOfYear(1), data.today(id)).stream())
			.mapToInt(member -> member.path("leave_information").size()) // a row per member and leave type
			.sum();
		assertThat(balances).as("the sandbox has balances to compare").isPositive();
		assertThat(live(harness.dsl(), "leave_balances")).isEqualTo(balances);
	}

	@Test
	@Order(5)
	void typedColumnsHoldTheParsedValues() {
		ObjectNode member = harness.sandbox().data().list("members", ws).get(3);
		Record row = harness.dsl().fetchOne("select email, status, timezone, \"current_role\", rate, created_at "
				+ "from webwork.members where workspace_id = ? and id = ?", ws, member.path("id").asLong());
		assertThat(row.get("email", String.class)).isEqualTo(member.path("email").asString());
		assertThat(row.get("status", String.class)).isEqualTo(member.path("status").asString());
		assertThat(row.get("timezone", String.class)).isEqualTo(member.path("timezone").asString());
		assertThat(row.get("current_role", String.class)).isEqualTo(member.path("current_role").asString());
		assertThat(row.get("created_at", OffsetDateTime.class).toInstant())
			.isEqualTo(ApiValues.instant(member.path("created_at").asString()).toInstant());

		ObjectNode expense = harness.sandbox().data().list("expenses", ws).get(0);
		Record exp = harness.dsl().fetchOne("select expense_date, amount, added_dte from webwork.expenses where id = ?",
				expense.path("id").asString());
		assertThat(exp.get("expense_date", LocalDate.class)).isEqualTo(ApiValues.date(expense.path("expense_date").asString()));
		assertThat(exp.get("amount", BigDecimal.class)).isEqualByComparingTo(expense.path("amount").decimalValue());

		ObjectNode entry = harness.sandbox().data().list("time_entries", ws).get(10);
		Record te = harness.dsl().fetchOne("select start_time, end_time, duration_minutes, date from webwork.time_entries where id = ?",
				entry.path("id").asString());
		assertThat(te.get("start_time", OffsetDateTime.class).toInstant())
			.isEqualTo(ApiValues.instant(entry.path("start_time").asString()).toInstant());
		assertThat(te.get("duration_minutes", Integer.class)).isEqualTo(entry.path("duration_minutes").asInt());
		assertThat(te.get("date", LocalDate.class)).isEqualTo(LocalDate.parse(entry.path("date").asString()));

		Record balance = harness.dsl().fetchOne("select balance, balance_value, balance_unit from webwork.leave_balances limit 1");
		assertThat(balance.get("balance", String.class)).matches("[0-9.]+ (day|days|hour|hours)");
		assertThat(balance.get("balance", String.class)).startsWith(balance.get("balance_value", BigDecimal.class).stripTrailingZeros().toPlainString());
		assertThat(balance.get("balance_unit", String.class)).isIn("day", "days", "hour", "hours");
	}

	@Test
	@Order(6)
	void aSecondRunWithNoSourceChangeRewritesNothing() {
		assertThat(harness.sync("sync", "--from=" + today.minusDays(120))).isEqualTo(ExitCodes.OK);
		var summary = harness.lastRun();
		assertThat(summary.byStream()).allSatisfy((stream, counts) -> {
			assertThat(counts.get("upserted")).as(stream + " upserted").isZero();
			assertThat(counts.get("deleted")).as(stream + " deleted").isZero();
		});
		assertThat(summary.requests()).isPositive();
	}

	@Test
	@Order(7)
	void anEditAtTheSourceUpdatesExactlyThatRow() {
		ObjectNode member = harness.sandbox().data().list("members", ws).get(2);
		String id = member.path("id").asString();
		// team_name appears nowhere else (a name change would rightly reach the report rows too)
		harness.sandbox().data().update("members", ws, id, m -> m.put("team_name", "Renamed team"));
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		assertThat(harness.lastRun().byStream().get("members").get("upserted")).isEqualTo(1);
		assertThat(harness.dsl().fetchValue("select team_name from webwork.members where id = ?", Long.parseLong(id)))
			.isEqualTo("Renamed team");
		long touched = harness.lastRun().byStream().values().stream().mapToLong(c -> c.get("upserted")).sum();
		assertThat(touched).as("nothing else was rewritten: " + harness.lastRun().byStream()).isEqualTo(1);
	}

	@Test
	@Order(8)
	void aProjectThatDisappearsIsMarkedDeletedAndComesBackCleared() {
		ObjectNode project = harness.sandbox().data().list("projects", ws).stream()
			.filter(p -> p.path("tags").size() > 0)
			.findFirst()
			.orElseThrow();
		long id = project.path("id").asLong();
		harness.sandbox().data().remove("projects", ws, Long.toString(id));
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		assertThat(deletedAt("projects", id)).isNotNull();
		assertThat(harness.dsl().fetchCount(DSL.table("webwork.project_tags"),
				DSL.field("project_id").eq(id).and(DSL.field("_deleted_at").isNull())))
			.as("its tags go with it")
			.isZero();
		assertThat(harness.lastRun().byStream().get("projects").get("deleted")).isEqualTo(1 + project.path("tags").size());

		harness.sandbox().data().add("projects", ws, project);
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		assertThat(deletedAt("projects", id)).isNull();
		assertThat(rawById(harness.dsl(), "projects", "id").get(Long.toString(id))).isEqualTo(canonical(project));
	}

	@Test
	@Order(9)
	void aMemberWhoDisappearsIsMarkedDeletedAndComesBackCleared() {
		ObjectNode member = harness.sandbox().data().list("members", ws).get(5);
		long id = member.path("id").asLong();
		harness.sandbox().data().remove("members", ws, Long.toString(id));
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		assertThat(deletedAt("members", id)).isNotNull();
		assertThat(live(harness.dsl(), "members")).isEqualTo(harness.sandbox().data().list("members", ws).size());

		harness.sandbox().data().add("members", ws, member);
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		assertThat(deletedAt("members", id)).isNull();
	}

	private static Object deletedAt(String table, long id) {
		return harness.dsl().fetchValue("select _deleted_at from webwork." + table + " where id = ?", id);
	}

	private static LocalDate date(JsonNode item, String field) {
		return ApiValues.date(item.path(field).asString());
	}

	/** The live rows' raw JSON equals the served objects that {@code expected} selects, one for one. */
	private static void assertSameRows(String resource, String table, String idColumn, Predicate<JsonNode> expected) {
		Map<String, JsonNode> served = harness.sandbox().data().list(resource, ws).stream()
			.filter(expected)
			.collect(Collectors.toMap(item -> item.path("id").asString(), item -> canonical(item)));
		Map<String, JsonNode> landed = rawById(harness.dsl(), table, idColumn);
		assertThat(served).as(resource + " served").isNotEmpty();
		assertThat(landed.keySet()).as(table + " ids").containsExactlyInAnyOrderElementsOf(served.keySet());
		assertThat(landed).as(table + " raw").isEqualTo(served);
	}
}
