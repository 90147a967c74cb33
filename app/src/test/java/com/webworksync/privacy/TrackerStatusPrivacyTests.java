package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.webworksync.SyncHarness;
import com.webworksync.job.ExitCodes;
import com.webworksync.sandbox.Sandbox;

/**
 * What a member types for their running tracker (tracker_status.activity_description, free text) follows the privacy
 * policy like every personal field: under keep it is in the table, raw and analytics.tracking_now; under pseudonymize
 * and drop it is nowhere; {@code erase --member} scrubs it, keeps the tracker's facts, and the next run keeps it scrubbed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrackerStatusPrivacyTests {

	private static final String TYPED = "Drafting the Zephyrine merger memo";

	private static Sandbox sandbox;
	private static SyncHarness keep;
	private static SyncHarness pseudonymized;
	private static SyncHarness dropped;
	private static long member;

	@BeforeAll
	static void syncThreeWarehouses() {
		sandbox = Sandbox.start(SyncHarness.fastOptions());
		long ws = sandbox.data().workspaceIds().get(0);
		member = sandbox.data().list("members", ws).get(1).get("id").asLong();
		sandbox.data().startTracker(ws, member, null, null, TYPED);
		keep = SyncHarness.on(sandbox);
		pseudonymized = SyncHarness.on(sandbox).with("sync.privacy", "pseudonymize")
			.with("webwork.privacy-key", PseudonymsTests.KEY);
		dropped = SyncHarness.on(sandbox).with("sync.privacy", "drop");
		for (SyncHarness harness : List.of(keep, pseudonymized, dropped)) {
			harness.with("sync.streams", "all,tracker_status");
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		}
	}

	@AfterAll
	static void close() {
		for (SyncHarness harness : List.of(keep, pseudonymized, dropped)) {
			harness.close();
		}
		sandbox.close();
	}

	@Test
	@Order(1)
	void underKeepTheScanFindsWhatTheMemberTyped() throws Exception {
		Set<String> where = new TreeSet<>();
		WarehouseScan.find(keep.databaseUrl(), List.of(TYPED)).forEach(f -> where.add(f.where()));
		assertThat(where).containsExactlyInAnyOrder("webwork.tracker_status.activity_description", "webwork.tracker_status.raw",
				"analytics.tracking_now.activity_description");
	}

	@Test
	@Order(2)
	void underPseudonymizeAndDropItIsNowhereAndTheTrackerIsStillThere() throws Exception {
		for (SyncHarness harness : List.of(pseudonymized, dropped)) {
			assertThat(WarehouseScan.find(harness.databaseUrl(), List.of(TYPED))).isEmpty();
			assertThat(memberTracking(harness)).as("the row stays: who is tracking is not what they typed").isTrue();
		}
		assertThat(description(pseudonymized)).matches("[a-z][a-z0-9]*:[0-9a-f]{64}");
		assertThat(description(dropped)).isNull();
		assertThat(value(dropped, "select jsonb_typeof(raw->'activity_description') from webwork.tracker_status where user_id = "
				+ member)).isEqualTo("null");
	}

	@Test
	@Order(3)
	void eraseScrubsItKeepsTheTrackerAndTheNextRunKeepsItScrubbed() throws Exception {
		assertThat(keep.main("erase", "--member=" + member, "--yes")).isEqualTo(ExitCodes.OK);
		assertThat(WarehouseScan.find(keep.databaseUrl(), List.of(TYPED))).isEmpty();
		assertThat(memberTracking(keep)).isTrue();
		assertThat(value(keep, "select total_minutes is not null from webwork.tracker_status where user_id = " + member))
			.as("facts stay").isEqualTo("true");
		assertThat(keep.sync()).isEqualTo(ExitCodes.OK);
		assertThat(WarehouseScan.find(keep.databaseUrl(), List.of(TYPED))).as("re-read, still scrubbed").isEmpty();
		assertThat(memberTracking(keep)).isTrue();
	}

	private static boolean memberTracking(SyncHarness harness) {
		return harness.dsl().fetchOne("select count(*) from analytics.tracking_now where member_id = ?", member)
			.get(0, Long.class) == 1;
	}

	private static String description(SyncHarness harness) {
		return value(harness, "select activity_description from webwork.tracker_status where _deleted_at is null and user_id = "
				+ member);
	}

	private static String value(SyncHarness harness, String sql) {
		Object value = harness.dsl().fetchOne(sql).get(0);
		return value == null ? null : value.toString();
	}
}
