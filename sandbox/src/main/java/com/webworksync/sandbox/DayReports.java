package com.webworksync.sandbox;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;

/**
 * The one-date reports: GET /reports/daily-timeline and GET /reports/daily-attendance.
 *
 * <p>
 * Times: the timeline gives ISO 8601 instants with the owner's offset
 * ("2026-01-29T09:00:00-05:00"); attendance gives first_start, last_end and breaks as "HH:mm"
 * wall-clock times in the owner's zone (an entry never crosses the owner's midnight, so "HH:mm"
 * on the report's date is unambiguous).
 */
final class DayReports {

	/** Late after this local time in the member's own zone; left early before the other. */
	private static final LocalTime LATE_AFTER = LocalTime.of(10, 0);

	private static final LocalTime EARLY_BEFORE = LocalTime.of(16, 0);

	private static final long FULL_DAY_MINUTES = 360;

	private DayReports() {
	}

	/** daily-timeline: users with entries that day, with every entry. */
	static List<ObjectNode> timeline(WorkspaceStore store, LocalDate date, Set<Long> users) {
		List<ObjectNode> rows = new ArrayList<>();
		for (var user : Reports.byUser(store.entriesOn(date)).entrySet()) {
			if (!users.isEmpty() && !users.contains(user.getKey())) {
				continue;
			}
			ObjectNode row = Reports.named(Json.object(), store, user.getKey());
			row.put("total_minutes", Totals.minutes(user.getValue()));
			row.put("activity_level", Reports.activity(user.getValue()));
			ArrayNode entries = row.putArray("entries");
			for (ObjectNode e : user.getValue()) {
				Instant end = Json.instant(e, "end_time");
				entries.addObject()
					.put("start_time", Json.withOffset(Json.instant(e, "start_time"), store.zone))
					.put("end_time", end == null ? null : Json.withOffset(end, store.zone))
					.put("duration_minutes", Json.longValue(e, "duration_minutes", 0))
					.put("project_id", Json.longOrNull(e, "project_id"))
					.put("project_name", Json.text(e, "project_name"))
					.put("contract_id", Json.longOrNull(e, "contract_id"))
					.put("task_id", Json.longOrNull(e, "task_id"))
					.put("task_title", Json.text(e, "task_title"))
					.put("activity_description", Json.text(e, "activity_description"))
					.put("method", Json.text(e, "method"))
					.put("activity_level", Reports.activity(e));
			}
			rows.add(row);
		}
		return rows;
	}

	/** daily-attendance: every active or inactive member (not viewers, not left), tracked or not. */
	static List<ObjectNode> attendance(WorkspaceStore store, LocalDate date, Set<Long> users, Set<String> statuses) {
		var byUser = Reports.byUser(store.entriesOn(date));
		List<ObjectNode> rows = new ArrayList<>();
		List<ObjectNode> members = store.items("members")
			.stream()
			.filter(m -> !"Project viewer".equals(Json.text(m, "current_role")))
			.filter(m -> !"left".equals(Json.text(m, "status")))
			.filter(m -> users.isEmpty() || users.contains(Json.longOrNull(m, "id")))
			.sorted(Comparator.comparingLong(m -> m.get("id").asLong()))
			.toList();
		Set<Long> onLeave = onLeave(store, date);
		for (ObjectNode member : members) {
			long userId = member.get("id").asLong();
			ObjectNode row = row(store, member, date, byUser.getOrDefault(userId, List.of()), onLeave.contains(userId));
			boolean wanted = statuses.isEmpty() || row.get("statuses")
				.valueStream()
				.anyMatch(s -> statuses.contains(s.asString().toLowerCase().replace(' ', '_')));
			if (wanted) {
				rows.add(row);
			}
		}
		return rows;
	}

	private static ObjectNode row(WorkspaceStore store, ObjectNode member, LocalDate date, List<ObjectNode> entries,
			boolean onLeave) {
		long userId = member.get("id").asLong();
		ObjectNode row = Reports.named(Json.object(), store, userId);
		ArrayNode statuses = row.putArray("statuses");
		long tracked = Totals.minutes(entries);
		Instant first = entries.isEmpty() ? null : Json.instant(entries.get(0), "start_time");
		Instant last = entries.stream().map(e -> Json.instant(e, "end_time")).filter(i -> i != null)
			.max(Instant::compareTo).orElse(null);
		if (first != null) {
			ZoneId own = zoneOf(member, store.zone);
			statuses.add("Present");
			if (first.atZone(own).toLocalTime().isAfter(LATE_AFTER)) {
				statuses.add("Late");
			}
			if (last != null && last.atZone(own).toLocalTime().isBefore(EARLY_BEFORE)) {
				statuses.add("Left early");
			}
			if (tracked < FULL_DAY_MINUTES) {
				statuses.add("Tracked less");
			}
		}
		if (onLeave) {
			statuses.add("On leave");
		}
		else if (first == null && date.getDayOfWeek() != DayOfWeek.SATURDAY
				&& date.getDayOfWeek() != DayOfWeek.SUNDAY) {
			statuses.add("Absent");
		}
		row.put("first_start", first == null ? null : Json.hhmm(first, store.zone));
		row.put("last_end", last == null ? null : Json.hhmm(last, store.zone));
		row.put("tracked_minutes", tracked);
		ArrayNode breaks = Json.array();
		long breakMinutes = 0;
		Instant previousEnd = null;
		for (ObjectNode e : entries) {
			Instant start = Json.instant(e, "start_time");
			if (previousEnd != null && start.isAfter(previousEnd)) {
				breakMinutes += (start.getEpochSecond() - previousEnd.getEpochSecond()) / 60;
				breaks.add(Json.hhmm(previousEnd, store.zone) + " - " + Json.hhmm(start, store.zone));
			}
			Instant end = Json.instant(e, "end_time");
			previousEnd = previousEnd == null || (end != null && end.isAfter(previousEnd)) ? end : previousEnd;
		}
		row.put("break_minutes", breakMinutes);
		row.set("breaks", breaks);
		return row;
	}

	/** Members on approved leave that day: one pass over the leaves per report, not one per member. */
	private static Set<Long> onLeave(WorkspaceStore store, LocalDate date) {
		String day = date.toString();
		return store.items("leaves")
			.stream()
			.filter(l -> "approved".equals(Json.text(l, "status")) && day.compareTo(Json.text(l, "start_date")) >= 0
					&& day.compareTo(Json.text(l, "end_date")) <= 0)
			.map(l -> Json.longValue(l, "user_id", -1))
			.collect(Collectors.toSet());
	}

	private static ZoneId zoneOf(ObjectNode member, ZoneId fallback) {
		String zone = Json.text(member, "timezone");
		try {
			return zone == null ? fallback : ZoneId.of(zone);
		}
		catch (RuntimeException e) {
			return fallback;
		}
	}

}
