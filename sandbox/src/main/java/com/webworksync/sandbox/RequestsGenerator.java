package com.webworksync.sandbox;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.webworksync.sandbox.Draft.Contract;
import com.webworksync.sandbox.Draft.Person;
import com.webworksync.sandbox.Draft.Task;
import tools.jackson.databind.node.ObjectNode;

/** What members ask for: leaves (before time is generated, so approved leave days stay empty), time requests, expenses. */
final class RequestsGenerator {

	/** Sorts a generated list by a date-like key while generation stays per member. */
	private record Keyed(String key, ObjectNode node) {
	}

	private RequestsGenerator() {
	}

	static void leaves(Draft d) {
		List<ObjectNode> policies = d.out("leave_policies");
		List<Keyed> all = new ArrayList<>();
		for (Person p : d.people) {
			if (p.viewer()) {
				continue;
			}
			Rng rng = d.rng("leaves", p.id());
			for (int i = 0, n = 1 + d.options.historyDays() / 60; i < n; i++) {
				ObjectNode policy = rng.weighted(policies, new int[] { 5, 3, 2 });
				boolean hours = "hours".equals(policy.get("unit").asString());
				LocalDate latest = p.activeUntil() == null ? d.today.plusDays(30) : d.lastDayOf(p);
				LocalDate start = weekday(Draft.dayBetween(rng, d.firstDay, latest));
				int days = hours ? 1 : rng.between(1, 5);
				LocalDate end = start;
				for (int counted = 1; counted < days;) {
					end = end.plusDays(1);
					counted += end.getDayOfWeek().getValue() <= 5 ? 1 : 0;
				}
				String status = start.isAfter(d.today) ? (rng.chance(0.6) ? "pending" : "approved")
						: rng.weighted(List.of("approved", "rejected", "pending"), new int[] { 70, 15, 15 });
				int hourCount = hours ? rng.between(2, 4) : days * 8;
				ObjectNode l = Json.object();
				l.put("id", rng.uuid());
				l.put("user_id", p.id());
				l.put("policy_id", policy.get("id").asLong());
				l.put("status", status);
				l.put("note", rng.chance(0.4) ? null : rng.pick(List.of("Family vacation", "Doctor visit", "Moving")));
				l.put("is_paid", policy.get("is_paid").asBoolean() ? "yes" : "no");
				l.put("created_by", p.id());
				l.put("approved_by", "approved".equals(status) ? Long.valueOf(d.owner().id()) : null);
				l.put("rejected_by", "rejected".equals(status) ? Long.valueOf(d.owner().id()) : null);
				l.put("reject_reason", "rejected".equals(status) ? "Too many people off that week" : null);
				l.put("start_date", start.toString());
				l.put("end_date", end.toString());
				l.put("created_on", Json.laravel(d.at(start.minusDays(rng.between(3, 20)), 10, rng.between(0, 59))));
				ObjectNode total = l.putObject("total");
				if (hours) {
					total.put("days", Json.round2(hourCount / 8.0));
				}
				else {
					total.put("days", days);
				}
				total.put("hours", hourCount);
				all.add(new Keyed(start + "/" + p.id(), l));
				if ("approved".equals(status) && !hours) {
					Set<LocalDate> off = d.leaveDays.computeIfAbsent(p.id(), k -> new HashSet<>());
					start.datesUntil(end.plusDays(1)).forEach(off::add);
				}
			}
		}
		monthSpanningLeaves(d, policies, all);
		sortInto(d, "leaves", all);
	}

	/**
	 * At every month turn of the history (and the next month's), one approved leave from the last
	 * days of the old month into the new one, so a month's read always returns a leave that
	 * another month owns.
	 */
	private static void monthSpanningLeaves(Draft d, List<ObjectNode> policies, List<Keyed> all) {
		ObjectNode policy = policies.stream().filter(p -> "days".equals(p.get("unit").asString())).findFirst().orElseThrow();
		for (LocalDate turn : Draft.monthTurns(d.firstDay, d.today.plusDays(30))) {
			Person p = d.edgePerson(turn, 0);
			if (p == null) {
				continue;
			}
			Rng rng = d.rng("month-leave", p.id(), turn.toEpochDay());
			LocalDate start = turn.minusDays(rng.between(1, 2));
			LocalDate end = turn.plusDays(rng.between(0, 2));
			int days = (int) start.datesUntil(end.plusDays(1)).filter(day -> day.getDayOfWeek().getValue() <= 5).count();
			boolean future = start.isAfter(d.today);
			ObjectNode l = Json.object();
			l.put("id", rng.uuid());
			l.put("user_id", p.id());
			l.put("policy_id", policy.get("id").asLong());
			l.put("status", future ? "pending" : "approved");
			l.put("note", "Long weekend at the month's turn");
			l.put("is_paid", policy.get("is_paid").asBoolean() ? "yes" : "no");
			l.put("created_by", p.id());
			l.put("approved_by", future ? null : Long.valueOf(d.owner().id()));
			l.putNull("rejected_by");
			l.putNull("reject_reason");
			l.put("start_date", start.toString());
			l.put("end_date", end.toString());
			l.put("created_on", Json.laravel(d.at(start.minusDays(10), 9, 30)));
			l.putObject("total").put("days", days).put("hours", days * 8);
			all.add(new Keyed(start + "/" + p.id() + "/turn", l));
			if (!future) {
				start.datesUntil(end.plusDays(1)).forEach(d.leaveDays.computeIfAbsent(p.id(), k -> new HashSet<>())::add);
			}
		}
	}

	static void timeRequests(Draft d) {
		List<Keyed> all = new ArrayList<>();
		for (Person p : d.people) {
			List<Contract> contracts = d.contractsByUser.get(p.id());
			if (p.viewer() || contracts == null) {
				continue;
			}
			Rng rng = d.rng("time-requests", p.id());
			for (int i = 0, n = 1 + d.options.historyDays() / 45; i < n; i++) {
				LocalDate day = Draft.dayBetween(rng, d.firstDay, d.lastDayOf(p));
				Instant start = day.atTime(LocalTime.of(rng.between(9, 15), 5 * rng.between(0, 11)))
					.atZone(p.zone())
					.toInstant();
				Instant end = start.plusSeconds(60L * 15 * rng.between(2, 16));
				Contract contract = rng.pick(contracts);
				List<Task> tasks = d.tasksByProject.getOrDefault(contract.project().id(), List.of());
				Task task = tasks.isEmpty() || rng.chance(0.4) ? null : rng.pick(tasks);
				boolean old = day.isBefore(d.today.minusDays(14));
				String status = old ? rng.weighted(List.of("approved", "rejected", "pending"), new int[] { 6, 2, 2 })
						: rng.weighted(List.of("approved", "rejected", "pending"), new int[] { 2, 1, 5 });
				Instant created = end.plusSeconds(3600L * rng.between(1, 72));
				Instant updated = "pending".equals(status) ? created : created.plusSeconds(3600L * rng.between(2, 48));
				ObjectNode r = Json.object();
				r.put("id", rng.alnum(24));
				r.put("user_id", p.id());
				r.put("contract_id", contract.id());
				r.put("project_id", contract.project().id());
				r.put("task_id", task == null ? null : task.id());
				r.put("start", Json.isoZ(start));
				r.put("end", Json.isoZ(end));
				r.put("status", status);
				r.put("notes", rng.chance(0.2) ? null : rng.pick(Names.NOTES));
				r.put("comment", "rejected".equals(status) ? "Please add more detail" : null);
				r.put("updated_by", "pending".equals(status) ? null : Long.valueOf(d.owner().id()));
				r.put("created_at", Json.isoZ(created));
				r.put("updated_at", Json.isoZ(updated));
				all.add(new Keyed(Json.isoZ(start) + "/" + p.id(), r));
			}
		}
		// at every month turn, one request for a late session that crosses the owner's midnight and the month
		for (LocalDate turn : Draft.monthTurns(d.firstDay, d.today)) {
			Person p = d.edgePerson(turn, 1);
			if (p == null) {
				continue;
			}
			Rng rng = d.rng("month-time-request", p.id(), turn.toEpochDay());
			Instant start = d.at(turn.minusDays(1), 22, 30);
			Instant end = d.at(turn, 1, 30);
			Contract contract = d.contractsByUser.get(p.id()).get(0);
			Instant created = end.plusSeconds(3600L * 9);
			boolean old = turn.isBefore(d.today.minusDays(14));
			ObjectNode r = Json.object();
			r.put("id", rng.alnum(24));
			r.put("user_id", p.id());
			r.put("contract_id", contract.id());
			r.put("project_id", contract.project().id());
			r.putNull("task_id");
			r.put("start", Json.isoZ(start));
			r.put("end", Json.isoZ(end));
			r.put("status", old ? "approved" : "pending");
			r.put("notes", "Release night");
			r.putNull("comment");
			r.put("updated_by", old ? Long.valueOf(d.owner().id()) : null);
			r.put("created_at", Json.isoZ(created));
			r.put("updated_at", Json.isoZ(old ? created.plusSeconds(7200) : created));
			all.add(new Keyed(Json.isoZ(start) + "/" + p.id() + "/turn", r));
		}
		sortInto(d, "time_requests", all);
	}

	/** Expenses name their member, project and category instead of giving ids, as the API documentation shows. */
	static void expenses(Draft d) {
		List<String> categories = SettingsGenerator.CATEGORIES;
		List<Keyed> all = new ArrayList<>();
		for (Person p : d.people) {
			List<Contract> contracts = d.contractsByUser.get(p.id());
			if (p.viewer() || contracts == null) {
				continue;
			}
			Rng rng = d.rng("expenses", p.id());
			for (int i = 0, n = 1 + d.options.historyDays() / 25; i < n; i++) {
				LocalDate date = Draft.dayBetween(rng, d.firstDay, d.lastDayOf(p));
				LocalDate added = date.plusDays(rng.between(0, 5));
				Contract contract = rng.chance(0.8) ? rng.pick(contracts) : null;
				boolean billable = contract != null && contract.project().billable() && rng.chance(0.7);
				ObjectNode e = Json.object();
				e.put("id", rng.uuid());
				e.put("member", p.fullName());
				e.put("expense_date", Json.display(date));
				e.put("expense_name", rng.pick(Names.EXPENSES));
				e.put("project", contract == null ? null : contract.project().name());
				e.put("category", rng.pick(categories));
				e.put("amount", Json.round2(5 + rng.nextDouble() * 495));
				e.put("note", rng.chance(0.5) ? null : "Receipt attached");
				e.put("type", billable ? "billable" : "non-billable");
				e.put("added_dte", Json.display(added.isAfter(d.today) ? d.today : added));
				all.add(new Keyed(date + "/" + p.id() + "/" + i, e));
			}
		}
		sortInto(d, "expenses", all);
	}

	private static LocalDate weekday(LocalDate day) {
		return day.getDayOfWeek() == DayOfWeek.SATURDAY ? day.plusDays(2)
				: day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.plusDays(1) : day;
	}

	private static void sortInto(Draft d, String resource, List<Keyed> all) {
		all.sort(Comparator.comparing(Keyed::key));
		all.forEach(k -> d.out(resource).add(k.node()));
	}

}
