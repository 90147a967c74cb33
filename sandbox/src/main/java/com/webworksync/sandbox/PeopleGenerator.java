package com.webworksync.sandbox;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.webworksync.sandbox.Draft.Person;
import tools.jackson.databind.node.ObjectNode;

/** Members: one owner, one manager of each kind, 1-2 project viewers, the rest regular users. */
final class PeopleGenerator {

	private static final List<String> SCREENSHOTS = List.of("full", "blurred", "no_screenshot", "background_blurred");

	private PeopleGenerator() {
	}

	static void generate(Draft d) {
		int count = d.options.members();
		List<String> roles = roles(d, count);
		List<String> statuses = statuses(d, roles);
		Rng rng = d.rng("members");
		Set<String> emails = new HashSet<>();
		boolean callerPlaced = false;
		for (int i = 0; i < count; i++) {
			String role = roles.get(i);
			boolean caller = !callerPlaced && role.equals(d.options.callerRole());
			callerPlaced |= caller;
			Rng names = caller ? Rng.of(d.options.seed(), "caller") : rng;
			String first = names.pick(Names.FIRST);
			String last = names.pick(Names.LAST);
			String email = caller ? email(first, last, "example.com", emails) : email(first, last, d.domain, emails);
			ZoneId zone = i == 0 || rng.chance(0.5) ? d.zone : ZoneId.of(rng.pick(Names.MEMBER_ZONES));
			String status = statuses.get(i);
			LocalDate until = switch (status) {
				case "left" -> d.firstDay.plusDays(d.options.historyDays() * rng.between(20, 80) / 100);
				case "inactive" -> d.firstDay.plusDays(d.options.historyDays() * rng.between(50, 95) / 100);
				default -> null;
			};
			long id = caller ? Draft.CALLER_ID : 101000 + d.index * 1000L + i;
			int rate = "Project viewer".equals(role) ? 0 : 5 * rng.between(3, 19);
			Person person = new Person(id, i, first, last, email, role, status, zone, until, rate);
			d.people.add(person);
			d.out("members").add(json(d, person, rng));
		}
	}

	private static List<String> roles(Draft d, int count) {
		List<String> roles = new ArrayList<>();
		List<String> fixed = List.of("Owner", "Executive manager", "Project manager", "Team manager");
		int viewers = count >= 6 ? 1 + (d.rng("viewers").chance(0.5) ? 1 : 0) : 0;
		for (int i = 0; i < count; i++) {
			if (i < fixed.size()) {
				roles.add(fixed.get(i));
			}
			else if (i >= count - viewers) {
				roles.add("Project viewer");
			}
			else {
				roles.add("Regular User");
			}
		}
		return roles;
	}

	/** About 1 in 10 regular users left and 1 in 8 is inactive, at least one of each when there are 3+. */
	private static List<String> statuses(Draft d, List<String> roles) {
		List<String> statuses = new ArrayList<>();
		List<Integer> regular = new ArrayList<>();
		boolean callerSeen = false;
		for (int i = 0; i < roles.size(); i++) {
			statuses.add("active");
			boolean caller = !callerSeen && roles.get(i).equals(d.options.callerRole());
			callerSeen |= caller;
			if (roles.get(i).equals("Regular User") && !caller) {
				regular.add(i);
			}
		}
		if (regular.size() >= 3) {
			Rng rng = d.rng("statuses");
			for (int i = regular.size() - 1; i > 0; i--) {
				int j = rng.between(0, i);
				Integer swap = regular.get(i);
				regular.set(i, regular.get(j));
				regular.set(j, swap);
			}
			int left = Math.max(1, Math.round(regular.size() / 10f));
			int inactive = Math.max(1, Math.round(regular.size() / 8f));
			for (int k = 0; k < left + inactive && k < regular.size(); k++) {
				statuses.set(regular.get(k), k < left ? "left" : "inactive");
			}
		}
		return statuses;
	}

	private static String email(String first, String last, String domain, Set<String> taken) {
		String base = (first + "." + last).toLowerCase();
		String email = base + "@" + domain;
		for (int n = 2; !taken.add(email); n++) {
			email = base + n + "@" + domain;
		}
		return email;
	}

	private static ObjectNode json(Draft d, Person p, Rng rng) {
		boolean viewer = p.viewer();
		LocalDate created = Draft.dayBetween(rng, d.createdAt.atZone(d.zone).toLocalDate(), d.firstDay.minusDays(10));
		ObjectNode m = Json.object();
		m.put("id", p.id());
		m.put("email", p.email());
		m.put("firstname", p.firstname());
		m.put("lastname", p.lastname());
		m.put("avatar", rng.chance(0.6) ? "avatar_" + p.id() + ".jpg" : null);
		m.put("current_role", p.role());
		m.put("timezone", p.zone().getId());
		m.put("status", p.status());
		m.put("team_name", viewer || rng.chance(0.2) ? null : rng.pick(Names.TEAMS));
		m.put("title", viewer || rng.chance(0.3) ? null : rng.pick(Names.TITLES));
		m.put("is_blocked", "left".equals(p.status()));
		// every draw happens whatever the options, so hiding rates changes nothing else
		boolean rateOn = rng.chance(0.85);
		if (d.options.ratesVisible()) {
			m.put("rate", viewer ? null : Integer.valueOf(p.rate()));
		}
		m.put("rate_status", d.options.ratesVisible() && !viewer && rateOn ? 1 : 0);
		if (d.options.ratesVisible()) {
			m.put("rate_type", viewer ? null : "hourly");
		}
		m.put("screenshots", rng.pick(SCREENSHOTS));
		m.put("weekly_hours_limit", rng.chance(0.3) ? null : Integer.valueOf(rng.chance(0.7) ? 40 : 168));
		m.put("created_at", Json.laravel(d.at(created, 9, rng.between(0, 59))));
		LocalDate updated = p.activeUntil() != null && "left".equals(p.status()) ? p.activeUntil()
				: Draft.dayBetween(rng, created, d.today);
		m.put("updated_at", Json.laravel(d.at(updated, 12, rng.between(0, 59))));
		m.put("deleted_at", "left".equals(p.status()) ? m.get("updated_at").asString() : null);
		return m;
	}

}
