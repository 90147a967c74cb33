package com.webworksync.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** One working request per endpoint the sandbox serves, for tests that walk them all. */
final class Endpoints {

	private Endpoints() {
	}

	static Map<String, String> all(long ws, long projectId) {
		String w = "?workspace_id=" + ws;
		String week = "&start_date=2026-01-19&end_date=2026-01-25";
		Map<String, String> all = new LinkedHashMap<>();
		all.put("/workspaces", "/workspaces");
		all.put("/members", "/members" + w);
		all.put("/projects", "/projects" + w);
		all.put("/tasks", "/tasks" + w + "&project_id=" + projectId);
		all.put("/contracts", "/contracts" + w);
		all.put("/project-viewers", "/project-viewers" + w);
		all.put("/leaves/policies", "/leaves/policies" + w);
		all.put("/expenses/categories", "/expenses/categories" + w);
		all.put("/webhooks", "/webhooks" + w);
		all.put("/timesheets", "/timesheets" + w + "&date_from=2026-01-01");
		all.put("/time-requests", "/time-requests" + w + "&date_from=2025-10-01&date_to=2026-01-29&per_page=100");
		all.put("/leaves", "/leaves" + w + "&per_page=100");
		all.put("/leaves/balances", "/leaves/balances" + w + "&date_from=2026-01-01&date_to=2026-12-31");
		all.put("/expenses", "/expenses" + w);
		all.put("/time-entries", "/time-entries" + w + "&user_id=" + Draft.CALLER_ID + "&date=2026-01-27");
		all.put("/reports/tracked-hours", "/reports/tracked-hours" + w + week);
		all.put("/reports/daily-timeline", "/reports/daily-timeline" + w + "&date=2026-01-27");
		all.put("/reports/activity-level", "/reports/activity-level" + w + week);
		all.put("/reports/task-report", "/reports/task-report" + w + week);
		all.put("/reports/daily-attendance", "/reports/daily-attendance" + w + "&date=2026-01-27");
		all.put("/reports/activity-descriptions", "/reports/activity-descriptions" + w + week);
		return all;
	}

}
