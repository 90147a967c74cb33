package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Every report agrees with /time-entries, because every report is computed from them. */
class ReportsTests {

	static final LocalDate FROM = LocalDate.of(2026, 1, 19);

	static final LocalDate TO = LocalDate.of(2026, 1, 25);

	private static Sandbox sandbox;

	private static Api api;

	private static long ws;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(PinnedSandbox.OPTIONS);
		api = new Api(sandbox);
		ws = sandbox.data().workspaceIds().get(0);
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void trackedHoursEqualsTheSumOfTimeEntriesPerUserDayAndProject() throws Exception {
		JsonNode data = api.ok("/reports/tracked-hours?workspace_id=" + ws + "&start_date=" + FROM + "&end_date=" + TO)
			.data();
		assertThat(data.get("report_type").asString()).isEqualTo("tracked_hours");
		long grandTotal = 0;
		int checkedLines = 0;
		for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
			JsonNode users = data.get("dates").get(day.toString());
			long dayMinutes = 0;
			for (JsonNode member : sandbox.data().list("members", ws)) {
				long user = member.get("id").asLong();
				Map<String, Long> expected = new HashMap<>();
				for (JsonNode e : api.entries(ws, user, day.toString())) {
					expected.merge(e.get("project_id") + "/" + e.get("contract_id"), e.get("duration_minutes").asLong(),
							Long::sum);
				}
				Map<String, Long> actual = new HashMap<>();
				if (users != null) {
					for (JsonNode row : users) {
						if (row.get("user_id").asLong() == user) {
							row.get("projects")
								.forEach(p -> actual.put(p.get("project_id") + "/" + p.get("contract_id"),
										p.get("total_minutes").asLong()));
						}
					}
				}
				assertThat(actual).as(user + " on " + day).isEqualTo(expected);
				checkedLines += expected.size();
				dayMinutes += expected.values().stream().mapToLong(Long::longValue).sum();
			}
			// tracked-hours: days with no time are absent
			assertThat(users != null).as(day.toString()).isEqualTo(dayMinutes > 0);
			grandTotal += dayMinutes;
		}
		assertThat(checkedLines).isGreaterThan(20);
		assertThat(data.get("total").get("minutes").asLong()).isEqualTo(grandTotal);
	}

	@Test
	void timelineListsThatDaysEntriesWithOwnerOffsets() throws Exception {
		String date = "2026-01-27";
		JsonNode rows = api.ok("/reports/daily-timeline?workspace_id=" + ws + "&date=" + date + "&per_page=100").data();
		assertThat(rows).isNotEmpty();
		for (JsonNode row : rows) {
			List<JsonNode> expected = api.entries(ws, row.get("user_id").asLong(), date);
			JsonNode entries = row.get("entries");
			assertThat(entries).hasSize(expected.size());
			long total = 0;
			for (int i = 0; i < expected.size(); i++) {
				Instant start = Instant.parse(expected.get(i).get("start_time").asString());
				assertThat(entries.get(i).get("start_time").asString())
					.isEqualTo(start.atZone(ZoneId.of("America/New_York"))
						.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")))
					.endsWith("-05:00");
				assertThat(entries.get(i).get("task_id")).isEqualTo(expected.get(i).get("task_id"));
				total += expected.get(i).get("duration_minutes").asLong();
			}
			assertThat(row.get("total_minutes").asLong()).isEqualTo(total);
			assertThat(row.get("activity_level").asInt()).isBetween(0, 100);
		}
	}

	@Test
	void taskActivityAndDescriptionReportsAddUpToTheEntries() throws Exception {
		String range = "?workspace_id=" + ws + "&start_date=" + FROM + "&end_date=" + TO + "&per_page=100";
		Map<Long, Long> minutes = new HashMap<>();
		Map<Long, Long> described = new HashMap<>();
		for (JsonNode e : sandbox.data().list("time_entries", ws)) {
			LocalDate date = LocalDate.parse(e.get("date").asString());
			if (!date.isBefore(FROM) && !date.isAfter(TO)) {
				minutes.merge(e.get("user_id").asLong(), e.get("duration_minutes").asLong(), Long::sum);
				if (!e.get("activity_description").isNull()) {
					described.merge(e.get("user_id").asLong(), e.get("duration_minutes").asLong(), Long::sum);
				}
			}
		}
		JsonNode tasks = api.ok("/reports/task-report" + range).data();
		assertThat(tasks).hasSize(minutes.size());
		for (JsonNode row : tasks) {
			long user = row.get("user_id").asLong();
			assertThat(row.get("total_minutes").asLong()).isEqualTo(minutes.get(user));
			assertThat(sum(row.get("tasks_breakdown"))).isEqualTo(minutes.get(user));
			assertThat(sum(row.get("daily_breakdown"))).isEqualTo(minutes.get(user));
		}
		JsonNode withTasksOnly = api.ok("/reports/task-report" + range + "&include_no_task=false").data();
		withTasksOnly.forEach(row -> row.get("tasks_breakdown")
			.forEach(t -> assertThat(t.get("task_id").isNull()).isFalse()));

		for (JsonNode row : api.ok("/reports/activity-level" + range).data()) {
			long tracked = 0;
			for (JsonNode day : row.get("days")) {
				tracked += day.get("tracked_minutes").asLong();
			}
			assertThat(tracked).isEqualTo(minutes.get(row.get("user_id").asLong()));
			assertThat(row.get("average_activity").asInt()).isBetween(0, 100);
		}
		JsonNode descriptions = api.ok("/reports/activity-descriptions" + range).data();
		assertThat(descriptions).hasSize(described.size());
		for (JsonNode row : descriptions) {
			long total = 0;
			for (JsonNode d : row.get("descriptions")) {
				total += d.get("total_minutes").asLong();
			}
			assertThat(total).isEqualTo(described.get(row.get("user_id").asLong()));
		}
	}

	@Test
	void attendanceMatchesTheDaysEntries() throws Exception {
		String date = "2026-01-27";
		JsonNode rows = api.ok("/reports/daily-attendance?workspace_id=" + ws + "&date=" + date + "&per_page=100")
			.data();
		int present = 0;
		for (JsonNode row : rows) {
			List<JsonNode> entries = api.entries(ws, row.get("user_id").asLong(), date);
			long tracked = entries.stream().mapToLong(e -> e.get("duration_minutes").asLong()).sum();
			assertThat(row.get("tracked_minutes").asLong()).isEqualTo(tracked);
			List<String> statuses = new ArrayList<>();
			row.get("statuses").forEach(s -> statuses.add(s.asString()));
			if (entries.isEmpty()) {
				assertThat(statuses).containsAnyOf("Absent", "On leave");
				assertThat(row.get("first_start").isNull()).isTrue();
				continue;
			}
			present++;
			assertThat(statuses).contains("Present");
			String firstStart = Instant.parse(entries.get(0).get("start_time").asString())
				.atZone(ZoneId.of("America/New_York"))
				.format(DateTimeFormatter.ofPattern("HH:mm"));
			assertThat(row.get("first_start").asString()).isEqualTo(firstStart);
			long breaks = 0;
			for (int i = 1; i < entries.size(); i++) {
				breaks += (Instant.parse(entries.get(i).get("start_time").asString()).getEpochSecond()
						- Instant.parse(entries.get(i - 1).get("end_time").asString()).getEpochSecond()) / 60;
			}
			assertThat(row.get("break_minutes").asLong()).isEqualTo(breaks);
			row.get("breaks").forEach(b -> assertThat(b.asString()).matches("\\d\\d:\\d\\d - \\d\\d:\\d\\d"));
		}
		assertThat(present).isGreaterThan(3);
	}

	@Test
	void userFiltersAcceptArraysAndCommaLists() throws Exception {
		String base = "/reports/tracked-hours?workspace_id=" + ws + "&start_date=" + FROM + "&end_date=" + TO;
		JsonNode arrays = api.ok(base + "&users%5B%5D=100001&users%5B%5D=101001").data();
		JsonNode commas = api.ok(base + "&users=100001,101001").data();
		assertThat(arrays).isEqualTo(commas);
		arrays.get("dates")
			.forEach(day -> day.forEach(row -> assertThat(row.get("user_id").asLong()).isIn(100001L, 101001L)));
		assertThat(Objects.requireNonNull(arrays.get("total")).get("minutes").asLong()).isPositive();
	}

	private static long sum(JsonNode rows) {
		long total = 0;
		for (JsonNode row : rows) {
			total += row.get("total_minutes").asLong();
		}
		return total;
	}

}
