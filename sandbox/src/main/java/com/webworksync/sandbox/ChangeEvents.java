package com.webworksync.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/** The webhook events the sandbox's changes make, with the data WebWork documents for each, told to one listener. */
final class ChangeEvents {

	/** Who hears of each change: the webhook deliveries. */
	interface Listener {
		void changed(long workspaceId, String type, ObjectNode eventData);
	}

	/** The events a change of these resources makes: added, updated, removed. */
	private static final Map<String, List<String>> EVENTS = Map.of("members",
			List.of("member.invited", "member.updated", "member.deleted"), "projects",
			List.of("project.created", "project.updated", "project.deleted"), "tasks",
			List.of("task.updated", "task.updated", "task.updated"));

	static final int ADDED = 0;
	static final int UPDATED = 1;
	static final int REMOVED = 2;

	private volatile Listener listener = (workspaceId, type, eventData) -> {
	};

	void listen(Listener who) {
		listener = who;
	}

	void announce(long workspaceId, String type, ObjectNode eventData) {
		listener.changed(workspaceId, type, eventData);
	}

	/** A member, project or task added, updated or removed ({@link #ADDED}…); other resources announce nothing. */
	void resourceChanged(String resource, int change, long workspaceId, ObjectNode item) {
		List<String> events = EVENTS.get(resource);
		if (events == null || item == null) {
			return;
		}
		ObjectNode event = Json.object();
		switch (resource) {
			case "members" -> event.put("user_id", item.path("id").asLong());
			case "projects" -> event.put("project_id", item.path("id").asLong());
			default -> {
				event.put("task_id", item.path("id").asLong());
				event.put("project_id", item.path("project_id").asLong());
			}
		}
		announce(workspaceId, events.get(change), event);
	}

	void trackerStarted(long workspaceId, long userId, Long projectId, Instant at) {
		ObjectNode event = Json.object();
		event.put("user_id", userId);
		event.put("project_id", projectId);
		event.put("started_at", Json.isoZ(at));
		announce(workspaceId, "tracker.started", event);
	}

	void trackerStopped(long workspaceId, ObjectNode entry, long userId, Long projectId, Long taskId, Instant start,
			Instant stop) {
		ObjectNode event = Json.object();
		event.put("user_id", userId);
		event.put("project_id", projectId);
		event.put("task_id", taskId);
		event.put("time_entry_id", Json.text(entry, "id"));
		event.put("started_at", Json.isoZ(start));
		event.put("stopped_at", Json.isoZ(stop));
		announce(workspaceId, "tracker.stopped", event);
	}
}
