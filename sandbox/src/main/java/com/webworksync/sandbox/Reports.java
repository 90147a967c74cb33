package com.webworksync.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The range reports (tracked-hours, activity-level, task-report, activity-descriptions), computed from the time entries as they
 * are at request time, so any change to the entries shows up here too.
 */
final class Reports {

	private static final Comparator<Long> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

	private Reports() {
	}

	/** GET /reports/tracked-hours: dates -> users -> (project, contract) minutes; days without time are absent. */
	static ObjectNode trackedHours(WorkspaceStore store, LocalDate from, LocalDate to, Set<Long> users,
			Set<Long> projects, boolean rates) {
		ObjectNode data = Json.object();
		data.put("report_type", "tracked_hours");
		data.put("start_date", from.toString());
		data.put("end_date", to.toString());
		ObjectNode total = data.putObject("total");
		ObjectNode dates = data.putObject("dates");
		long minutes = 0;
		double amount = 0;
		Predicate<ObjectNode> keep = e -> (users.isEmpty() || users.contains(Json.longOrNull(e, "user_id")))
				&& (projects.isEmpty() || projects.contains(Json.longOrNull(e, "project_id")));
		Map<String, List<ObjectNode>> byDate = store.entriesBetween(from, to)
			.stream()
			.filter(keep)
			.collect(Collectors.groupingBy(e -> Json.text(e, "date"), TreeMap::new, Collectors.toList()));
		for (Map.Entry<String, List<ObjectNode>> day : byDate.entrySet()) {
			ArrayNode rows = dates.putArray(day.getKey());
			for (Map.Entry<Long, List<ObjectNode>> user : byUser(day.getValue()).entrySet()) {
				ArrayNode lines = named(rows.addObject(), store, user.getKey()).putArray("projects");
				int skew = store.reportSkews.getOrDefault(user.getKey() + "@" + day.getKey(), 0);
				for (Totals.Line line : Totals.byProject(user.getValue())) {
					ObjectNode out = Totals.write(lines.addObject(), line);
					minutes += line.minutes();
					if (skew != 0) { // a skewed member-day: its first line disagrees with the entries
						out.put("total_minutes", line.minutes() + skew);
						minutes += skew;
						skew = 0;
					}
					if (rates) {
						double money = Totals.amount(line, store);
						out.putObject("total_amount").put(store.currency, money);
						amount += money;
					}
				}
			}
		}
		total.put("minutes", minutes);
		if (rates) {
			total.putObject("amount").put(store.currency, Json.round2(amount));
		}
		return data;
	}

	/** GET /reports/activity-level: per user and day, the minutes-weighted activity. */
	static List<ObjectNode> activityLevel(WorkspaceStore store, LocalDate from, LocalDate to, Set<Long> users,
			Long contractId) {
		List<ObjectNode> rows = new ArrayList<>();
		for (Map.Entry<Long, List<ObjectNode>> user : byUser(inRange(store, from, to, users)).entrySet()) {
			List<ObjectNode> entries = user.getValue()
				.stream()
				.filter(e -> contractId == null || contractId.equals(Json.longOrNull(e, "contract_id")))
				.toList();
			if (entries.isEmpty()) {
				continue;
			}
			ObjectNode row = named(Json.object(), store, user.getKey());
			row.put("average_activity", activity(entries));
			ArrayNode days = row.putArray("days");
			group(entries, e -> Json.text(e, "date")).forEach((date, list) -> days.addObject()
				.put("date", date)
				.put("activity_level", activity(list))
				.put("tracked_minutes", Totals.minutes(list)));
			rows.add(row);
		}
		return rows;
	}

	/** GET /reports/task-report: per user, minutes by task and by day and task; entries without a task unless excluded. */
	static List<ObjectNode> taskReport(WorkspaceStore store, LocalDate from, LocalDate to, Set<Long> users,
			Set<Long> projects, Set<Long> tasks, boolean includeNoTask) {
		List<ObjectNode> rows = new ArrayList<>();
		for (Map.Entry<Long, List<ObjectNode>> user : byUser(inRange(store, from, to, users)).entrySet()) {
			List<ObjectNode> entries = user.getValue().stream().filter(e -> {
				Long task = Json.longOrNull(e, "task_id");
				return (includeNoTask || task != null) && (tasks.isEmpty() || tasks.contains(task))
						&& (projects.isEmpty() || projects.contains(Json.longOrNull(e, "project_id")));
			}).toList();
			if (entries.isEmpty()) {
				continue;
			}
			ObjectNode row = named(Json.object(), store, user.getKey());
			row.put("total_minutes", Totals.minutes(entries));
			ArrayNode byTask = row.putArray("tasks_breakdown");
			Comparator<ObjectNode> taskOrder = Comparator
				.comparing((ObjectNode e) -> Json.longOrNull(e, "task_id"), NULLS_FIRST)
				.thenComparing(e -> Json.longOrNull(e, "project_id"), NULLS_FIRST);
			group(entries.stream().sorted(taskOrder).toList(),
					e -> Arrays.asList(Json.longOrNull(e, "task_id"), Json.longOrNull(e, "project_id")))
				.forEach((key, list) -> byTask.addObject()
					.put("task_id", key.get(0))
					.put("task_title", Json.text(list.get(0), "task_title"))
					.put("project_id", key.get(1))
					.put("total_minutes", Totals.minutes(list)));
			ArrayNode byDay = row.putArray("daily_breakdown");
			Comparator<ObjectNode> dayOrder = Comparator.comparing((ObjectNode e) -> Json.text(e, "date"))
				.thenComparing(taskOrder);
			group(entries.stream().sorted(dayOrder).toList(),
					e -> Arrays.asList(Json.text(e, "date"), Json.longOrNull(e, "task_id"),
							Json.longOrNull(e, "project_id")))
				.forEach((key, list) -> byDay.addObject()
					.put("date", (String) key.get(0))
					.put("task_id", (Long) key.get(1))
					.put("project_id", (Long) key.get(2))
					.put("total_minutes", Totals.minutes(list)));
			rows.add(row);
		}
		return rows;
	}

	/** GET /reports/activity-descriptions: per user, minutes by day and description (entries without a description are left out). */
	static List<ObjectNode> activityDescriptions(WorkspaceStore store, LocalDate from, LocalDate to,
			Set<Long> users) {
		List<ObjectNode> rows = new ArrayList<>();
		for (Map.Entry<Long, List<ObjectNode>> user : byUser(inRange(store, from, to, users)).entrySet()) {
			List<ObjectNode> entries = user.getValue()
				.stream()
				.filter(e -> Json.text(e, "activity_description") != null)
				.sorted(Comparator.comparing((ObjectNode e) -> Json.text(e, "date"))
					.thenComparing(e -> Json.text(e, "activity_description")))
				.toList();
			if (entries.isEmpty()) {
				continue;
			}
			ObjectNode row = named(Json.object(), store, user.getKey());
			ArrayNode descriptions = row.putArray("descriptions");
			group(entries, e -> Json.text(e, "date") + "\n" + Json.text(e, "activity_description"))
				.forEach((key, list) -> descriptions.addObject()
					.put("date", Json.text(list.get(0), "date"))
					.put("description", Json.text(list.get(0), "activity_description"))
					.put("total_minutes", Totals.minutes(list)));
			rows.add(row);
		}
		return rows;
	}

	/** Per-entry activity 0-100; manual, idle and break time have none. Derived from the id, so stable. */
	static int activity(ObjectNode entry) {
		String method = Json.text(entry, "method");
		if (method == null || method.equals("Manually added time") || method.equals("Idle time")
				|| method.equals("Break")) {
			return 0;
		}
		return 35 + Math.floorMod(Json.text(entry, "id").hashCode(), 61);
	}

	/** Minutes-weighted average activity, rounded to a whole percent. */
	static int activity(Collection<ObjectNode> entries) {
		long minutes = Totals.minutes(entries);
		double weighted = entries.stream()
			.mapToDouble(e -> activity(e) * (double) Json.longValue(e, "duration_minutes", 0))
			.sum();
		return minutes == 0 ? 0 : (int) Math.round(weighted / minutes);
	}

	/** user_id, firstname, lastname first, as every report row starts. */
	static ObjectNode named(ObjectNode row, WorkspaceStore store, long userId) {
		ObjectNode member = store.member(userId);
		row.put("user_id", userId);
		row.put("firstname", member == null ? null : Json.text(member, "firstname"));
		row.put("lastname", member == null ? null : Json.text(member, "lastname"));
		return row;
	}

	static TreeMap<Long, List<ObjectNode>> byUser(Collection<ObjectNode> entries) {
		return entries.stream()
			.collect(Collectors.groupingBy(e -> Json.longValue(e, "user_id", 0), TreeMap::new, Collectors.toList()));
	}

	private static List<ObjectNode> inRange(WorkspaceStore store, LocalDate from, LocalDate to, Set<Long> users) {
		return store.entriesBetween(from, to)
			.stream()
			.filter(e -> users.isEmpty() || users.contains(Json.longOrNull(e, "user_id")))
			.toList();
	}

	/** Groups in encounter order (callers sort first). */
	private static <K> Map<K, List<ObjectNode>> group(List<ObjectNode> entries, Function<ObjectNode, K> key) {
		return entries.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
	}

}
