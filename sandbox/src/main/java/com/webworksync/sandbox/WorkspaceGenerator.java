package com.webworksync.sandbox;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.webworksync.sandbox.Draft.Person;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds one workspace as a pure function of the options and its index: same seed, same bytes.
 * The steps run in dependency order; each draws from its own seeded stream.
 */
final class WorkspaceGenerator {

	/**
	 * A finished workspace: its calendar and every resource list in serving order, but for time
	 * entries and timesheets, which the store makes from the draft a day or a week at a time.
	 */
	record Generated(long id, ZoneId zone, LocalDate today, String currency, long callerId,
			Map<String, List<ObjectNode>> resources, Draft draft) {
	}

	private WorkspaceGenerator() {
	}

	static Generated generate(SandboxOptions options, int index) {
		Draft d = new Draft(options, index);
		PeopleGenerator.generate(d);
		CatalogGenerator.generate(d);
		SettingsGenerator.generate(d);
		RequestsGenerator.leaves(d);
		RequestsGenerator.timeRequests(d);
		RequestsGenerator.expenses(d);
		long callerId = d.people.stream()
			.filter(p -> p.role().equals(options.callerRole()))
			.findFirst()
			.orElse(d.owner())
			.id();
		d.out("workspaces").add(workspace(d, callerId));
		for (String resource : SandboxData.RESOURCES) {
			d.out(resource);
		}
		return new Generated(d.workspaceId, d.zone, d.today, d.currency, callerId, d.out, d);
	}

	private static ObjectNode workspace(Draft d, long callerId) {
		Person owner = d.owner();
		ObjectNode w = Json.object();
		w.put("id", d.workspaceId);
		w.put("owner_id", owner.id());
		w.put("user_id", callerId);
		w.put("workspace_name", d.name);
		w.put("role", d.options.callerRole());
		w.put("status", "active");
		w.put("created_at", Json.laravel(d.createdAt));
		// the one field in "YYYY-MM-DD HH:MM:SS" (UTC), unlike every other timestamp
		w.put("activated_at", Json.sqlUtc(d.createdAt.plusSeconds(2 * 3600 + 15 * 60)));
		return w;
	}

}
