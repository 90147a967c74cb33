package com.webworksync.plan;

import static com.webworksync.schema.sync.Tables.PARTITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.webworksync.job.ExitCodes;
import com.webworksync.SyncHarness;
import com.webworksync.sandbox.RecordedRequest;

import tools.jackson.databind.node.ObjectNode;

/**
 * The planner's choices on small fixed cases: what the window reports show unchanged is not
 * asked again; a change in minutes, task or description is; a day that lost all its time is read
 * once to record the deletes; re-verification takes the oldest read. Asserted on the requests
 * the sandbox received.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlannerTests {

	private static SyncHarness harness;
	private static long ws;
	private static LocalDate today;

	@BeforeAll
	static void firstRun() {
		harness = SyncHarness.start(SyncHarness.fastOptions().withHistoryDays(40)).with("sync.lookback-days", 10);
		ws = harness.sandbox().data().workspaceIds().get(0);
		today = harness.sandbox().data().today(ws);
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	@Order(1)
	void unchangedDaysAreNotAskedAgainButOneIsReverified() {
		var oldest = harness.dsl()
			.select(PARTITIONS.PARTITION_KEY)
			.from(PARTITIONS)
			.where(PARTITIONS.STREAM.eq("time_entries"))
			.orderBy(PARTITIONS.FETCHED_AT, PARTITIONS.PARTITION_KEY)
			.limit(1)
			.fetchOne(PARTITIONS.PARTITION_KEY);
		List<RecordedRequest> requests = sync();
		List<RecordedRequest> timeEntries = requests("/time-entries", requests);
		assertThat(timeEntries).as("nothing changed: one re-verification only").hasSize(1);
		assertThat(key(timeEntries.get(0))).as("the oldest read is re-verified").isEqualTo(oldest);
		assertThat(requests("/tasks", requests)).hasSize(1);
		assertThat(requests("/reports/daily-timeline", requests)).hasSize(1);
	}

	@Test
	@Order(2)
	void changedMinutesTaskOrDescriptionAreRead() {
		ObjectNode minutes = entryAround(today.minusDays(2), null);
		ObjectNode task = entryAround(today.minusDays(4), minutes);
		ObjectNode description = entryAround(today.minusDays(6), task);
		harness.sandbox().data().update("time_entries", ws, minutes.path("id").asString(),
				e -> e.put("duration_minutes", e.path("duration_minutes").asInt() - 5));
		harness.sandbox().data().update("time_entries", ws, task.path("id").asString(), e -> {
			e.putNull("task_id");
			e.putNull("task_title");
		});
		harness.sandbox().data().update("time_entries", ws, description.path("id").asString(),
				e -> e.put("activity_description", "Rewrote the description only"));

		Set<String> read = requests("/time-entries", sync()).stream().map(PlannerTests::key).collect(Collectors.toSet());
		assertThat(read).contains(key(minutes), key(task), key(description));
		assertThat(harness.dsl().fetchValue("select activity_description from webwork.time_entries where id = ?",
				description.path("id").asString()))
			.isEqualTo("Rewrote the description only");
	}

	@Test
	@Order(3)
	void aDayThatLostAllItsTimeIsReadOnceToRecordTheDeletes() {
		ObjectNode entry = entryAround(today.minusDays(3), null);
		long user = entry.path("user_id").asLong();
		String date = entry.path("date").asString();
		List<ObjectNode> sameDay = harness.sandbox().data().list("time_entries", ws).stream()
			.filter(e -> e.path("user_id").asLong() == user && e.path("date").asString().equals(date))
			.toList();
		sameDay.forEach(e -> harness.sandbox().data().remove("time_entries", ws, e.path("id").asString()));

		Set<String> read = requests("/time-entries", sync()).stream().map(PlannerTests::key).collect(Collectors.toSet());
		assertThat(read).contains(user + "@" + date);
		assertThat(harness.dsl().fetchCount(com.webworksync.schema.webwork.Tables.TIME_ENTRIES,
				com.webworksync.schema.webwork.Tables.TIME_ENTRIES.USER_ID.eq(user)
					.and(com.webworksync.schema.webwork.Tables.TIME_ENTRIES.DATE.eq(LocalDate.parse(date)))
					.and(com.webworksync.schema.webwork.Tables.TIME_ENTRIES._DELETED_AT.isNull())))
			.isZero();

		Set<String> again = requests("/time-entries", sync()).stream().map(PlannerTests::key).collect(Collectors.toSet());
		assertThat(again).as("read once, not every run").doesNotContain(user + "@" + date);
	}

	@Test
	@Order(4)
	void planSendsNoRequestAndCountsWhatARunWould() {
		var report = harness.bean(com.webworksync.plan.PlanReport.class);
		var window = harness.bean(com.webworksync.job.SyncRunner.class)
			.window(com.webworksync.config.Command.parse(new String[] { "sync" }, true, harness.bean(java.time.Clock.class)));
		harness.sandbox().requests().clear();
		var plans = report.plans(window);
		assertThat(harness.sandbox().requests().count()).as("planning asks the API nothing").isZero();
		int exit = harness.main("plan");
		assertThat(exit).isEqualTo(ExitCodes.OK);
		int json = harness.main("plan", "--json");
		assertThat(json).isEqualTo(ExitCodes.OK);
		assertThat(harness.sandbox().requests().count()).as("plan asks the API nothing").isZero();

		// what the plan counted is what the run then does: nothing changed in between
		List<RecordedRequest> made = sync();
		for (var plan : plans) {
			String path = harness.bean(com.webworksync.streams.Catalog.class).get(plan.stream()).path();
			if (plan.stream().equals("workspaces") || plan.stream().equals("report_timeline")
					|| plan.stream().equals("report_attendance") || plan.stream().equals("time_entries")) {
				continue; // planned from the reports as the last run left them: the run may find more (PlanReport says so)
			}
			assertThat((long) requests(path, made).size()).as("requests of " + plan.stream() + " as planned")
				.isEqualTo(plan.requests());
		}
	}

	private static List<RecordedRequest> sync() {
		harness.sandbox().requests().clear();
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		return harness.sandbox().requests().all();
	}

	private static List<RecordedRequest> requests(String path, List<RecordedRequest> all) {
		return all.stream().filter(r -> r.path().equals(path)).toList();
	}

	private static String key(RecordedRequest request) {
		return request.query().get("user_id").get(0) + "@" + request.query().get("date").get(0);
	}

	private static String key(ObjectNode entry) {
		return entry.path("user_id").asLong() + "@" + entry.path("date").asString();
	}

	/**
	 * An entry with a task and a project on that day or the working day before, in another
	 * member-day partition than {@code other}'s.
	 */
	private static ObjectNode entryAround(LocalDate day, ObjectNode other) {
		for (LocalDate d = day; d.isAfter(today.minusDays(9)); d = d.minusDays(1)) {
			String date = d.toString();
			ObjectNode found = harness.sandbox().data().findTimeEntry(ws, e -> e.path("date").asString().equals(date)
					&& !e.path("task_id").isNull() && !e.path("project_id").isNull()
					&& (other == null || !key(e).equals(key(other))));
			if (found != null) {
				return found;
			}
		}
		throw new IllegalStateException("no entry with a task near " + day);
	}
}
