package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Field lists and formats exactly as the contract (Part A, Part B "NEW", Part C) describes them. */
class ShapesTests {

	private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private static final String LARAVEL = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000000Z";

	private static final String ISO_Z = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

	private static final Map<String, List<String>> FIELDS = Map.ofEntries(
			Map.entry("/workspaces",
					List.of("id", "owner_id", "user_id", "workspace_name", "role", "status", "created_at",
							"activated_at")),
			Map.entry("/members",
					List.of("id", "email", "firstname", "lastname", "avatar", "current_role", "timezone", "status",
							"team_name", "title", "is_blocked", "rate", "rate_status", "rate_type", "screenshots",
							"weekly_hours_limit", "created_at", "updated_at", "deleted_at")),
			Map.entry("/projects",
					List.of("id", "name", "owner_id", "start_date", "deadline", "estimation", "budget_estimation", "notes",
							"icon", "is_billable", "rate", "weekly_hours_limit", "screenshots", "tags", "contracts_count",
							"status", "created_at", "updated_at", "deleted_at")),
			Map.entry("/tasks",
					List.of("id", "title", "description", "project_id", "owner_id", "creator_id", "status", "status_name",
							"status_color", "priority", "priority_name", "start_date", "end_date", "completed_at",
							"parent_id", "assignees", "created_at", "updated_at", "deleted_at")),
			Map.entry("/contracts",
					List.of("id", "project_id", "project_name", "project_icon", "user_id", "user_firstname",
							"user_lastname", "user_email", "user_role", "weekly_hours_limit", "screenshots",
							"screenshots_label", "rate", "rate_type", "status", "currency", "created_at", "updated_at",
							"contract_name")),
			Map.entry("/project-viewers",
					List.of("id", "email", "firstname", "lastname", "status", "member_since", "projects")),
			Map.entry("/leaves/policies",
					List.of("id", "name", "is_paid", "unit", "allowance", "created_at", "updated_at")),
			Map.entry("/expenses/categories", List.of("id", "name", "created_at")),
			Map.entry("/webhooks", List.of("id", "url", "events", "token")),
			Map.entry("/timesheets",
					List.of("id", "user_id", "member", "date_from", "date_to", "total_minutes", "total_hours", "status",
							"submitted_on", "reject_reason", "daily_breakdown", "total_amount", "currency")),
			Map.entry("/time-requests",
					List.of("id", "user_id", "contract_id", "project_id", "task_id", "start", "end", "status", "notes",
							"comment", "updated_by", "created_at", "updated_at")),
			Map.entry("/leaves",
					List.of("id", "user_id", "policy_id", "status", "note", "is_paid", "created_by", "approved_by",
							"rejected_by", "reject_reason", "start_date", "end_date", "created_on", "total")),
			Map.entry("/leaves/balances", List.of("user_id", "user_name", "leave_information", "total_balance")),
			Map.entry("/expenses",
					List.of("id", "member", "expense_date", "expense_name", "project", "category", "amount", "note",
							"type", "added_dte")),
			Map.entry("/time-entries",
					List.of("id", "user_id", "contract_id", "project_id", "project_name", "task_id", "task_title",
							"activity_description", "method", "date", "start_time", "end_time", "duration_minutes")),
			Map.entry("/reports/tracked-hours", List.of("report_type", "start_date", "end_date", "total", "dates")),
			Map.entry("/reports/daily-timeline",
					List.of("user_id", "firstname", "lastname", "total_minutes", "activity_level", "entries")),
			Map.entry("/reports/activity-level", List.of("user_id", "firstname", "lastname", "average_activity", "days")),
			Map.entry("/reports/task-report",
					List.of("user_id", "firstname", "lastname", "total_minutes", "tasks_breakdown", "daily_breakdown")),
			Map.entry("/reports/daily-attendance",
					List.of("user_id", "firstname", "lastname", "statuses", "first_start", "last_end", "tracked_minutes",
							"break_minutes", "breaks")),
			Map.entry("/reports/activity-descriptions", List.of("user_id", "firstname", "lastname", "descriptions")));

	private static Sandbox sandbox;

	private static Api api;

	private static Map<String, String> endpoints;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(PinnedSandbox.OPTIONS);
		api = new Api(sandbox);
		long ws = sandbox.data().workspaceIds().get(0);
		endpoints = Endpoints.all(ws, sandbox.data().list("projects", ws).get(0).get("id").asLong());
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void everyEndpointServesExactlyTheContractFields() throws Exception {
		assertThat(FIELDS.keySet()).containsExactlyInAnyOrderElementsOf(endpoints.keySet());
		for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
			JsonNode body = api.ok(endpoint.getValue()).json();
			assertThat(body.get("success").asBoolean()).isTrue();
			assertThat(body.get("message").asString()).endsWith("retrieved successfully");
			JsonNode data = body.get("data");
			JsonNode item = data.isArray() ? data.get(0) : data;
			// members and contracts: the first rows carry every optional field (owner, billable)
			assertThat(names(item)).as(endpoint.getKey()).isEqualTo(FIELDS.get(endpoint.getKey()));
		}
	}

	@Test
	void formatsFollowTheDocumentedQuirks() throws Exception {
		JsonNode workspace = data("/workspaces").get(0);
		assertThat(workspace.get("created_at").asString()).matches(LARAVEL);
		assertThat(workspace.get("activated_at").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
		assertThat(data("/members").get(0).get("created_at").asString()).matches(LARAVEL);
		assertThat(data("/time-entries").get(0).get("start_time").asString()).matches(ISO_Z);
		assertThat(data("/time-entries").get(0).get("id").asString()).matches(UUID);
		assertThat(data("/time-requests").get(0).get("id").asString()).matches("[a-z0-9]{24}");
		assertThat(data("/timesheets").get(0).get("id").asString()).matches("tsh_[0-9a-f]{16}");
		assertThat(data("/webhooks").get(0).get("id").asString()).matches("[a-z0-9]{12}");
		assertThat(data("/leaves").get(0).get("id").asString()).matches(UUID);
		assertThat(data("/expenses/categories").get(0).get("id").asString()).matches(UUID);
		data("/leaves").forEach(l -> assertThat(l.get("is_paid").asString()).isIn("yes", "no"));
		JsonNode expense = data("/expenses").get(0);
		assertThat(expense.get("id").asString()).matches(UUID);
		assertThat(expense.get("expense_date").asString()).matches("[A-Z][a-z]{2} \\d{1,2}, \\d{4}");
		assertThat(expense.get("added_dte").asString()).matches("[A-Z][a-z]{2} \\d{1,2}, \\d{4}");
		assertThat(expense.get("member").asString()).contains(" ");
		List<String> balances = new ArrayList<>();
		data("/leaves/balances").forEach(b -> b.get("leave_information").forEach(i -> balances.add(i.get("balance").asString())));
		assertThat(balances).allMatch(b -> b.matches("\\d+(\\.\\d+)? (day|days|hour|hours)"));
		assertThat(balances).anyMatch(b -> b.endsWith("days")).anyMatch(b -> b.endsWith("hours"));
		JsonNode attendance = data("/reports/daily-attendance").get(0);
		assertThat(attendance.get("first_start").asString()).matches("\\d\\d:\\d\\d");
		JsonNode task = data("/tasks").get(0);
		assertThat(task.get("status").asInt()).isIn(0, 10, 20, 30);
		assertThat(task.get("assignees").isArray()).isTrue();
	}

	@Test
	void contractRateIsAbsentForNonBillableProjects() {
		long ws = sandbox.data().workspaceIds().get(0);
		var billable = new java.util.HashMap<Long, Boolean>();
		sandbox.data().list("projects", ws).forEach(p -> billable.put(p.get("id").asLong(), p.get("is_billable").asBoolean()));
		assertThat(billable).containsValues(true, false);
		sandbox.data().list("contracts", ws).forEach(c -> {
			if (!billable.get(c.get("project_id").asLong())) {
				assertThat(c.has("rate")).as(c.toString()).isFalse();
			}
		});
	}

	private static JsonNode data(String path) throws Exception {
		return api.ok(endpoints.get(path)).data();
	}

	private static List<String> names(JsonNode item) {
		return new ArrayList<>(item.propertyNames());
	}

}
