package com.webworksync.sandbox;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashSet;
import java.util.Set;

import com.webworksync.sandbox.Draft.Person;
import tools.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * Weekly (Mon-Sun) timesheets for every member-week with time, in the shape of the newer API reference (total_minutes, daily_breakdown). Only the
 * workflow fields are generated; totals and daily_breakdown are filled in from the current time
 * entries each time a timesheet is read (see {@link Timesheets}).
 */
final class TimesheetGenerator {

	private TimesheetGenerator() {
	}

	/**
	 * The timesheets of the week that begins on {@code monday}: one per member with generated time
	 * in it (a week of the history, as generated, not as edited since), by user id.
	 */
	static List<Buckets.Slot> week(Draft d, LocalDate monday, Function<LocalDate, Set<Long>> usersWithTime) {
		Set<Long> users = new HashSet<>();
		for (LocalDate day = monday; day.isBefore(monday.plusDays(7)); day = day.plusDays(1)) {
			users.addAll(usersWithTime.apply(day));
		}
		List<Buckets.Slot> all = new ArrayList<>();
		for (Person p : d.people) {
			if (users.contains(p.id())) {
				all.add(new Buckets.Slot(json(d, p, monday, d.rng("timesheet", p.id(), monday.toEpochDay())),
						monday.toEpochDay() * (1L << 32) + p.id()));
			}
		}
		all.sort(Comparator.comparingLong(Buckets.Slot::rank));
		return all;
	}

	/** The Monday of a date's week, the bucket a timesheet belongs to. */
	static LocalDate monday(LocalDate date) {
		return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	private static ObjectNode json(Draft d, Person p, LocalDate monday, Rng rng) {
		LocalDate sunday = monday.plusDays(6);
		// both spellings of "not submitted yet" appear (`open` and `pending` mean the same)
		String unsubmitted = p.index() % 2 == 0 ? "open" : "pending";
		List<String> states = List.of("approved", "submitted", "rejected", unsubmitted);
		String status = !sunday.isBefore(d.today) ? unsubmitted
				: sunday.isAfter(d.today.minusDays(8)) ? rng.weighted(states, new int[] { 20, 50, 0, 30 })
						: rng.weighted(states, new int[] { 70, 8, 10, 12 });
		boolean submitted = !status.equals(unsubmitted);
		ObjectNode t = Json.object();
		t.put("id", "tsh_" + rng.hex(16));
		t.put("user_id", p.id());
		t.putObject("member")
			.put("id", p.id())
			.put("firstname", p.firstname())
			.put("lastname", p.lastname())
			.put("email", p.email());
		t.put("date_from", monday.toString());
		t.put("date_to", sunday.toString());
		t.put("total_minutes", 0);
		t.put("total_hours", 0.0);
		t.put("status", status);
		t.put("submitted_on",
				submitted ? Json.isoZ(d.at(sunday.plusDays(rng.between(1, 3)), rng.between(9, 17), 5 * rng.between(0, 11)))
						: null);
		t.put("reject_reason", "rejected".equals(status) ? rng.pick(Names.REJECT_REASONS) : null);
		t.putObject("daily_breakdown");
		if (d.options.ratesVisible()) {
			t.put("total_amount", 0.0);
			t.put("currency", d.currency);
		}
		return t;
	}

}
