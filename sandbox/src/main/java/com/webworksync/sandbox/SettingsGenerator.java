package com.webworksync.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.webworksync.sandbox.Draft.Person;
import com.webworksync.sandbox.Draft.Project;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The small workspace-level resources: project viewers, leave policies, expense categories, webhooks. */
final class SettingsGenerator {

	/** name, paid, unit, allowance (null = unlimited). Both units appear, as GET /leaves/policies allows (`unit` "days" or "hours"). */
	private record Policy(String name, boolean paid, String unit, Integer allowance) {
	}

	static final List<String> CATEGORIES = List.of("Travel", "Software", "Office Supplies", "Meals");

	private static final List<Policy> POLICIES = List.of(new Policy("Vacation", true, "days", 20),
			new Policy("Personal hours", true, "hours", 16), new Policy("Unpaid leave", false, "days", null));

	private SettingsGenerator() {
	}

	static void generate(Draft d) {
		viewers(d);
		policies(d);
		categories(d);
		webhooks(d);
	}

	/** Viewers are members too (same id); they see 1-2 projects and never track time. */
	private static void viewers(Draft d) {
		for (Person p : d.people) {
			if (!p.viewer()) {
				continue;
			}
			Rng rng = d.rng("viewer", p.id());
			ObjectNode v = Json.object();
			v.put("id", p.id());
			v.put("email", p.email());
			v.put("firstname", p.firstname());
			v.put("lastname", p.lastname());
			v.put("status", p.status());
			v.put("member_since", Json.isoZ(d.at(d.firstDay.minusDays(rng.between(5, 90)), 10, 0)));
			ArrayNode projects = v.putArray("projects");
			List<Project> pool = new ArrayList<>(d.projectList);
			for (int i = 0, n = Math.min(pool.size(), rng.between(1, 2)); i < n; i++) {
				Project project = pool.remove(rng.between(0, pool.size() - 1));
				projects.addObject().put("project_id", project.id()).put("project_name", project.name());
			}
			d.out("project_viewers").add(v);
		}
	}

	private static void policies(Draft d) {
		LocalDate created = d.createdAt.atZone(d.zone).toLocalDate().plusDays(1);
		for (int k = 0; k < POLICIES.size(); k++) {
			Policy policy = POLICIES.get(k);
			ObjectNode p = Json.object();
			p.put("id", 10 + d.index * 10L + k + 1);
			p.put("name", policy.name());
			p.put("is_paid", policy.paid());
			p.put("unit", policy.unit());
			p.put("allowance", policy.allowance());
			p.put("created_at", Json.laravel(d.at(created, 9, k)));
			p.put("updated_at", Json.laravel(d.at(created.plusDays(30L * k), 9, k)));
			d.out("leave_policies").add(p);
		}
	}

	private static void categories(Draft d) {
		Rng rng = d.rng("categories");
		for (String name : CATEGORIES) {
			ObjectNode c = Json.object();
			c.put("id", rng.uuid());
			c.put("name", name);
			c.put("created_at", Json.laravel(d.at(d.createdAt.atZone(d.zone).toLocalDate(), 9, rng.between(0, 59))));
			d.out("expense_categories").add(c);
		}
	}

	private static void webhooks(Draft d) {
		Rng rng = d.rng("webhooks");
		List<List<String>> events = List.of(List.of("tracker.started", "tracker.stopped"),
				List.of("member.invited", "member.updated", "member.deleted", "project.created", "project.updated",
						"task.updated"));
		List<String> urls = List.of("https://hooks." + d.domain + "/webwork/tracker",
				"https://bi." + d.domain + "/webhooks/webwork");
		for (int k = 0; k < 2; k++) {
			ObjectNode w = Json.object();
			w.put("id", rng.alnum(12));
			w.put("url", urls.get(k));
			ArrayNode names = w.putArray("events");
			events.get(k).forEach(names::add);
			w.put("token", "whsec_" + rng.hex(16));
			d.out("webhooks").add(w);
		}
	}

}
