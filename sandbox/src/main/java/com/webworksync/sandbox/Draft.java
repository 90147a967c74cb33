package com.webworksync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.node.ObjectNode;

/**
 * One workspace while it is being generated: the facts the generators share (people, projects,
 * contracts) plus the JSON lists they produce. Kept by the store, which makes time entries and
 * timesheets from it a day or a week at a time.
 */
final class Draft {

	/** The token's user keeps this id in every workspace, as a real user would. */
	static final long CALLER_ID = 100001;

	record Person(long id, int index, String firstname, String lastname, String email, String role, String status,
			ZoneId zone, LocalDate activeUntil, int rate) {

		String fullName() {
			return firstname + " " + lastname;
		}

		boolean viewer() {
			return "Project viewer".equals(role);
		}

		/** Members who can track time on that day (left and inactive members stopped at some point). */
		boolean worksOn(LocalDate day) {
			return !viewer() && (activeUntil == null || day.isBefore(activeUntil));
		}

	}

	record Project(long id, String name, String icon, boolean billable, Integer rate) {
	}

	record Contract(long id, Project project, Person person, Integer rate) {
	}

	record Task(long id, long projectId, String title) {
	}

	final SandboxOptions options;

	final int index;

	final long workspaceId;

	final ZoneId zone;

	final LocalDate today;

	final LocalDate firstDay;

	final String currency;

	final String name;

	final String domain;

	final Instant createdAt;

	final List<Person> people = new ArrayList<>();

	final List<Project> projectList = new ArrayList<>();

	final Map<Long, List<Contract>> contractsByUser = new HashMap<>();

	final Map<Long, List<Task>> tasksByProject = new HashMap<>();

	final Map<Long, Set<LocalDate>> leaveDays = new HashMap<>();

	final Map<String, List<ObjectNode>> out = new HashMap<>();

	Draft(SandboxOptions options, int index) {
		this.options = options;
		this.index = index;
		this.workspaceId = options.firstWorkspaceId() + index;
		this.zone = ZoneId.of(options.ownerTimeZones().get(index % options.ownerTimeZones().size()));
		this.today = options.today() != null ? options.today() : LocalDate.now(options.clock().withZone(zone));
		this.firstDay = today.minusDays(options.historyDays() - 1L);
		this.currency = List.of("USD", "EUR", "GBP").get(index % 3);
		int offset = Rng.of(options.seed(), "workspace-name").between(0, Names.WORKSPACES.size() - 1);
		this.name = Names.WORKSPACES.get((offset + index) % Names.WORKSPACES.size());
		this.domain = name.toLowerCase().replace(' ', '-') + ".test";
		this.createdAt = at(firstDay.minusDays(400), 10, 0);
	}

	Rng rng(Object... keys) {
		Object[] all = new Object[keys.length + 1];
		all[0] = index;
		System.arraycopy(keys, 0, all, 1, keys.length);
		return Rng.of(options.seed(), all);
	}

	List<ObjectNode> out(String resource) {
		return out.computeIfAbsent(resource, r -> new ArrayList<>());
	}

	Person owner() {
		return people.get(0);
	}

	/** An instant on a day of the owner's calendar. */
	Instant at(LocalDate day, int hour, int minute) {
		return day.atTime(LocalTime.of(hour, minute)).atZone(zone).toInstant();
	}

	/** A random owner-calendar day in [from, to], or {@code from} when the range is empty. */
	static LocalDate dayBetween(Rng rng, LocalDate from, LocalDate to) {
		long span = to.toEpochDay() - from.toEpochDay();
		return span <= 0 ? from : from.plusDays(rng.between(0, (int) span));
	}

	/** The first day of every month that begins after {@code from} and by {@code to}. */
	static List<LocalDate> monthTurns(LocalDate from, LocalDate to) {
		List<LocalDate> turns = new ArrayList<>();
		for (LocalDate first = from.withDayOfMonth(1).plusMonths(1); !first.isAfter(to); first = first.plusMonths(1)) {
			turns.add(first);
		}
		return turns;
	}

	/**
	 * Who makes the month-turn case of {@code turn}: a member who tracks time on both sides of it,
	 * rotating through the team from month to month; null when nobody does.
	 */
	Person edgePerson(LocalDate turn, int salt) {
		List<Person> able = people.stream()
			.filter(p -> p.worksOn(turn) && contractsByUser.containsKey(p.id()))
			.toList();
		return able.isEmpty() ? null
				: able.get(Math.floorMod(turn.getYear() * 12 + turn.getMonthValue() + salt, able.size()));
	}

	/** The last day a person could have tracked time (today for active members). */
	LocalDate lastDayOf(Person person) {
		return person.activeUntil() == null ? today : person.activeUntil().minusDays(1);
	}

}
