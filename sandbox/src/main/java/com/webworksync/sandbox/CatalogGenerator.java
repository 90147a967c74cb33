package com.webworksync.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.webworksync.sandbox.Draft.Contract;
import com.webworksync.sandbox.Draft.Person;
import com.webworksync.sandbox.Draft.Project;
import com.webworksync.sandbox.Draft.Task;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Projects (with tags), contracts (member x project) and tasks. */
final class CatalogGenerator {

	private static final List<Integer> STATUSES = List.of(0, 10, 20, 30);

	private static final Map<Integer, String[]> STATUS_LABELS = Map.of(0, new String[] { "Open", "#9E9E9E" }, 10,
			new String[] { "In Progress", "#2196F3" }, 20, new String[] { "Done", "#4CAF50" }, 30,
			new String[] { "Closed", "#607D8B" });

	private static final Map<Integer, String> PRIORITIES = Map.of(10, "Urgent", 20, "High", 30, "Normal", 40, "Low");

	private static final List<String> SCREENSHOTS = List.of("full", "blurred", "no_screenshot",
			"background_blurred");

	private static final Map<String, String> SCREENSHOT_LABELS = Map.of("full", "Screenshot on", "blurred",
			"Blurred screenshots", "no_screenshot", "Screenshots off", "background_blurred", "Background blurred");

	private CatalogGenerator() {
	}

	static void generate(Draft d) {
		projects(d);
		contracts(d);
		tasks(d);
	}

	private static void projects(Draft d) {
		int offset = d.rng("project-names").between(0, Names.PROJECTS.size() - 1);
		for (int k = 0; k < d.options.projects(); k++) {
			Rng rng = d.rng("project", k);
			String name = Names.PROJECTS.get((offset + k) % Names.PROJECTS.size());
			if (k >= Names.PROJECTS.size()) {
				name = name + " " + (k / Names.PROJECTS.size() + 1);
			}
			// the first project is billable and the second is not, so both cases always exist
			boolean billable = k == 0 || (k != 1 && rng.chance(0.6));
			int rate = 5 * rng.between(5, 24);
			Project project = new Project(2000 + d.index * 100L + k + 1, name, "project-icon-" + rng.between(1, 8),
					billable, billable ? rate : null);
			d.projectList.add(project);
			LocalDate start = d.firstDay.minusDays(rng.between(10, 200));
			ObjectNode p = Json.object();
			p.put("id", project.id());
			p.put("name", name);
			p.put("owner_id", d.owner().id());
			p.put("start_date", start.toString());
			p.put("deadline", rng.chance(0.4) ? null : start.plusDays(rng.between(60, 300)).toString());
			p.put("estimation", rng.chance(0.3) ? null : Integer.valueOf(rng.between(4, 80) * 10));
			p.put("budget_estimation", rng.chance(0.4) ? null : Integer.valueOf(rng.between(1, 50) * 1000));
			p.put("notes", rng.chance(0.5) ? null : "Kick-off notes for " + name);
			p.put("icon", project.icon());
			p.put("is_billable", billable);
			if (d.options.ratesVisible()) {
				p.put("rate", project.rate());
			}
			p.put("weekly_hours_limit", rng.chance(0.5) ? null : Integer.valueOf(rng.chance(0.5) ? 168 : 40));
			p.put("screenshots", rng.chance(0.7) ? "full" : "blur");
			ArrayNode tags = p.putArray("tags");
			int first = rng.between(0, Names.TAGS.size() - 1);
			for (int t = 0, n = rng.between(0, 3); t < n; t++) {
				int tag = (first + t) % Names.TAGS.size();
				tags.addObject()
					.put("id", 900 + d.index * 10L + tag + 1)
					.put("name", Names.TAGS.get(tag))
					.put("color", tag == 5 ? null : Names.COLORS.get(tag));
			}
			p.put("contracts_count", 0);
			p.put("status", 1);
			p.put("created_at", Json.isoZ(d.at(start, 9, 0)));
			p.put("updated_at", Json.isoZ(d.at(Draft.dayBetween(rng, start, d.today), 15, 30)));
			p.putNull("deleted_at");
			d.out("projects").add(p);
		}
	}

	/** Every member who can track gets 1-3 projects; the first is where most of their time goes. */
	private static void contracts(Draft d) {
		Map<Long, Integer> active = new HashMap<>();
		long next = 560000 + d.index * 1000L;
		for (Person person : d.people) {
			if (person.viewer()) {
				continue;
			}
			Rng rng = d.rng("contracts", person.id());
			List<Project> pool = new ArrayList<>(d.projectList);
			int n = Math.min(pool.size(), rng.between(1, 3));
			List<Contract> mine = new ArrayList<>();
			for (int c = 0; c < n; c++) {
				Project project = pool.remove(rng.between(0, pool.size() - 1));
				int rateType = rng.between(1, 3);
				int customRate = 5 * rng.between(6, 30);
				Integer rate = !project.billable() ? null
						: rateType == 1 ? customRate : rateType == 2 ? person.rate() : project.rate();
				boolean paused = rng.chance(0.1);
				Contract contract = new Contract(next++, project, person, rate);
				mine.add(contract);
				if (!paused) {
					active.merge(project.id(), 1, Integer::sum);
				}
				d.out("contracts").add(json(d, contract, rateType, paused, rng));
			}
			d.contractsByUser.put(person.id(), mine);
		}
		for (ObjectNode p : d.out("projects")) {
			p.put("contracts_count", active.getOrDefault(p.get("id").asLong(), 0));
		}
	}

	private static ObjectNode json(Draft d, Contract k, int rateType, boolean paused, Rng rng) {
		Person person = k.person();
		String screenshots = rng.pick(SCREENSHOTS);
		LocalDate created = d.firstDay.minusDays(rng.between(1, 60));
		ObjectNode c = Json.object();
		c.put("id", k.id());
		c.put("project_id", k.project().id());
		c.put("project_name", k.project().name());
		c.put("project_icon", k.project().icon());
		c.put("user_id", person.id());
		c.put("user_firstname", person.firstname());
		c.put("user_lastname", person.lastname());
		c.put("user_email", person.email());
		c.put("user_role", person.role());
		c.put("weekly_hours_limit", rng.chance(0.5) ? 168 : 40);
		c.put("screenshots", screenshots);
		c.put("screenshots_label", SCREENSHOT_LABELS.get(screenshots));
		// rate fields are permission-conditional: only with rate permission and a billable project
		if (d.options.ratesVisible() && k.rate() != null) {
			c.put("rate", k.rate());
		}
		if (d.options.ratesVisible()) {
			c.put("rate_type", rateType);
		}
		c.put("status", paused ? "paused" : "active");
		c.put("currency", d.currency);
		c.put("created_at", Json.laravel(d.at(created, 11, rng.between(0, 59))));
		c.put("updated_at", Json.laravel(d.at(Draft.dayBetween(rng, created, d.today), 16, rng.between(0, 59))));
		c.put("contract_name", k.project().name() + " - " + person.fullName());
		return c;
	}

	private static void tasks(Draft d) {
		long next = 30000 + d.index * 10000L;
		for (Project project : d.projectList) {
			Rng rng = d.rng("tasks", project.id());
			List<Long> holders = d.people.stream()
				.filter(p -> d.contractsByUser.getOrDefault(p.id(), List.of())
					.stream()
					.anyMatch(c -> c.project().id() == project.id()))
				.map(Person::id)
				.toList();
			List<Task> tasks = new ArrayList<>();
			for (int i = 0, n = rng.between(3, 12); i < n; i++) {
				String title = rng.pick(Names.TASK_VERBS) + " " + rng.pick(Names.TASK_OBJECTS);
				Task task = new Task(next++, project.id(), title);
				Long parent = i > 0 && rng.chance(0.15) ? tasks.get(rng.between(0, i - 1)).id() : null;
				tasks.add(task);
				d.out("tasks").add(taskJson(d, task, parent, holders, rng));
			}
			d.tasksByProject.put(project.id(), tasks);
		}
	}

	private static ObjectNode taskJson(Draft d, Task task, Long parent, List<Long> holders, Rng rng) {
		int status = rng.weighted(STATUSES, new int[] { 4, 3, 2, 1 });
		int priority = 10 * rng.between(1, 4);
		LocalDate created = Draft.dayBetween(rng, d.firstDay.minusDays(30), d.today);
		LocalDate start = rng.chance(0.3) ? null : created;
		ObjectNode t = Json.object();
		t.put("id", task.id());
		t.put("title", task.title());
		t.put("description", rng.chance(0.4) ? null : "Details for: " + task.title().toLowerCase());
		t.put("project_id", task.projectId());
		t.put("owner_id", d.owner().id());
		t.put("creator_id", d.people.get(rng.between(0, Math.min(3, d.people.size() - 1))).id());
		t.put("status", status);
		t.put("status_name", STATUS_LABELS.get(status)[0]);
		t.put("status_color", STATUS_LABELS.get(status)[1]);
		t.put("priority", priority);
		t.put("priority_name", PRIORITIES.get(priority));
		t.put("start_date", start == null ? null : start.toString());
		t.put("end_date", start == null || rng.chance(0.5) ? null : start.plusDays(rng.between(1, 30)).toString());
		t.put("completed_at", status >= 20 ? Json.isoZ(d.at(Draft.dayBetween(rng, created, d.today), 17, 0)) : null);
		t.put("parent_id", parent);
		ArrayNode assignees = t.putArray("assignees");
		List<Long> pool = new ArrayList<>(holders);
		for (int a = 0, n = Math.min(pool.size(), rng.between(0, 3)); a < n; a++) {
			long id = pool.remove(rng.between(0, pool.size() - 1));
			Person p = d.people.stream().filter(x -> x.id() == id).findFirst().orElseThrow();
			assignees.addObject()
				.put("id", p.id())
				.put("firstname", p.firstname())
				.put("lastname", p.lastname())
				.put("email", p.email());
		}
		t.put("created_at", Json.laravel(d.at(created, 10, rng.between(0, 59))));
		t.put("updated_at", Json.laravel(d.at(Draft.dayBetween(rng, created, d.today), 14, rng.between(0, 59))));
		t.putNull("deleted_at");
		return t;
	}

}
