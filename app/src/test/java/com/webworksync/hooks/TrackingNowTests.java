package com.webworksync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jooq.Record;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

import com.webworksync.SyncHarness;
import com.webworksync.config.Command;
import com.webworksync.job.ExitCodes;
import com.webworksync.job.SyncRunner;
import com.webworksync.plan.PlanReport;
import com.webworksync.plan.StreamPlan;
import com.webworksync.sandbox.RecordedRequest;

/**
 * The opt-in stream tracker_status end to end, over HTTP and on a real PostgreSQL: with SYNC_STREAMS naming it, every
 * run asks GET /time-tracking/current-data once per member (as {@code plan} said), a running tracker is in
 * analytics.tracking_now with its project and task, and a stopped one is not; a {@code tracker.started} or
 * {@code tracker.stopped} hint reads that member's tracker alone (with the member-day, for a stop); with the default streams no run asks for it at all (the sandbox's request log says so).
 */
class TrackingNowTests {

	private static final String CURRENT = "/time-tracking/current-data";

	private static final String ENABLED = "all,tracker_status";

	@Test
	void withTheStreamEnabledRunningTrackersAreTrackingNowAndAStoppedOneIsReadAloneAndGone() throws Exception {
		try (HookedSync hooked = HookedSync.start(Map.of("sync.streams", ENABLED))) {
			SyncHarness harness = hooked.harness();
			long ws = hooked.workspace();
			// the first run read every member: no tracker ran, so no row
			assertThat(count(harness, "select count(*) from webwork.tracker_status")).isZero();
			List<String> viewers = harness.sandbox().data().list("members", ws).stream()
				.filter(m -> "Project viewer".equals(m.path("current_role").asString(""))).map(m -> m.get("id").asString()).toList();
			ObjectNode contract = harness.sandbox().data().list("contracts", ws).stream()
				.filter(c -> !viewers.contains(c.get("user_id").asString())).findFirst().orElseThrow();
			long working = contract.get("user_id").asLong();
			long project = contract.get("project_id").asLong();
			ObjectNode task = harness.sandbox().data().list("tasks", ws).stream()
				.filter(t -> t.get("project_id").asLong() == project).findFirst().orElseThrow();
			long stopping = harness.sandbox().data().list("members", ws).stream().map(m -> m.get("id").asLong())
				.filter(id -> id != working).findFirst().orElseThrow();
			harness.sandbox().data().startTracker(ws, working, project, task.get("id").asLong(), "Invoice export");
			harness.sandbox().data().startTracker(ws, stopping, null);
			assertThat(harness.sandbox().deliveries().awaitSent(Duration.ofSeconds(20))).isTrue();

			// tracker.started: the hint run reads those two members' trackers and nothing else
			harness.sandbox().requests().clear();
			assertThat(harness.main("sync", "--hints")).isZero();
			List<RecordedRequest> started = harness.sandbox().requests().all();
			assertThat(started).isNotEmpty().allMatch(r -> r.path().equals(CURRENT));
			assertThat(started.stream().map(r -> r.query().get("user_id").get(0)))
				.containsExactlyInAnyOrder(Long.toString(working), Long.toString(stopping));
			assertThat(trackingNow(harness)).containsExactlyInAnyOrder(working, stopping);

			// a normal run: one request per member, as plan says
			long members = count(harness, "select count(*) from webwork.members where _deleted_at is null "
					+ "and lower(coalesce(\"current_role\", '')) <> 'project viewer'");
			assertThat(plannedRequests(harness)).as("plan: one request per member").isEqualTo(members);
			harness.sandbox().requests().clear();
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			List<RecordedRequest> asked = current(harness.sandbox().requests().all());
			assertThat(asked).hasSize((int) members);
			assertThat(asked.stream().map(r -> r.query().get("user_id").get(0)).distinct()).hasSize((int) members);
			Record row = harness.dsl().fetchOne("select t.display_name, t.project_id, t.project_name, t.task_id, t.task_title, "
					+ "t.activity_description, t.tracking_since is not null, t.checked_at is not null, m.display_name "
					+ "from analytics.tracking_now t join analytics.members m using (workspace_id, member_id) "
					+ "where t.member_id = ?", working);
			assertThat(row).isNotNull();
			assertThat(row.get(0)).isEqualTo(row.get(8));
			assertThat(row.get(1, Long.class)).isEqualTo(project);
			assertThat(row.get(2, String.class)).isEqualTo(harness.sandbox().data().get("projects", ws, Long.toString(project))
				.get("name").asString());
			assertThat(row.get(3, Long.class)).isEqualTo(task.get("id").asLong());
			assertThat(row.get(4, String.class)).isEqualTo(task.get("title").asString());
			assertThat(row.get(5, String.class)).isEqualTo("Invoice export");
			assertThat(row.get(6, Boolean.class)).as("since the tracker.started hint").isTrue();
			assertThat(row.get(7, Boolean.class)).isTrue();
			assertThat(trackingNow(harness)).containsExactlyInAnyOrder(working, stopping);

			// a tracker stops: the hint run reads that member's tracker alone, and the member is no longer tracking
			harness.sandbox().data().stopTracker(ws, stopping, 20, null, null);
			assertThat(harness.sandbox().deliveries().awaitSent(Duration.ofSeconds(20))).isTrue();
			harness.sandbox().requests().clear();
			assertThat(harness.main("sync", "--hints")).isZero();
			List<RecordedRequest> hinted = harness.sandbox().requests().all();
			assertThat(hinted.stream().map(RecordedRequest::path).collect(Collectors.toSet()))
				.containsExactlyInAnyOrder("/time-entries", "/reports/daily-timeline", "/reports/daily-attendance", CURRENT);
			assertThat(current(hinted)).hasSize(1)
				.allMatch(r -> r.query().get("user_id").equals(List.of(Long.toString(stopping))));
			assertThat(trackingNow(harness)).containsExactly(working);
			assertThat(count(harness, "select count(*) from webwork.tracker_status where user_id = " + stopping
					+ " and _deleted_at is not null")).as("the stopped tracker's row, soft-deleted").isEqualTo(1);
		}
	}

	@Test
	void theDefaultStreamsNeverAskForTheTracker() {
		try (SyncHarness harness = SyncHarness.start(SyncHarness.fastOptions())) {
			long ws = harness.sandbox().data().workspaceIds().get(0);
			long member = harness.sandbox().data().list("members", ws).get(0).get("id").asLong();
			harness.sandbox().data().startTracker(ws, member, null);
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(harness.sandbox().requests().all()).as("the run read the members").isNotEmpty();
			assertThat(current(harness.sandbox().requests().all())).isEmpty();
			assertThat(plannedRequests(harness)).as("plan: nothing for tracker_status").isZero();
			assertThat(count(harness, "select count(*) from analytics.tracking_now")).isZero();
		}
	}

	private static long plannedRequests(SyncHarness harness) {
		var window = harness.bean(SyncRunner.class)
			.window(Command.parse(new String[] { "sync" }, true, harness.bean(Clock.class)));
		return harness.bean(PlanReport.class).plans(window).stream().filter(p -> p.stream().equals("tracker_status"))
			.mapToLong(StreamPlan::requests).sum();
	}

	private static List<RecordedRequest> current(List<RecordedRequest> requests) {
		return requests.stream().filter(r -> r.path().equals(CURRENT)).toList();
	}

	private static List<Long> trackingNow(SyncHarness harness) {
		return harness.dsl().fetch("select member_id from analytics.tracking_now order by member_id").getValues(0, Long.class);
	}

	private static long count(SyncHarness harness, String sql) {
		return harness.dsl().fetchOne(sql).get(0, Long.class);
	}
}
