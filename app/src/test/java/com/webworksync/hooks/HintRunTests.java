package com.webworksync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

import com.webworksync.SyncHarness;
import com.webworksync.sandbox.RecordedRequest;

/**
 * End to end, over HTTP and on a real PostgreSQL: a tracker stops in the sandbox, its signed delivery reaches the
 * receiver, and {@code sync --hints} reads that member-day alone (the sandbox's request log says so) and brings its
 * entry into the warehouse, consuming the hint in the same transaction; a member change is the members list alone.
 */
class HintRunTests {

	private HookedSync hooked;

	private SyncHarness harness;

	private long ws;

	@BeforeEach
	void start() {
		hooked = HookedSync.start();
		harness = hooked.harness();
		ws = hooked.workspace();
	}

	@AfterEach
	void stop() {
		hooked.close();
	}

	@Test
	void aStoppedTrackerIsReadAsThatMemberDayAloneAndReachesTheWarehouse() throws Exception {
		long member = harness.sandbox().data().list("members", ws).get(2).get("id").asLong();
		ObjectNode entry = harness.sandbox().data().stopTracker(ws, member, 25, null, null);
		String day = entry.get("date").asString();
		assertThat(harness.sandbox().deliveries().awaitSent(Duration.ofSeconds(20))).isTrue();
		assertThat(sql("select kind || ' ' || member_id || ' ' || day from sync.hints"))
			.containsExactly("tracker.stopped " + member + " " + day);
		assertThat(sql("select count(*) from webwork.time_entries where id = '" + entry.get("id").asString() + "'"))
			.containsExactly("0");

		harness.sandbox().requests().clear();
		assertThat(harness.main("sync", "--hints")).isZero();

		List<RecordedRequest> asked = harness.sandbox().requests().all();
		assertThat(asked).isNotEmpty().allMatch(r -> r.method().equals("GET"));
		assertThat(asked.stream().map(RecordedRequest::path).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder("/time-entries", "/reports/daily-timeline", "/reports/daily-attendance");
		assertThat(asked).allMatch(r -> r.query().get("date").equals(List.of(day)));
		assertThat(asked.stream().filter(r -> r.path().equals("/time-entries")))
			.allMatch(r -> r.query().get("user_id").equals(List.of(Long.toString(member))));
		assertThat(sql("select count(*) from webwork.time_entries where id = '" + entry.get("id").asString() + "'"))
			.containsExactly("1");
		assertThat(sql("select consumed_run = (select max(run_id) from sync.runs) from sync.hints where consumed_at is not null"))
			.containsExactly("true");
		assertThat(sql("select command from sync.runs order by run_id desc limit 1")).containsExactly("sync --hints");

		harness.sandbox().requests().clear();
		assertThat(harness.main("sync", "--hints")).as("nothing open: no run").isZero();
		assertThat(harness.sandbox().requests().all()).isEmpty();
	}

	@Test
	void aMemberChangeIsTheMembersListAlone() throws Exception {
		ObjectNode member = harness.sandbox().data().list("members", ws).get(1);
		String id = member.get("id").asString();
		harness.sandbox().data().update("members", ws, id, m -> m.put("firstname", "Hinted"));
		assertThat(harness.sandbox().deliveries().awaitSent(Duration.ofSeconds(20))).isTrue();

		harness.sandbox().requests().clear();
		assertThat(harness.main("sync", "--hints")).isZero();
		assertThat(harness.sandbox().requests().all().stream().map(RecordedRequest::path).distinct())
			.containsExactly("/members");
		assertThat(sql("select firstname from webwork.members where id = " + id)).containsExactly("Hinted");
		assertThat(sql("select count(*) from sync.hints where consumed_at is null")).containsExactly("0");
	}

	private List<String> sql(String query) {
		return harness.dsl().fetch(query).map(r -> String.valueOf(r.get(0)));
	}
}
