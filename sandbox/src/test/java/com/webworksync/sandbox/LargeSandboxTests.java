package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 10: a 2,000-member workspace with three years of history is made a day at a time, so it
 * starts without generating the history, serves a day's reports over 100-user pages, makes a
 * dropped day again byte for byte and keeps the days a mutation touched.
 */
class LargeSandboxTests {

	static final SandboxOptions OPTIONS = SandboxOptions.defaults()
		.withMembers(2000)
		.withProjects(12)
		.withHistoryDays(1095)
		.withToday(LocalDate.of(2026, 3, 2))
		.withRequestsPerMinute(0);

	/** A Wednesday inside the timeline's one-year reach. */
	static final LocalDate DAY = LocalDate.of(2025, 6, 11);

	private static Sandbox sandbox;

	private static Api api;

	private static long ws;

	private static int daysMadeAtStart;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(OPTIONS);
		api = new Api(sandbox);
		ws = sandbox.data().workspaceIds().get(0);
		daysMadeAtStart = sandbox.data().store(ws).daysMade();
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void startsWithoutGeneratingTheHistoryAndMakesOnlyTheDayAsked() throws Exception {
		assertThat(daysMadeAtStart).isZero();
		int before = sandbox.data().store(ws).daysMade();
		LocalDate other = DAY.minusDays(200);
		api.ok("/reports/daily-attendance?workspace_id=" + ws + "&date=" + other + "&per_page=100&page=1");
		api.ok("/reports/daily-attendance?workspace_id=" + ws + "&date=" + other + "&per_page=100&page=2");
		assertThat(sandbox.data().store(ws).daysMade()).as("one day made for two pages of it").isEqualTo(before + 1);
	}

	@Test
	void attendancePagesHoldEveryMemberOnceInIdOrder() throws Exception {
		List<Long> expected = sandbox.data()
			.list("members", ws)
			.stream()
			.filter(m -> !"Project viewer".equals(m.path("current_role").asString()))
			.filter(m -> !"left".equals(m.path("status").asString()))
			.map(m -> m.path("id").asLong())
			.sorted()
			.toList();
		Set<Long> tracked = new LinkedHashSet<>();
		sandbox.data().entriesOn(ws, DAY).forEach(e -> tracked.add(e.path("user_id").asLong()));
		List<JsonNode> rows = pages("/reports/daily-attendance?workspace_id=" + ws + "&date=" + DAY);
		assertThat(expected.size()).as("more than 100 users: several pages").isGreaterThan(1500);
		assertThat(rows.stream().map(r -> r.path("user_id").asLong()).toList()).isEqualTo(expected);
		for (JsonNode row : rows) {
			boolean present = row.path("statuses").valueStream().anyMatch(s -> s.asString().equals("Present"));
			assertThat(present).as("user " + row.path("user_id") + " present").isEqualTo(tracked.contains(row.path("user_id").asLong()));
		}
	}

	@Test
	void timelinePagesHoldEveryEntryOfTheDay() throws Exception {
		Map<Long, Long> minutes = new HashMap<>();
		Map<Long, Integer> count = new HashMap<>();
		for (ObjectNode e : sandbox.data().entriesOn(ws, DAY)) {
			minutes.merge(e.path("user_id").asLong(), e.path("duration_minutes").asLong(), Long::sum);
			count.merge(e.path("user_id").asLong(), 1, Integer::sum);
		}
		List<JsonNode> rows = pages("/reports/daily-timeline?workspace_id=" + ws + "&date=" + DAY);
		assertThat(minutes.size()).as("users with time that day").isGreaterThan(100);
		assertThat(rows).hasSize(minutes.size());
		for (JsonNode row : rows) {
			long user = row.path("user_id").asLong();
			assertThat(row.path("total_minutes").asLong()).as("minutes of " + user).isEqualTo(minutes.get(user));
			assertThat(row.path("entries").size()).as("entries of " + user).isEqualTo(count.get(user));
		}
	}

	@Test
	void aDroppedDayComesBackTheSameAndAChangedDayKeepsItsChanges() throws Exception {
		LocalDate changed = LocalDate.of(2024, 6, 12); // far from the other tests' days
		List<ObjectNode> entries = sandbox.data().entriesOn(ws, changed);
		String removed = entries.get(0).path("id").asString();
		ObjectNode shortened = entries.stream()
			.filter(e -> !e.path("id").asString().equals(removed) && e.path("duration_minutes").asInt() > 30)
			.findFirst()
			.orElseThrow();
		long member = entries.get(1).path("user_id").asLong();
		sandbox.data().remove("time_entries", ws, removed);
		sandbox.data().shortenTimeEntry(ws, shortened.path("id").asString(), 15);
		String added = sandbox.data()
			.addTimeEntry(ws, member, changed, LocalTime.of(22, 0), 45, null, null, "late")
			.path("id")
			.asString();

		LocalDate first = changed.minusDays(1);
		List<ObjectNode> firstRead = sandbox.data().entriesOn(ws, first);
		int made = sandbox.data().store(ws).daysMade();
		// read more entries than the cache holds: the first day is dropped, the changed one kept
		int days = 0;
		for (long read = 0; read <= WorkspaceStore.CACHED_ENTRIES; days++) {
			LocalDate other = changed.minusDays(days + 2);
			api.ok("/reports/daily-attendance?workspace_id=" + ws + "&date=" + other + "&per_page=100&page=1");
			read += sandbox.data().entriesOn(ws, other).size();
		}
		List<ObjectNode> again = sandbox.data().entriesOn(ws, first);
		assertThat(sandbox.data().store(ws).daysMade()).as("the first day was dropped and made again")
			.isEqualTo(made + days + 1);
		assertThat(again).isEqualTo(firstRead);

		Map<String, ObjectNode> now = new HashMap<>();
		sandbox.data().entriesOn(ws, changed).forEach(e -> now.put(e.path("id").asString(), e));
		assertThat(now).doesNotContainKey(removed).containsKey(added);
		assertThat(now.get(shortened.path("id").asString()).path("duration_minutes").asInt())
			.isEqualTo(shortened.path("duration_minutes").asInt() - 15);
		assertThat(api.entries(ws, member, changed.toString()).stream().map(e -> e.path("id").asString()))
			.contains(added);
	}

	/** Every row of a user-paged report, following its pages as a client would; each page 100 rows at most. */
	private static List<JsonNode> pages(String pathAndQuery) throws Exception {
		List<JsonNode> rows = new ArrayList<>();
		for (int page = 1;; page++) {
			JsonNode body = api.ok(pathAndQuery + "&per_page=100&page=" + page).json();
			assertThat(body.get("data").size()).isLessThanOrEqualTo(100);
			body.get("data").forEach(rows::add);
			if (page >= body.get("meta").get("pagination").get("last_page").asInt()) {
				assertThat(page).as("pages").isGreaterThan(10);
				return rows;
			}
		}
	}

}
