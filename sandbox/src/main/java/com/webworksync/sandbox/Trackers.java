package com.webworksync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The members' running trackers and GET /time-tracking/current-data. A tracker runs from
 * {@link SandboxData#startTracker} until {@link SandboxData#stopTracker} (which adds its entry); starting a running
 * tracker restarts it (the real POST /time-tracking/start refuses that, but the sandbox serves no POST there: its
 * trackers are simulated, and each start announces {@code tracker.started}).
 *
 * <p>What the endpoint answers, from the reference (docs: webwork-api-v2.md, section 9), and where it is silent the
 * working assumption (docs/guide/webhooks.md, "Who is tracking now"):
 * <ul>
 * <li>{@code workspace_id} and {@code user_id} are required (422 without them, as every required parameter); a
 * {@code user_id} who is not a member of the workspace is a 422 too (the reference is silent; Laravel's
 * {@code exists} rule answers so).</li>
 * <li>A running tracker: {@code data} is the documented object: contract_id, user_id, activity_description, task_id,
 * task_title, total_seconds (the seconds left over), total_minutes (the day's tracked minutes plus the running
 * tracker), date (the owner's calendar day).</li>
 * <li>No tracker running (the reference is silent): 200 with {@code "data": null}, never a 404, so the job reads it
 * as a partition without rows. The real API says it sees only trackers started from the API or the browser; the
 * sandbox's simulated trackers all count as such.</li>
 * </ul>
 * The running trackers live in each {@link WorkspaceStore} (under its lock).
 */
final class Trackers {

	/** One running tracker. */
	record Running(Instant start, Long contractId, Long taskId, String taskTitle, String description) {
	}

	/** Where a stopped tracker's entry goes: the owner's day, and its start there. */
	record Stopped(LocalDate day, Instant start) {
	}

	private Trackers() {
	}

	/**
	 * The entry of a tracker that ran {@code minutes} until {@code now}: cut at the owner's midnight, so it lies on the
	 * day it stopped; stopped at midnight itself (within its minute), it is all the day before's and ends there.
	 */
	static Stopped stopped(Instant now, int minutes, ZoneId zone) {
		LocalDate day = now.atZone(zone).toLocalDate();
		Instant midnight = day.atStartOfDay(zone).toInstant();
		Instant start = now.minusSeconds(60L * minutes);
		if (now.equals(midnight)) {
			return new Stopped(day.minusDays(1), start);
		}
		return new Stopped(day, start.isBefore(midnight) ? midnight : start);
	}

	static void register(Map<String, Route> routes) {
		routes.put("/time-tracking/current-data", Trackers::currentData);
	}

	/** Starts (or restarts) a member's tracker on their contract of {@code projectId} (none: time without a project). */
	static void start(WorkspaceStore store, long userId, Long projectId, Long taskId, String description, Instant at) {
		Long contract = projectId == null ? null : store.items("contracts")
			.stream()
			.filter(c -> Json.longValue(c, "user_id", 0) == userId && projectId.equals(Json.longOrNull(c, "project_id")))
			.map(c -> Json.longOrNull(c, "id"))
			.findFirst()
			.orElse(null);
		ObjectNode task = taskId == null ? null : store.item("tasks", taskId.toString());
		store.runningTrackers.put(userId,
				new Running(at, contract, taskId, task == null ? null : Json.text(task, "title"), description));
	}

	private static Payload currentData(Call call) {
		Long user = call.requiredLong("user_id");
		WorkspaceStore store = call.workspace();
		if (store.member(user) == null) {
			call.error("user_id", "The selected user id is invalid.");
			call.check();
		}
		Running running = store.runningTrackers.get(user);
		if (running == null) {
			return Payload.of("No tracker is running", NullNode.getInstance());
		}
		Instant now = call.data.options().clock().instant();
		LocalDate today = now.atZone(store.zone).toLocalDate();
		Instant dayStart = today.atStartOfDay(store.zone).toInstant();
		long seconds = Duration.between(running.start().isBefore(dayStart) ? dayStart : running.start(), now).toSeconds();
		long tracked = store.entriesOn(today)
			.stream()
			.filter(e -> Json.longValue(e, "user_id", 0) == user)
			.mapToLong(e -> Json.longValue(e, "duration_minutes", 0))
			.sum();
		ObjectNode data = Json.object();
		data.put("contract_id", running.contractId());
		data.put("user_id", user);
		data.put("activity_description", running.description());
		data.put("task_id", running.taskId());
		data.put("task_title", running.taskTitle());
		data.put("total_seconds", Math.max(0, seconds) % 60);
		data.put("total_minutes", tracked + Math.max(0, seconds) / 60);
		data.put("date", today.toString());
		return Payload.of("Current tracker data retrieved successfully", data);
	}
}
