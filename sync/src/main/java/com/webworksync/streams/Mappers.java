package com.webworksync.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The few mappers that are more than "the item is the row" (the API's vocabularies are read here). */
final class Mappers {

	private static final Pattern AMOUNT_WITH_UNIT = Pattern.compile("\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]+)?\\s*");

	private Mappers() {
	}

	/** Webhooks carry their signing secret: it must never reach the warehouse. */
	static RowMapper webhook() {
		return (item, partition) -> {
			ObjectNode raw = ((ObjectNode) item).deepCopy();
			raw.remove("token");
			raw.remove("secret");
			return List.of(new Row(raw, raw));
		};
	}

	/** {@code daily_breakdown: {"2026-01-05": [{project_id, contract_id, total_minutes, …}]}} → one row each. */
	static RowMapper timesheetDays() {
		return (item, partition) -> {
			List<Row> rows = new ArrayList<>();
			JsonNode days = item.path("daily_breakdown");
			for (String date : days.propertyNames()) {
				for (JsonNode entry : days.path(date)) {
					ObjectNode columns = ((ObjectNode) entry).deepCopy();
					columns.set("timesheet_id", item.path("id"));
					columns.set("user_id", item.path("user_id"));
					columns.put("date", date);
					columns.put("grain_key", key(date, entry.path("project_id"), entry.path("contract_id")));
					ObjectNode raw = ((ObjectNode) entry).deepCopy();
					raw.put("date", date);
					rows.add(new Row(columns, raw));
				}
			}
			return rows;
		};
	}

	/** One row per member and leave type; balances are display strings such as "10 days". */
	static RowMapper leaveBalances() {
		return (item, partition) -> {
			List<Row> rows = new ArrayList<>();
			for (JsonNode info : item.path("leave_information")) {
				ObjectNode columns = ((ObjectNode) info).deepCopy();
				columns.set("user_id", item.path("user_id"));
				columns.set("user_name", item.path("user_name"));
				columns.set("total_balance", item.path("total_balance"));
				columns.put("snapshot_date", partition.key());
				Matcher m = AMOUNT_WITH_UNIT.matcher(info.path("balance").asString(""));
				if (m.matches()) {
					columns.put("balance_value", m.group(1));
					columns.put("balance_unit", m.group(2) == null ? null : m.group(2).toLowerCase());
				}
				ObjectNode raw = ((ObjectNode) info).deepCopy();
				raw.set("user_id", item.path("user_id"));
				raw.set("user_name", item.path("user_name"));
				raw.set("total_balance", item.path("total_balance"));
				rows.add(new Row(columns, raw));
			}
			return rows;
		};
	}

	/**
	 * Report rows nested under a user ({@code data[] {user_id, firstname, lastname, <array>[]}}):
	 * one row per element, with the user's identity copied in (into raw too, so a raw row
	 * stands on its own). {@code finish} adds the derived columns, such as the grain key.
	 */
	static RowMapper perUser(String array, Finish finish) {
		return (item, partition) -> {
			List<Row> rows = new ArrayList<>();
			for (JsonNode element : item.path(array)) {
				ObjectNode raw = ((ObjectNode) element).deepCopy();
				for (String field : List.of("user_id", "firstname", "lastname")) {
					raw.set(field, item.path(field));
				}
				ObjectNode columns = raw.deepCopy();
				finish.apply(item, element, columns, partition);
				rows.add(new Row(columns, raw));
			}
			return rows;
		};
	}

	@FunctionalInterface
	interface Finish {
		void apply(JsonNode user, JsonNode element, ObjectNode columns, Partition partition);
	}

	/** GET /reports/tracked-hours: {@code data {dates {"YYYY-MM-DD": [ {user…, projects[]} ]}}} → date × user × project × contract. */
	static RowMapper trackedHours() {
		return (report, partition) -> {
			List<Row> rows = new ArrayList<>();
			JsonNode dates = report.path("dates");
			for (String date : dates.propertyNames()) {
				for (JsonNode user : dates.path(date)) {
					for (JsonNode project : user.path("projects")) {
						ObjectNode raw = ((ObjectNode) project).deepCopy();
						raw.put("date", date);
						for (String field : List.of("user_id", "firstname", "lastname")) {
							raw.set(field, user.path(field));
						}
						ObjectNode columns = raw.deepCopy();
						columns.put("grain_key", key(date, user.path("user_id"), project.path("project_id"),
								project.path("contract_id")));
						JsonNode amount = project.path("total_amount");
						if (amount.isObject() && amount.size() == 1) {
							columns.put("currency", amount.propertyNames().iterator().next());
						}
						rows.add(new Row(columns, raw));
					}
				}
			}
			return rows;
		};
	}

	/** GET /reports/task-report: the daily breakdown, with each task's title from the tasks breakdown. */
	static RowMapper taskReport() {
		return perUser("daily_breakdown", (user, day, columns, partition) -> {
			for (JsonNode task : user.path("tasks_breakdown")) {
				if (task.path("task_id").equals(day.path("task_id"))
						&& task.path("project_id").equals(day.path("project_id"))) {
					columns.set("task_title", task.path("task_title"));
				}
			}
			columns.put("grain_key", key(user.path("user_id"), day.path("date"), day.path("task_id"), day.path("project_id")));
		});
	}

	/** One-date reports: the item is the row, on the partition's day. */
	static RowMapper onDay() {
		return (item, partition) -> {
			ObjectNode columns = ((ObjectNode) item).deepCopy();
			columns.put("date", partition.key());
			return List.of(new Row(columns, item));
		};
	}

	/** A description can be long: its md5 stands for it in the key. */
	static String md5(String text) {
		return Fingerprints.md5(text);
	}

	/** A natural key with nullable parts, as text: parts joined by '|', NULL as empty. */
	static String key(Object... parts) {
		StringBuilder key = new StringBuilder();
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				key.append('|');
			}
			Object part = parts[i];
			if (part instanceof JsonNode node) {
				key.append(node.isNull() || node.isMissingNode() ? "" : node.asString());
			}
			else if (part != null) {
				key.append(part);
			}
		}
		return key.toString();
	}

	/** A workspace, with the connection whose list returned it (the API object stays as it came). */
	static RowMapper workspace() {
		return (item, partition) -> {
			ObjectNode columns = ((ObjectNode) item).deepCopy();
			columns.put("connection", partition.connection());
			return List.of(new Row(columns, item));
		};
	}
}
