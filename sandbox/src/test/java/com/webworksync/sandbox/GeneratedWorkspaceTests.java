package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The generated workspace: deterministic, fast, and realistic in the ways the sync depends on. */
class GeneratedWorkspaceTests {

	private static final LocalDate TODAY = PinnedSandbox.TODAY;

	private static final SandboxOptions OPTIONS = PinnedSandbox.OPTIONS;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static Sandbox sandbox;

	private static long ws;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(OPTIONS);
		ws = sandbox.data().workspaceIds().get(0);
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void sameSeedGivesByteIdenticalData() throws Exception {
		try (Sandbox twin = Sandbox.start(OPTIONS)) {
			for (String resource : SandboxData.RESOURCES) {
				assertThat(json(twin.data().list(resource, ws))).as(resource)
					.isEqualTo(json(sandbox.data().list(resource, ws)));
			}
			// and over the wire, envelope timestamps aside
			Api a = new Api(sandbox);
			Api b = new Api(twin);
			String query = "/time-entries?workspace_id=" + ws + "&user_id=100001&date=2026-01-28";
			assertThat(a.ok(query).data().toString()).isEqualTo(b.ok(query).data().toString());
		}
	}

	@Test
	void differentSeedGivesDifferentData() {
		try (Sandbox other = Sandbox.start(OPTIONS.withSeed(7))) {
			assertThat(json(other.data().list("members", ws))).isNotEqualTo(json(sandbox.data().list("members", ws)));
			assertThat(json(other.data().list("time_entries", ws)))
				.isNotEqualTo(json(sandbox.data().list("time_entries", ws)));
		}
	}

	/** A year of 50 members generates in full (its speed is the bench's business, not a timed assertion). */
	@Test
	void fiftyMembersOverAYearGenerate() {
		SandboxData big = new SandboxData(OPTIONS.withMembers(50).withHistoryDays(365).withProjects(12));
		long bigWs = big.workspaceIds().get(0);
		assertThat(big.list("members", bigWs)).hasSize(50);
		assertThat(big.list("time_entries", bigWs).size()).isGreaterThan(20_000);
	}

	@Test
	void membersHaveTheDocumentedRolesAndStatuses() {
		List<ObjectNode> members = sandbox.data().list("members", ws);
		assertThat(members).hasSize(12);
		assertThat(members.get(0).get("current_role").asString()).isEqualTo("Owner");
		assertThat(members.get(0).get("timezone").asString()).isEqualTo("America/New_York");
		Set<String> roles = members.stream().map(m -> m.get("current_role").asString()).collect(Collectors.toSet());
		assertThat(roles).contains("Owner", "Executive manager", "Project manager", "Team manager", "Regular User",
				"Project viewer");
		Set<String> statuses = members.stream().map(m -> m.get("status").asString()).collect(Collectors.toSet());
		assertThat(statuses).containsExactlyInAnyOrder("active", "inactive", "left");
		assertThat(members).allSatisfy(m -> assertThat(m.get("timezone").asString()).contains("/"));
	}

	@Test
	void viewersAreMembersWithTheSameIdAndNeverTrackTime() {
		Set<Long> viewerIds = sandbox.data()
			.list("project_viewers", ws)
			.stream()
			.map(v -> v.get("id").asLong())
			.collect(Collectors.toSet());
		Set<Long> viewerMembers = sandbox.data()
			.list("members", ws)
			.stream()
			.filter(m -> m.get("current_role").asString().equals("Project viewer"))
			.map(m -> m.get("id").asLong())
			.collect(Collectors.toSet());
		assertThat(viewerIds).isNotEmpty().hasSizeLessThanOrEqualTo(2).isEqualTo(viewerMembers);
		assertThat(sandbox.data().list("time_entries", ws))
			.noneMatch(e -> viewerIds.contains(e.get("user_id").asLong()));
	}

	@Test
	void leftMembersHaveTimeOnlyBeforeTheyLeft() {
		List<ObjectNode> left = sandbox.data()
			.list("members", ws)
			.stream()
			.filter(m -> m.get("status").asString().equals("left"))
			.toList();
		assertThat(left).isNotEmpty();
		for (ObjectNode member : left) {
			Instant gone = Instant.parse(member.get("deleted_at").asString());
			List<ObjectNode> entries = sandbox.data()
				.list("time_entries", ws)
				.stream()
				.filter(e -> e.get("user_id").asLong() == member.get("id").asLong())
				.toList();
			assertThat(entries).isNotEmpty()
				.allSatisfy(e -> assertThat(Instant.parse(e.get("start_time").asString())).isBefore(gone));
		}
	}

	@Test
	void everyTrackedProjectHasAContractAndEntriesAreWellFormed() {
		Map<Long, Set<Long>> contracted = new HashMap<>();
		sandbox.data()
			.list("contracts", ws)
			.forEach(c -> contracted.computeIfAbsent(c.get("user_id").asLong(), u -> new HashSet<>())
				.add(c.get("project_id").asLong()));
		Map<String, Long> methods = new HashMap<>();
		LocalDate first = TODAY.minusDays(OPTIONS.historyDays() - 1L);
		int withoutProject = 0;
		for (ObjectNode e : sandbox.data().list("time_entries", ws)) {
			methods.merge(e.get("method").asString(), 1L, Long::sum);
			LocalDate date = LocalDate.parse(e.get("date").asString());
			assertThat(date).isBetween(first, TODAY);
			Instant start = Instant.parse(e.get("start_time").asString());
			Instant end = Instant.parse(e.get("end_time").asString());
			assertThat(e.get("duration_minutes").asLong()).isEqualTo((end.getEpochSecond() - start.getEpochSecond()) / 60);
			assertThat(e.get("id").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
			if (e.get("project_id").isNull()) {
				withoutProject++;
				assertThat(e.get("contract_id").isNull()).isTrue();
			}
			else {
				assertThat(contracted.get(e.get("user_id").asLong())).contains(e.get("project_id").asLong());
			}
		}
		assertThat(withoutProject).isPositive();
		assertThat(methods.get("Desktop tracker")).isGreaterThan(methods.values().stream().mapToLong(v -> v).sum() / 2);
		assertThat(methods).containsKeys("Manually added time", "Mobile tracker", "Web tracker");
	}

	@Test
	void timesheetsUseBothSpellingsOfUnsubmittedAndMatchTheEntries() {
		List<ObjectNode> sheets = sandbox.data().list("timesheets", ws);
		Set<String> statuses = sheets.stream().map(t -> t.get("status").asString()).collect(Collectors.toSet());
		assertThat(statuses).contains("open", "pending", "submitted", "approved", "rejected");
		ObjectNode sheet = sheets.get(sheets.size() / 2);
		LocalDate from = LocalDate.parse(sheet.get("date_from").asString());
		assertThat(from.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
		assertThat(sheet.get("date_to").asString()).isEqualTo(from.plusDays(6).toString());
		assertThat(sheet.get("id").asString()).startsWith("tsh_");
		long fromEntries = sandbox.data()
			.list("time_entries", ws)
			.stream()
			.filter(e -> e.get("user_id").asLong() == sheet.get("user_id").asLong())
			.filter(e -> !LocalDate.parse(e.get("date").asString()).isBefore(from)
					&& !LocalDate.parse(e.get("date").asString()).isAfter(from.plusDays(6)))
			.mapToLong(e -> e.get("duration_minutes").asLong())
			.sum();
		assertThat(sheet.get("total_minutes").asLong()).isEqualTo(fromEntries).isPositive();
	}

	@Test
	void eachWorkspaceHasItsOwnZoneAndTheCallerKeepsOneId() throws Exception {
		SandboxOptions two = OPTIONS.withWorkspaces(2).withOwnerTimeZones(List.of("Europe/Berlin", "Asia/Tokyo"));
		try (Sandbox sandbox = Sandbox.start(two)) {
			List<Long> ids = sandbox.data().workspaceIds();
			assertThat(ids).hasSize(2);
			assertThat(sandbox.data().ownerZone(ids.get(0)).getId()).isEqualTo("Europe/Berlin");
			assertThat(sandbox.data().ownerZone(ids.get(1)).getId()).isEqualTo("Asia/Tokyo");
			var workspaces = new Api(sandbox).ok("/workspaces").data();
			assertThat(workspaces).hasSize(2);
			assertThat(workspaces.get(0).get("user_id")).isEqualTo(workspaces.get(1).get("user_id"));
			Set<Long> first = new HashSet<>();
			sandbox.data().list("members", ids.get(0)).forEach(m -> first.add(m.get("id").asLong()));
			assertThat(sandbox.data().list("members", ids.get(1)))
				.filteredOn(m -> first.contains(m.get("id").asLong()))
				.extracting(m -> m.get("id").asLong())
				.containsExactly(Draft.CALLER_ID);
		}
	}

	private static String json(Object value) {
		return MAPPER.writeValueAsString(value);
	}

}
