package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Changes made through SandboxData show up in the lists and in every report computed from entries. */
class MutationTests {

	private static final long OWNER = Draft.CALLER_ID;

	private static final LocalDate DAY = LocalDate.of(2026, 1, 27);

	private Sandbox sandbox;

	private Api api;

	private long ws;

	@BeforeEach
	void start() {
		sandbox = Sandbox.start(PinnedSandbox.OPTIONS);
		api = new Api(sandbox);
		ws = sandbox.data().workspaceIds().get(0);
	}

	@AfterEach
	void stop() {
		sandbox.close();
	}

	@Test
	void addedEntryAppearsInTimeEntriesReportsAndTimesheets() throws Exception {
		ObjectNode contract = sandbox.data()
			.list("contracts", ws)
			.stream()
			.filter(c -> c.get("user_id").asLong() == OWNER)
			.findFirst()
			.orElseThrow();
		long project = contract.get("project_id").asLong();
		long before = trackedMinutes(project);
		long sheetBefore = sheetMinutes();

		ObjectNode added = sandbox.data()
			.addTimeEntry(ws, OWNER, DAY, LocalTime.of(5, 0), 45, project, null, "Added by a test");

		assertThat(added.get("date").asString()).isEqualTo(DAY.toString());
		assertThat(added.get("start_time").asString()).isEqualTo("2026-01-27T10:00:00Z"); // 05:00 in New York
		assertThat(added.get("contract_id").asLong()).isEqualTo(contract.get("id").asLong());
		assertThat(ids(api.entries(ws, OWNER, DAY.toString()))).contains(added.get("id").asString());
		assertThat(trackedMinutes(project)).isEqualTo(before + 45);
		assertThat(sheetMinutes()).isEqualTo(sheetBefore + 45);
		JsonNode timeline = api.ok("/reports/daily-timeline?workspace_id=" + ws + "&date=" + DAY + "&users=" + OWNER)
			.data();
		assertThat(timeline.get(0).get("entries").get(0).get("start_time").asString())
			.isEqualTo("2026-01-27T05:00:00-05:00");
	}

	@Test
	void updatedEntryChangesTheReports() throws Exception {
		ObjectNode entry = sandbox.data()
			.findTimeEntry(ws, e -> e.get("user_id").asLong() == OWNER && e.get("date").asString().equals(DAY.toString())
					&& !e.get("project_id").isNull());
		long project = entry.get("project_id").asLong();
		long before = trackedMinutes(project);
		Instant start = Instant.parse(entry.get("start_time").asString());
		sandbox.data().update("time_entries", ws, entry.get("id").asString(), e -> {
			e.put("end_time", start.plusSeconds(600).toString());
			e.put("duration_minutes", 10);
		});
		assertThat(trackedMinutes(project)).isEqualTo(before - entry.get("duration_minutes").asLong() + 10);
		assertThat(sandbox.data().get("time_entries", ws, entry.get("id").asString()).get("duration_minutes").asInt())
			.isEqualTo(10);
	}

	@Test
	void removedEntryDisappearsEverywhere() throws Exception {
		List<JsonNode> entries = api.entries(ws, OWNER, DAY.toString());
		String id = entries.get(0).get("id").asString();
		long project = entries.get(0).get("project_id").asLong();
		long before = trackedMinutes(project);
		assertThat(sandbox.data().remove("time_entries", ws, id)).isNotNull();
		assertThat(ids(api.entries(ws, OWNER, DAY.toString()))).doesNotContain(id).hasSize(entries.size() - 1);
		assertThat(trackedMinutes(project)).isEqualTo(before - entries.get(0).get("duration_minutes").asLong());
		assertThat(sandbox.data().get("time_entries", ws, id)).isNull();
	}

	@Test
	void approvingATimeRequestChangesStatusAndUpdatedAt() throws Exception {
		ObjectNode pending = sandbox.data()
			.list("time_requests", ws)
			.stream()
			.filter(r -> r.get("status").asString().equals("pending"))
			.findFirst()
			.orElseThrow();
		String id = pending.get("id").asString();
		sandbox.data().approveTimeRequest(ws, id);
		JsonNode served = api.ok("/time-requests?workspace_id=" + ws + "&date_from=2025-01-01&date_to=2026-12-31&id=" + id)
			.data();
		assertThat(served).hasSize(1);
		assertThat(served.get(0).get("status").asString()).isEqualTo("approved");
		assertThat(Instant.parse(served.get(0).get("updated_at").asString()))
			.isAfter(Instant.parse(pending.get("updated_at").asString()));
	}

	@Test
	void copiesHandedOutDoNotChangeTheStore() {
		ObjectNode member = sandbox.data().list("members", ws).get(0);
		member.put("firstname", "Changed");
		assertThat(sandbox.data().get("members", ws, member.get("id").asString()).get("firstname").asString())
			.isNotEqualTo("Changed");
		sandbox.data().update("members", ws, member.get("id").asString(), m -> m.put("firstname", "Renamed"));
		assertThat(sandbox.data().list("members", ws).get(0).get("firstname").asString()).isEqualTo("Renamed");
	}

	@Test
	void concurrentReadsWhileWriting() throws Exception {
		var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<Integer>> replies = new java.util.ArrayList<>();
			for (int i = 0; i < 40; i++) {
				String path = i % 2 == 0 ? "/reports/tracked-hours?workspace_id=" + ws + "&start_date=" + DAY
						+ "&end_date=" + DAY : "/time-entries?workspace_id=" + ws + "&user_id=" + OWNER + "&date=" + DAY;
				replies.add(pool.submit(() -> api.get(path).status()));
				sandbox.data().addTimeEntry(ws, OWNER, DAY, LocalTime.of(1, i % 50), 1, null, null, null);
			}
			for (var reply : replies) {
				assertThat(reply.get()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(api.entries(ws, OWNER, DAY.toString()).stream()
			.filter(e -> e.get("method").asString().equals("Manually added time") && e.get("project_id").isNull()))
			.hasSizeGreaterThanOrEqualTo(40);
	}

	private long trackedMinutes(long project) throws Exception {
		JsonNode rows = api.ok("/reports/tracked-hours?workspace_id=" + ws + "&start_date=" + DAY + "&end_date=" + DAY
				+ "&user_id=" + OWNER).data().get("dates").path(DAY.toString());
		long minutes = 0;
		for (JsonNode row : rows) {
			for (JsonNode line : row.get("projects")) {
				if (line.get("project_id").asLong(-1) == project) {
					minutes += line.get("total_minutes").asLong();
				}
			}
		}
		return minutes;
	}

	private long sheetMinutes() throws Exception {
		JsonNode sheets = api.ok("/timesheets?workspace_id=" + ws + "&user_id=" + OWNER + "&date_from=" + DAY
				+ "&date_to=" + DAY).data();
		assertThat(sheets).hasSize(1);
		return sheets.get(0).get("total_minutes").asLong();
	}

	private static List<String> ids(List<JsonNode> entries) {
		return entries.stream().map(e -> e.get("id").asString()).toList();
	}

}
