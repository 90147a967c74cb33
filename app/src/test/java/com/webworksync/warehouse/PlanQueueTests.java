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
 * The plan queue of a run, on a real warehouse: a plan is made once per run and stream (a restart joins it), an
 * empty plan is remembered as planned, a crash while planning leaves nothing, a finished run's plans go, and a
 * partition whose worker's session died is taken over at the page after the last one committed.
 */
class PlanQueueTests {

	private static SyncHarness harness;
	private static PlanQueue plans;
	private static DSLContext dsl;

	@BeforeAll
	static void start() {
		harness = SyncHarness.start(SyncHarness.fastOptions().withMembers(2));
		plans = harness.bean(PlanQueue.class);
		dsl = harness.dsl();
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	private static int count(String sql) {
		return dsl.fetchSingle(sql).get(0, Integer.class);
	}

	@Test
	void aPlanIsMadeOnceAndReadBackInOrder() throws Exception {
		int[] planned = { 0 };
		try (PlanQueue.Planning first = plans.planOrJoin("members", 9001, 1, sink -> {
			planned[0]++;
			for (int i = 0; i < PlanQueue.SLICE + 3; i++) {
				sink.accept(Partition.of(7000, "p" + i));
			}
		}, workspace -> true)) {
			assertThat(plans.counts(first.plans())).isEqualTo(new PlanQueue.Counts(PlanQueue.SLICE + 3, 0));
			// a restart of the same run: the saved plan, not a new one
			try (PlanQueue.Planning restart = plans.planOrJoin("members", 9001, 2, sink -> planned[0]++, w -> true)) {
				assertThat(restart.plans()).isEqualTo(first.plans());
			}
			assertThat(planned[0]).isEqualTo(1);
			assertThat(dsl.fetch("select partition_key from sync.pool_partitions where plan_id = ? and seq >= ? order by seq",
					first.plans().get(0), PlanQueue.SLICE).getValues(0, String.class))
				.containsExactly("p" + PlanQueue.SLICE, "p" + (PlanQueue.SLICE + 1), "p" + (PlanQueue.SLICE + 2));
			try (QueueSession worker = plans.session()) {
				assertThat(worker.claim(first.plans(), p -> true).partition().key()).as("freshest first").isEqualTo("p0");
			}
		}
	}

	@Test
	void anEmptyPlanIsRememberedAsPlanned() throws Exception {
		try (PlanQueue.Planning empty = plans.planOrJoin("tasks", 9002, 1, sink -> {
		}, w -> true)) {
			assertThat(empty.plans()).isEmpty();
		}
		List<String> replanned = new ArrayList<>();
		try (PlanQueue.Planning restart = plans.planOrJoin("tasks", 9002, 2, sink -> {
			replanned.add("planned again");
			sink.accept(Partition.of(7001, "all"));
		}, w -> true)) {
			assertThat(restart.plans()).isEmpty();
		}
		assertThat(replanned).isEmpty();
		assertThat(count("select count(*) from sync.pool_plans where job_instance_id = 9002")).isZero();
		assertThat(count("select count(*) from sync.planned_streams where job_instance_id = 9002")).isEqualTo(1);
	}

	@Test
	void aCrashWhilePlanningLeavesNoPartialPlan() throws Exception {
		assertThatThrownBy(() -> plans.planOrJoin("projects", 9003, 1, sink -> {
			sink.accept(Partition.of(7001, "all"));
			throw new IllegalStateException("killed while planning");
		}, w -> true)).hasMessageContaining("killed while planning");
		assertThat(count("select count(*) from sync.pool_plans where job_instance_id = 9003")).isZero();
		assertThat(count("select count(*) from sync.pool_partitions join sync.pool_plans using (plan_id) "
				+ "where job_instance_id = 9003")).isZero();
		assertThat(count("select count(*) from sync.planned_streams where job_instance_id = 9003")).isZero();
		try (PlanQueue.Planning again = plans.planOrJoin("projects", 9003, 2, sink -> sink.accept(Partition.of(7002, "all")),
				w -> true)) {
			assertThat(plans.counts(again.plans()).partitions()).isEqualTo(1);
		}
	}

	@Test
	void aFinishedRunsPlansAreForgottenAndAPlanNobodyWorksIsSuperseded() throws Exception {
		long abandoned;
		try (PlanQueue.Planning run = plans.planOrJoin("contracts", 9004, 1, sink -> sink.accept(Partition.of(7001, "all")),
				w -> true)) {
			abandoned = run.plans().get(0);
		}
		plans.planOrJoin("leaves", 9004, 1, sink -> {
		}, w -> true).close();
		plans.planOrJoin("leaves", 9005, 1, sink -> sink.accept(Partition.of(7001, "all")), w -> true).close();
		plans.forget(9004);
		assertThat(count("select count(*) from sync.planned_streams where job_instance_id = 9004")).isZero();
		assertThat(count("select count(*) from sync.planned_streams where job_instance_id = 9005")).isEqualTo(1);
		// the next run's plan of the workspace: run 9004 is over (its session closed), so its plan is closed and emptied
		try (PlanQueue.Planning next = plans.planOrJoin("contracts", 9006, 2, sink -> sink.accept(Partition.of(7001, "all")),
				w -> true)) {
			assertThat(next.plans()).hasSize(1).doesNotContain(abandoned);
			assertThat(plans.open("contracts")).containsOnlyKeys(next.plans().get(0));
		}
		assertThat(count("select count(*) from sync.pool_partitions where plan_id = " + abandoned)).isZero();
	}

	@Test
	void aPartitionWhoseWorkerDiedIsTakenOverAtTheCommittedPage() throws Exception {
		try (PlanQueue.Planning run = plans.planOrJoin("expenses", 9007, 1, sink -> {
			sink.accept(Partition.of(7003, "a"));
			sink.accept(Partition.of(7003, "b"));
		}, w -> true)) {
			QueueSession dying = plans.session();
			QueueClaim held = dying.claim(run.plans(), p -> true);
			assertThat(held.partition().key()).isEqualTo("a");
			plans.progress(held.advance(2), false, "test");
			try (QueueSession other = plans.session()) {
				QueueClaim next = other.claim(run.plans(), p -> true);
				assertThat(next.partition().key()).as("a is held").isEqualTo("b");
				plans.progress(next.advance(1), true, "test");
				other.release(next);
				assertThat(other.claim(run.plans(), p -> true)).as("a is still held").isNull();
				assertThat(other.waiting()).isTrue();
				dying.close(); // the pod dies: its lock goes with its session
				QueueClaim takenOver = other.claim(run.plans(), p -> true);
				assertThat(takenOver.partition().key()).isEqualTo("a");
				assertThat(takenOver.nextPage()).isEqualTo(2);
				assertThat(takenOver.requests()).isEqualTo(2);
			}
		}
	}
}
