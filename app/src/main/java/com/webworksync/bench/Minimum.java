package com.webworksync.bench;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;

import tools.jackson.databind.node.ObjectNode;

/**
 * The fewest requests that could do a run's work, counted from the sandbox's own data (an oracle
 * the planner does not have): one call per non-empty page of the change-detected streams (the
 * day reports page at 100 users, so at 400 members a date's attendance is four calls), plus the
 * report windows and dimension pages, which every plan needs. The history sweep's requests are
 * left out of both sides by the caller: they are the price of the history guarantee, not of the
 * day's changes.
 */
final class Minimum {

	private Minimum() {
	}

	static long backfill(Sandbox sandbox, long ws, LocalDate from, LocalDate to, List<RecordedRequest> made) {
		long windowsAndDimensions = made.stream().filter(r -> !Bench.CHANGE_DETECTED.contains(r.path())).count();
		Map<String, Integer> perMemberDay = new HashMap<>();
		Map<LocalDate, Set<Long>> membersPerDay = new HashMap<>();
		for (ObjectNode entry : sandbox.data().list("time_entries", ws)) {
			LocalDate date = LocalDate.parse(entry.path("date").asString());
			if (date.isBefore(from) || date.isAfter(to)) {
				continue;
			}
			perMemberDay.merge(entry.path("user_id").asLong() + "@" + date, 1, Integer::sum);
			membersPerDay.computeIfAbsent(date, d -> new HashSet<>()).add(entry.path("user_id").asLong());
		}
		long timeEntries = perMemberDay.values().stream().mapToLong(n -> pages(n, 50)).sum();
		LocalDate horizon = sandbox.data().today(ws).minusDays(365);
		long timeline = membersPerDay.entrySet()
			.stream()
			.filter(e -> e.getKey().isAfter(horizon))
			.mapToLong(e -> pages(e.getValue().size(), 100))
			.sum();
		long attendance = from.datesUntil(to.plusDays(1)).count();
		Map<Long, Integer> tasksPerProject = new HashMap<>();
		sandbox.data().list("tasks", ws).forEach(t -> tasksPerProject.merge(t.path("project_id").asLong(), 1, Integer::sum));
		long tasks = sandbox.data()
			.list("projects", ws)
			.stream()
			.mapToLong(p -> Math.max(1, pages(tasksPerProject.getOrDefault(p.path("id").asLong(), 0), 100)))
			.sum();
		return windowsAndDimensions + timeEntries + timeline + attendance + tasks;
	}

	static long incremental(Sandbox sandbox, long ws, Simulation day, List<RecordedRequest> made) {
		long windowsAndDimensions = made.stream().filter(r -> !Bench.CHANGE_DETECTED.contains(r.path())).count();
		Map<String, Integer> perMemberDay = new HashMap<>();
		for (ObjectNode entry : sandbox.data().list("time_entries", ws)) {
			perMemberDay.merge(entry.path("user_id").asLong() + "@" + entry.path("date").asString(), 1, Integer::sum);
		}
		// a member-day that lost all its time still needs one call to see the deletes
		long timeEntries = day.changedMemberDays()
			.stream()
			.mapToLong(key -> Math.max(1, pages(perMemberDay.getOrDefault(key, 0), 50)))
			.sum();
		// each changed date's timeline and attendance, page by page: both hold at most 100 users a page
		Map<LocalDate, Set<Long>> tracked = new HashMap<>();
		for (ObjectNode entry : sandbox.data().list("time_entries", ws)) {
			LocalDate date = LocalDate.parse(entry.path("date").asString());
			if (day.changedDates().contains(date)) {
				tracked.computeIfAbsent(date, d -> new HashSet<>()).add(entry.path("user_id").asLong());
			}
		}
		long attended = sandbox.data()
			.list("members", ws)
			.stream()
			.filter(m -> !"Project viewer".equals(m.path("current_role").asString("")))
			.filter(m -> !"left".equals(m.path("status").asString("")))
			.count();
		long timeline = day.changedDates()
			.stream()
			.mapToLong(date -> Math.max(1, pages(tracked.getOrDefault(date, Set.of()).size(), 100)))
			.sum();
		long attendance = day.changedDates().size() * Math.max(1, pages((int) attended, 100));
		return windowsAndDimensions + timeEntries + timeline + attendance;
	}

	private static long pages(int rows, int perPage) {
		return (rows + perPage - 1) / perPage;
	}
}
