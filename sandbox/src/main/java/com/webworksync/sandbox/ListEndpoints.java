package com.webworksync.sandbox;

import static com.webworksync.sandbox.Paginator.Shape.META;
import static com.webworksync.sandbox.Paginator.Shape.NONE;
import static com.webworksync.sandbox.Paginator.Shape.TOP_LEVEL;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import tools.jackson.databind.node.ObjectNode;

/**
 * Every list endpoint as one row of a table: path, resource, pagination shape, page-size cap,
 * where the rows come from and which query filters apply. Filters validate their parameters first
 * and are evaluated only after the workspace is resolved.
 */
final class ListEndpoints {

	/** Parses its parameters (recording 422s) and returns the row test. */
	interface Filter extends Function<Call, Predicate<ObjectNode>> {
	}

	/** The candidate rows, read after validation passed. */
	interface Source extends BiFunction<Call, WorkspaceStore, Collection<ObjectNode>> {
	}

	record Spec(String path, String resource, Paginator.Shape shape, int maxPerPage, Source source,
			List<Filter> filters) {
	}

	/** No special source: every stored row of the resource. */
	private static final Source ALL = null;

	private ListEndpoints() {
	}

	static List<Spec> specs() {
		return List.of(spec("/members", "members", META, 100, ALL, eq("email", "email"), eq("status", "status"),
				eq("role", "current_role")), spec("/projects", "projects", NONE, 100, ALL, contains("name")),
				spec("/tasks", "tasks", NONE, 100, ALL, taskScope(), eqLong("status", "status"),
						eqLong("priority", "priority"), eqLong("parent_id", "parent_id")),
				spec("/contracts", "contracts", TOP_LEVEL, 100, ALL, eqLong("project_id", "project_id"),
						eqLong("user_id", "user_id"), eq("status", "status")),
				spec("/project-viewers", "project_viewers", NONE, 100, ALL, eq("email", "email")),
				spec("/leaves/policies", "leave_policies", META, 100, ALL),
				spec("/expenses/categories", "expense_categories", META, 100, ALL),
				spec("/webhooks", "webhooks", META, 50, ALL),
				// the weeks asked for, not every week of the history
				spec("/timesheets", "timesheets", NONE, 100,
						(call, store) -> store.timesheetsOverlapping(call.optionalDate("date_from"),
								call.optionalDate("date_to")),
						overlap("date_from", "date_to", false),
						eq("status", "status"), eqLong("user_id", "user_id"), eq("id", "id")),
				spec("/time-requests", "time_requests", NONE, 100, ALL, startDayInRange(), eq("status", "status"),
						eqLong("user_id", "user_id"), eqLong("project_id", "project_id"), eq("id", "id")),
				spec("/leaves", "leaves", NONE, 100, ALL, overlap("start_date", "end_date", false),
						eq("status", "status"), eqLong("user_id", "user_id"), eqLong("policy_id", "policy_id"),
						eq("is_paid", "is_paid"), eq("id", "id")),
				spec("/expenses", "expenses", NONE, 100, ALL, expenseDateInRange(), eq("id", "id")),
				// one user, one date: served from the day index, never a scan
				spec("/time-entries", "time_entries", META, 50,
						(call, store) -> store.entriesOn(LocalDate.parse(call.string("date"))), required("user_id"),
						requiredDate("date"), eqLong("user_id", "user_id"), eqLong("project_id", "project_id"),
						eqLong("task_id", "task_id")),
				spec("/leaves/balances", "leave_balances", META, 100,
						(call, store) -> LeaveBalances.compute(store, LocalDate.parse(call.string("date_from")),
								LocalDate.parse(call.string("date_to"))),
						overlap("date_from", "date_to", true), eqLong("user_id", "user_id")));
	}

	static void register(Map<String, Route> routes) {
		routes.put("/workspaces", ListEndpoints::workspaces);
		for (Spec spec : specs()) {
			routes.put(spec.path(), call -> list(spec, call));
		}
	}

	private static Payload list(Spec spec, Call call) {
		Paginator.PageRequest page = Paginator.request(call, 20, spec.maxPerPage());
		List<Predicate<ObjectNode>> tests = spec.filters().stream().map(f -> f.apply(call)).toList();
		WorkspaceStore store = call.workspace();
		Collection<ObjectNode> rows = spec.source() == null ? store.items(spec.resource())
				: spec.source().apply(call, store);
		List<ObjectNode> matches = rows.stream().filter(row -> tests.stream().allMatch(t -> t.test(row))).toList();
		return Paginator.page(message(spec.resource()), matches, page, spec.shape(),
				row -> call.data.view(spec.resource(), row, store));
	}

	/** The only call without workspace_id: one row per workspace, with the caller's role in each. */
	private static Payload workspaces(Call call) {
		Paginator.PageRequest page = Paginator.request(call, 20, 100);
		call.check();
		List<ObjectNode> rows = new ArrayList<>();
		for (long id : call.data.workspaceIds()) {
			rows.addAll(call.data.store(id).items("workspaces"));
		}
		return Paginator.page(message("workspaces"), rows, page, META, ObjectNode::deepCopy);
	}

	private static Spec spec(String path, String resource, Paginator.Shape shape, int max, Source source,
			Filter... filters) {
		return new Spec(path, resource, shape, max, source, List.of(filters));
	}

	static String message(String resource) {
		String words = resource.replace('_', ' ');
		return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " retrieved successfully";
	}

	private static Filter eq(String param, String field) {
		return call -> {
			String wanted = call.string(param);
			return row -> wanted == null || wanted.equalsIgnoreCase(Objects.toString(Json.text(row, field), ""));
		};
	}

	private static Filter eqLong(String param, String field) {
		return call -> {
			Long wanted = call.optionalLong(param);
			return row -> wanted == null || wanted.equals(Json.longOrNull(row, field));
		};
	}

	private static Filter contains(String field) {
		return call -> {
			String part = call.string(field);
			return row -> part == null
					|| Objects.toString(Json.text(row, field), "").toLowerCase().contains(part.toLowerCase());
		};
	}

	private static Filter required(String param) {
		return call -> {
			call.requiredLong(param);
			return row -> true;
		};
	}

	private static Filter requiredDate(String param) {
		return call -> {
			call.requiredDate(param);
			return row -> true;
		};
	}

	/** GET /tasks: the V2 reference needs project_id; the newer one accepts contract_id instead and resolves its project. */
	private static Filter taskScope() {
		return call -> {
			Long project = call.optionalLong("project_id");
			Long contract = call.optionalLong("contract_id");
			if (call.string("project_id") == null && call.string("contract_id") == null) {
				call.error("project_id", "The project id field is required when contract id is not present.");
			}
			return row -> {
				Long rowProject = Json.longOrNull(row, "project_id");
				if (project != null && !project.equals(rowProject)) {
					return false;
				}
				if (contract == null) {
					return true;
				}
				ObjectNode c = call.store().item("contracts", contract.toString());
				return c != null && Objects.equals(Json.longOrNull(c, "project_id"), rowProject);
			};
		};
	}

	/** Rows whose [startField, endField] overlaps [date_from, date_to]. */
	private static Filter overlap(String startField, String endField, boolean required) {
		return call -> {
			LocalDate from = required ? call.requiredDate("date_from") : call.optionalDate("date_from");
			LocalDate to = required ? call.requiredDate("date_to") : call.optionalDate("date_to");
			call.checkRange(from, "date_from", to, "date_to", 0);
			return row -> {
				String start = Json.text(row, startField);
				String end = Json.text(row, endField);
				return (to == null || start == null || start.compareTo(to.toString()) <= 0)
						&& (from == null || end == null || end.compareTo(from.toString()) >= 0);
			};
		};
	}

	/** Time requests: date_from and date_to both required (the newer API reference), matched on the start's day in the owner's zone. */
	private static Filter startDayInRange() {
		return call -> {
			LocalDate from = call.requiredDate("date_from");
			LocalDate to = call.requiredDate("date_to");
			call.checkRange(from, "date_from", to, "date_to", 0);
			return row -> {
				Instant start = Json.instant(row, "start");
				LocalDate day = start == null ? null : start.atZone(call.store().zone).toLocalDate();
				return day != null && !day.isBefore(from) && !day.isAfter(to);
			};
		};
	}

	private static Filter expenseDateInRange() {
		return call -> {
			LocalDate from = call.optionalDate("date_from");
			LocalDate to = call.optionalDate("date_to");
			call.checkRange(from, "date_from", to, "date_to", 0);
			return row -> {
				String text = Json.text(row, "expense_date");
				LocalDate day = text == null ? null : Json.parseDisplay(text);
				return (from == null || (day != null && !day.isBefore(from)))
						&& (to == null || (day != null && !day.isAfter(to)));
			};
		};
	}

}
