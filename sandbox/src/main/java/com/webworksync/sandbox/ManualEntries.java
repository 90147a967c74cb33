package com.webworksync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import tools.jackson.databind.node.ObjectNode;

/** A time entry added by hand, as WebWork stores one: its contract looked up, its project and task named. */
final class ManualEntries {

	private ManualEntries() {
	}

	/** Adds the entry to {@code store} (under the caller's write lock) and returns it as stored. */
	static ObjectNode add(WorkspaceStore store, String id, long userId, LocalDate date, LocalTime startLocal,
			int minutes, Long projectId, Long taskId, String description) {
		Instant from = date.atTime(startLocal).atZone(store.zone).toInstant();
		Instant to = from.plusSeconds(60L * minutes);
		if (to.isAfter(date.plusDays(1).atStartOfDay(store.zone).toInstant()) || minutes <= 0) {
			throw new IllegalArgumentException("an entry must end by the owner's midnight and last > 0 minutes");
		}
		ObjectNode project = projectId == null ? null : store.item("projects", projectId.toString());
		ObjectNode task = taskId == null ? null : store.item("tasks", taskId.toString());
		Long contractId = projectId == null ? null : store.items("contracts")
			.stream()
			.filter(c -> c.get("user_id").asLong() == userId && c.get("project_id").asLong() == projectId)
			.map(c -> c.get("id").asLong())
			.findFirst()
			.orElse(null);
		ObjectNode entry = TimeGenerator.entry(id, userId, contractId, projectId,
				project == null ? null : Json.text(project, "name"), taskId,
				task == null ? null : Json.text(task, "title"), description, "Manually added time", date, from, to);
		store.add("time_entries", entry);
		return entry.deepCopy();
	}
}
