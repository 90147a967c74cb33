package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GET /time-tracking/current-data over HTTP: both parameters required, a user who is not a member refused (422), no
 * tracker running {@code "data": null}, a running one the documented object (its contract, task, description, the
 * day's minutes plus the tracker's, the seconds left over), and nothing again once it stops.
 */
class TrackersTests {

	private static final Instant NOW = Instant.parse("2026-01-29T15:00:00Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(NOW);

	private Sandbox sandbox;

	private Api api;

	private long ws;

	@BeforeEach
	void start() {
		sandbox = Sandbox.start(PinnedSandbox.OPTIONS.withClock(new Clock() {
			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return now.get();
			}
		}));
		api = new Api(sandbox);
		ws = sandbox.data().workspaceIds().get(0);
	}

	@AfterEach
	void stop() {
		sandbox.close();
	}

	@Test
	void bothParametersAreRequiredAndTheUserMustBeAMember() throws Exception {
		Api.Reply withoutUser = api.get("/time-tracking/current-data?workspace_id=" + ws);
		assertThat(withoutUser.status()).isEqualTo(422);
		assertThat(withoutUser.json().get("errors").has("user_id")).isTrue();
		Api.Reply withoutWorkspace = api.get("/time-tracking/current-data?user_id=1");
		assertThat(withoutWorkspace.status()).isEqualTo(422);
		assertThat(withoutWorkspace.json().get("errors").has("workspace_id")).isTrue();
		Api.Reply stranger = api.get("/time-tracking/current-data?workspace_id=" + ws + "&user_id=999999999");
		assertThat(stranger.status()).isEqualTo(422);
		assertThat(stranger.json().get("errors").has("user_id")).isTrue();
	}

	@Test
	void aRunningTrackerIsTheDocumentedObjectAndNoneIsDataNull() throws Exception {
		ObjectNode contract = sandbox.data().list("contracts", ws).get(0);
		long member = contract.get("user_id").asLong();
		long project = contract.get("project_id").asLong();
		ObjectNode task = sandbox.data().list("tasks", ws).stream().filter(t -> t.get("project_id").asLong() == project)
			.findFirst().orElseThrow();
		String query = "/time-tracking/current-data?workspace_id=" + ws + "&user_id=" + member;
		Api.Reply idle = api.ok(query);
		assertThat(idle.json().has("data")).isTrue();
		assertThat(idle.data().isNull()).as("no tracker running: data null").isTrue();

		sandbox.data().startTracker(ws, member, project, task.get("id").asLong(), "Reconciling invoices");
		now.set(NOW.plusSeconds(5 * 60 + 30));
		LocalDate day = now.get().atZone(sandbox.data().ownerZone(ws)).toLocalDate();
		long tracked = api.entries(ws, member, day.toString()).stream().mapToLong(e -> e.get("duration_minutes").asLong()).sum();
		JsonNode running = api.ok(query).data();
		assertThat(running.get("contract_id").asLong()).isEqualTo(contract.get("id").asLong());
		assertThat(running.get("user_id").asLong()).isEqualTo(member);
		assertThat(running.get("activity_description").asString()).isEqualTo("Reconciling invoices");
		assertThat(running.get("task_id").asLong()).isEqualTo(task.get("id").asLong());
		assertThat(running.get("task_title").asString()).isEqualTo(task.get("title").asString());
		assertThat(running.get("total_seconds").asLong()).isEqualTo(30);
		assertThat(running.get("total_minutes").asLong()).isEqualTo(tracked + 5);
		assertThat(running.get("date").asString()).isEqualTo(day.toString());
		assertThat(running.propertyNames()).containsExactlyInAnyOrder("contract_id", "user_id", "activity_description",
				"task_id", "task_title", "total_seconds", "total_minutes", "date");

		sandbox.data().stopTracker(ws, member, 5, project, task.get("id").asLong());
		assertThat(api.ok(query).data().isNull()).as("stopped: none again").isTrue();
	}

	@Test
	void aTrackerStoppedAfterTheOwnersMidnightIsCutThereAndOneStoppedAtMidnightIsTheDayBefores() throws Exception {
		ZoneId zone = sandbox.data().ownerZone(ws);
		LocalDate today = NOW.atZone(zone).toLocalDate();
		Instant midnight = today.plusDays(1).atStartOfDay(zone).toInstant();
		long member = sandbox.data().list("members", ws).get(1).get("id").asLong();
		now.set(midnight.plusSeconds(7 * 60 + 20));
		ObjectNode after = sandbox.data().stopTracker(ws, member, 25, null, null);
		assertThat(after.get("date").asString()).isEqualTo(today.plusDays(1).toString());
		assertThat(Instant.parse(after.get("start_time").asString())).as("cut at midnight").isEqualTo(midnight);
		assertThat(after.get("duration_minutes").asInt()).isEqualTo(7);

		long other = sandbox.data().list("members", ws).get(2).get("id").asLong();
		now.set(midnight.plusSeconds(30)); // within midnight's minute: no time after it
		ObjectNode atMidnight = sandbox.data().stopTracker(ws, other, 30, null, null);
		assertThat(atMidnight.get("date").asString()).isEqualTo(today.toString());
		assertThat(Instant.parse(atMidnight.get("end_time").asString())).isEqualTo(midnight);
		assertThat(atMidnight.get("duration_minutes").asInt()).isEqualTo(30);
	}
}
