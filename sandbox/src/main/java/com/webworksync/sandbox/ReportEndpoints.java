package com.webworksync.sandbox;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.node.ObjectNode;

/**
 * The /reports endpoints: parameter rules here, numbers in {@link Reports} and {@link DayReports}.
 * User filters accept every spelling the docs use (users[], user_ids, user_id; arrays or comma lists).
 */
final class ReportEndpoints {

	static final int MAX_RANGE_DAYS = 31;

	static final int TIMELINE_REACH_DAYS = 365;

	/** A range report's computation once its parameters are valid. */
	private interface RangeReport {

		List<ObjectNode> rows(Call call, WorkspaceStore store, LocalDate from, LocalDate to, Set<Long> users);

	}

	private ReportEndpoints() {
	}

	static void register(Map<String, Route> routes) {
		routes.put("/reports/tracked-hours", ReportEndpoints::trackedHours);
		routes.put("/reports/activity-level",
				range("Activity level report", call -> call.optionalLong("contract_id"),
						(call, store, from, to, users) -> Reports.activityLevel(store, from, to, users,
								call.optionalLong("contract_id"))));
		routes.put("/reports/task-report", range("Task report", call -> {
			call.longs("project_id", "projects");
			call.longs("task_id", "tasks");
			return call.bool("include_no_task", true);
		}, (call, store, from, to, users) -> Reports.taskReport(store, from, to, users,
				set(call.longs("project_id", "projects")), set(call.longs("task_id", "tasks")),
				call.bool("include_no_task", true))));
		routes.put("/reports/activity-descriptions", range("Activity descriptions report", call -> null,
				(call, store, from, to, users) -> Reports.activityDescriptions(store, from, to, users)));
		routes.put("/reports/daily-timeline", ReportEndpoints::timeline);
		routes.put("/reports/daily-attendance", ReportEndpoints::attendance);
	}

	/** GET /reports/tracked-hours: not paginated, one object keyed by date. */
	private static Payload trackedHours(Call call) {
		LocalDate from = call.requiredDate("start_date");
		LocalDate to = call.requiredDate("end_date");
		call.checkRange(from, "start_date", to, "end_date", MAX_RANGE_DAYS);
		Set<Long> users = set(call.longs("users", "user_ids", "user_id"));
		Set<Long> projects = set(call.longs("projects", "project_id"));
		WorkspaceStore store = call.workspace();
		return Payload.of("Tracked hours report retrieved successfully", Reports.trackedHours(store, from, to, users,
				projects, call.data.options().ratesVisible()));
	}

	/**
	 * Shared frame of the paginated range reports: window of at most 31 days, pages of users.
	 * {@code validateExtra} reads the report's own parameters once so their errors join the 422.
	 */
	private static Route range(String title, Function<Call, Object> validateExtra,
			RangeReport report) {
		return call -> {
			LocalDate from = call.requiredDate("start_date");
			LocalDate to = call.requiredDate("end_date");
			call.checkRange(from, "start_date", to, "end_date", MAX_RANGE_DAYS);
			Set<Long> users = set(call.longs("users", "user_ids", "user_id"));
			validateExtra.apply(call);
			Paginator.PageRequest page = Paginator.request(call, 30, 100);
			WorkspaceStore store = call.workspace();
			return usersPage(title, report.rows(call, store, from, to, users), page);
		};
	}

	/** GET /reports/daily-timeline: one date within a year either side of today. */
	private static Payload timeline(Call call) {
		LocalDate date = call.requiredDate("date");
		Set<Long> users = set(call.longs("user_ids", "users", "user_id"));
		Paginator.PageRequest page = Paginator.request(call, 30, 100);
		WorkspaceStore store = call.workspace();
		if (date.isBefore(store.today.minusDays(TIMELINE_REACH_DAYS))) {
			call.error("date", "The date must be within the last " + TIMELINE_REACH_DAYS + " days.");
		}
		if (date.isAfter(store.today.plusDays(TIMELINE_REACH_DAYS))) {
			call.error("date", "The date may not be more than " + TIMELINE_REACH_DAYS + " days ahead.");
		}
		call.check();
		return usersPage("Daily timeline report", DayReports.timeline(store, date, users), page);
	}

	/** GET /reports/daily-attendance: one date, every member. */
	private static Payload attendance(Call call) {
		LocalDate date = call.requiredDate("date");
		Set<Long> users = set(call.longs("users", "user_ids", "user_id"));
		Set<String> statuses = new LinkedHashSet<>();
		call.strings("status").forEach(s -> statuses.add(s.toLowerCase()));
		Paginator.PageRequest page = Paginator.request(call, 30, 100);
		WorkspaceStore store = call.workspace();
		return usersPage("Daily attendance report", DayReports.attendance(store, date, users, statuses), page);
	}

	private static Payload usersPage(String title, List<ObjectNode> rows, Paginator.PageRequest page) {
		return Paginator.page(title + " retrieved successfully", rows, page, Paginator.Shape.META, row -> row);
	}

	private static Set<Long> set(List<Long> ids) {
		return new LinkedHashSet<>(ids);
	}

}
