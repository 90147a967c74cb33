package com.webworksync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.webworksync.sandbox.Draft.Contract;
import com.webworksync.sandbox.Draft.Person;
import com.webworksync.sandbox.Draft.Task;
import tools.jackson.databind.node.ObjectNode;
import java.util.Comparator;

/**
 * Time entries. People work in their own local hours; each entry's {@code date} is the day of its
 * start in the owner's zone (a report's `date` is the owner's calendar day), and an entry never crosses the owner's midnight: it
 * is split there, as the real tracker does when a day closes.
 */
final class TimeGenerator {

	static final List<String> METHODS = List.of("Desktop tracker", "Manually added time", "Mobile tracker",
			"Web tracker", "Extension tracker", "Idle time", "Break");

	private static final int[] METHOD_WEIGHTS = { 156, 16, 10, 10, 4, 2, 2 };

	private static final List<Integer> SESSIONS = List.of(1, 2, 3, 4, 5, 6);

	private static final int[] SESSION_WEIGHTS = { 8, 22, 30, 22, 12, 6 };

	private TimeGenerator() {
	}

	/** Ranks order the whole list as the eager generator did: member by member, each by start; then the month-turn sessions. */
	static final long LATE = 1L << 61;

	/** Where the pieces of one generated day go: only those on the wanted date become JSON. */
	private record Sink(LocalDate date, List<Buckets.Slot> out) {
	}

	/**
	 * The entries dated {@code date} in the owner's calendar, as generated (a pure function of the
	 * draft and the date): every member-day is its own seeded stream, so a day can be made alone.
	 * A member's local day can put entries on the owner's day before or after it, hence the three.
	 */
	static List<Buckets.Slot> day(Draft d, LocalDate date) {
		List<Buckets.Slot> out = new ArrayList<>();
		if (date.isBefore(d.firstDay) || date.isAfter(d.today)) {
			return out;
		}
		Sink sink = new Sink(date, out);
		for (Person person : d.people) {
			List<Contract> contracts = d.contractsByUser.get(person.id());
			if (person.viewer() || contracts == null || contracts.isEmpty()) {
				continue;
			}
			Set<LocalDate> leave = d.leaveDays.getOrDefault(person.id(), Set.of());
			for (LocalDate day = date.minusDays(1); !day.isAfter(date.plusDays(1)); day = day.plusDays(1)) {
				// a stream per member-day: a longer history or a later today leaves existing days alone
				Rng rng = d.rng("time", person.id(), day.toEpochDay());
				if (!person.worksOn(day) || leave.contains(day) || !workday(day, rng)) {
					continue;
				}
				workDay(d, person, contracts, day, rng, sink);
			}
		}
		lateSessionsAtMonthTurns(d, sink);
		out.sort(Comparator.comparingLong(Buckets.Slot::rank));
		return out;
	}

	/**
	 * At every month turn, one member works from 23:00 to 01:00 in the owner's zone: the session
	 * is split at midnight into an entry on each day, and that member's timesheet week spans both
	 * months (unless the month begins on a Monday).
	 */
	private static void lateSessionsAtMonthTurns(Draft d, Sink sink) {
		for (LocalDate turn : List.of(sink.date(), sink.date().plusDays(1))) {
			if (turn.getDayOfMonth() != 1 || !turn.isAfter(d.firstDay.withDayOfMonth(1)) || turn.isAfter(d.today)) {
				continue; // Draft.monthTurns(firstDay, today): first days after firstDay's month, by today
			}
			Person person = d.edgePerson(turn, 2);
			if (person == null || d.leaveDays.getOrDefault(person.id(), Set.of()).contains(turn.minusDays(1))) {
				continue;
			}
			Rng rng = d.rng("late-session", person.id(), turn.toEpochDay());
			Contract contract = d.contractsByUser.get(person.id()).get(0);
			emitSplit(d, rng, person, contract, null, "Month-end close", "Desktop tracker",
					d.at(turn.minusDays(1), 23, 0), d.at(turn, 1, 0), sink, LATE);
		}
	}

	private static boolean workday(LocalDate day, Rng rng) {
		return switch (day.getDayOfWeek()) {
			case SUNDAY -> false;
			case SATURDAY -> rng.chance(0.06);
			default -> !rng.chance(0.07);
		};
	}

	/** 1-6 sessions between about 07:30 and 19:00 local time, separated by short breaks and a lunch. */
	private static void workDay(Draft d, Person person, List<Contract> contracts, LocalDate day, Rng rng, Sink sink) {
		int sessions = rng.weighted(SESSIONS, SESSION_WEIGHTS);
		int total = rng.between(300, 540);
		int minute = 7 * 60 + 30 + rng.between(0, 150);
		int lunchAfter = sessions >= 3 ? sessions / 2 : -1;
		int left = total;
		for (int s = 0; s < sessions; s++) {
			String method = rng.weighted(METHODS, METHOD_WEIGHTS);
			boolean pause = method.equals("Idle time") || method.equals("Break");
			int length = s == sessions - 1 ? left : Math.max(10, left / (sessions - s) + rng.between(-30, 30));
			length = Math.max(10, Math.min(length, left - 10 * (sessions - s - 1)));
			// idle and break entries are short interruptions, not half a day
			length = pause ? Math.min(length, rng.between(5, 30)) : length;
			left -= length;
			Contract contract = rng.chance(0.6) ? contracts.get(0) : rng.pick(contracts);
			boolean noProject = rng.chance(0.03);
			List<Task> tasks = d.tasksByProject.getOrDefault(contract.project().id(), List.of());
			Task task = noProject || tasks.isEmpty() || rng.chance(0.1) ? null : rng.pick(tasks);
			String description = pause || rng.chance(0.15) ? null : rng.pick(Names.DESCRIPTIONS);
			ZonedDateTime start = ZonedDateTime.of(day, LocalTime.MIN, person.zone()).plusMinutes(minute);
			Instant from = start.toInstant();
			Instant to = from.plusSeconds(60L * length);
			emitSplit(d, rng, person, noProject ? null : contract, task, description, method, from, to, sink,
					(long) person.index() << 32);
			minute += length + (s == lunchAfter ? rng.between(30, 75) : rng.between(5, 40));
		}
	}

	/** Every piece draws its id, kept or not, so a day's ids do not depend on which day is made. */
	private static void emitSplit(Draft d, Rng rng, Person person, Contract contract, Task task, String description,
			String method, Instant from, Instant to, Sink sink, long rankBase) {
		while (from.isBefore(to)) {
			LocalDate date = from.atZone(d.zone).toLocalDate();
			Instant midnight = date.plusDays(1).atStartOfDay(d.zone).toInstant();
			Instant end = to.isBefore(midnight) ? to : midnight;
			String id = rng.uuid();
			if (date.equals(sink.date())) {
				sink.out()
					.add(new Buckets.Slot(entry(id, person.id(), contract == null ? null : contract.id(),
							contract == null ? null : contract.project().id(),
							contract == null ? null : contract.project().name(), task == null ? null : task.id(),
							task == null ? null : task.title(), description, method, date, from, end),
							rankBase + from.getEpochSecond()));
			}
			from = end;
		}
	}

	static ObjectNode entry(String id, long userId, Long contractId, Long projectId, String projectName, Long taskId,
			String taskTitle, String description, String method, LocalDate date, Instant from, Instant to) {
		ObjectNode e = Json.object();
		e.put("id", id);
		e.put("user_id", userId);
		e.put("contract_id", contractId);
		e.put("project_id", projectId);
		e.put("project_name", projectName);
		e.put("task_id", taskId);
		e.put("task_title", taskTitle);
		e.put("activity_description", description);
		e.put("method", method);
		e.put("date", date.toString());
		e.put("start_time", Json.isoZ(from));
		e.put("end_time", Json.isoZ(to));
		e.put("duration_minutes", (to.getEpochSecond() - from.getEpochSecond()) / 60);
		return e;
	}

}
