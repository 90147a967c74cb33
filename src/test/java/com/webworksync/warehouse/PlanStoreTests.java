package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;
import com.webworksync.streams.Partition;

/**
 * The saved plan of a run, on a real warehouse: a plan is made once per run and stream, an empty plan is
 * remembered as planned, a crash while planning leaves nothing, and a finished run's plans go.
 */
class PlanStoreTests {

	private static SyncHarness harness;
	private static PlanStore plans;
	private static DSLContext dsl;

	@BeforeAll
	static void start() {
		harness = SyncHarness.start(SyncHarness.fastOptions().withMembers(2));
		plans = harness.bean(PlanStore.class);
		dsl = harness.dsl();
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	void aPlanIsMadeOnceAndReadBackInSlices() {
		int[] planned = { 0 };
		int count = plans.loadOrCreate(9001, "members", sink -> {
			planned[0]++;
			for (int i = 0; i < PlanStore.SLICE + 3; i++) {
				sink.accept(Partition.of(7000 + i, "all"));
			}
		});
		assertThat(count).isEqualTo(PlanStore.SLICE + 3);
		// a restart of the same run: the saved plan, not a new one
		assertThat(plans.loadOrCreate(9001, "members", sink -> planned[0]++)).isEqualTo(PlanStore.SLICE + 3);
		assertThat(planned[0]).isEqualTo(1);
		List<Partition> tail = plans.slice(9001, "members", PlanStore.SLICE, PlanStore.SLICE);
		assertThat(tail).extracting(Partition::workspaceId)
			.containsExactly(7000L + PlanStore.SLICE, 7001L + PlanStore.SLICE, 7002L + PlanStore.SLICE);
	}

	@Test
	void anEmptyPlanIsRememberedAsPlanned() {
		assertThat(plans.loadOrCreate(9002, "tasks", sink -> {
		})).isZero();
		List<String> replanned = new ArrayList<>();
		assertThat(plans.loadOrCreate(9002, "tasks", sink -> {
			replanned.add("planned again");
			sink.accept(Partition.of(7001, "all"));
		})).isZero();
		assertThat(replanned).isEmpty();
		assertThat(dsl.fetchCount(dsl.selectFrom("sync.planned_partitions").where("job_instance_id = 9002"))).isZero();
	}

	@Test
	void aCrashWhilePlanningLeavesNoPartialPlan() {
		assertThatThrownBy(() -> plans.loadOrCreate(9003, "projects", sink -> {
			sink.accept(Partition.of(7001, "all"));
			throw new IllegalStateException("killed while planning");
		})).hasMessageContaining("killed while planning");
		assertThat(dsl.fetchCount(dsl.selectFrom("sync.planned_partitions").where("job_instance_id = 9003"))).isZero();
		assertThat(dsl.fetchCount(dsl.selectFrom("sync.planned_streams").where("job_instance_id = 9003"))).isZero();
		assertThat(plans.loadOrCreate(9003, "projects", sink -> sink.accept(Partition.of(7002, "all")))).isEqualTo(1);
	}

	@Test
	void aFinishedRunsPlansAreForgotten() {
		plans.loadOrCreate(9004, "members", sink -> sink.accept(Partition.of(7001, "all")));
		plans.loadOrCreate(9004, "tasks", sink -> {
		});
		plans.loadOrCreate(9005, "members", sink -> sink.accept(Partition.of(7001, "all")));
		plans.forget(9004);
		assertThat(dsl.fetchCount(dsl.selectFrom("sync.planned_partitions").where("job_instance_id = 9004"))).isZero();
		assertThat(dsl.fetchCount(dsl.selectFrom("sync.planned_streams").where("job_instance_id = 9004"))).isZero();
		assertThat(dsl.fetchCount(dsl.selectFrom("sync.planned_streams").where("job_instance_id = 9005"))).isEqualTo(1);
	}
}
