package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import com.webworksync.SyncHarness;
import com.webworksync.bench.LargeState;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The planner's memory: {@code plan} over a synthesized 2,000-member × 1,095-day ledger (2.19
 * million time-entry partitions, the whole history asked as a backfill) completes in a child JVM
 * capped at -Xmx512m, and plans what the ledger and reports say: every member-day in range, the
 * 31 reported days as changed, a tenth of that re-verified. Holding the stream's ledger or its
 * candidates at once needs more than that heap.
 */
@Tag("scenario")
class LargePlanMemoryTests {

	private static final int MEMBERS = 2_000;
	private static final int DAYS = 1_095;
	private static final int REPORTED = 31;
	private static final LocalDate TODAY = LocalDate.parse("2026-06-15");

	private static SyncHarness harness;

	@BeforeAll
	static void synthesize() {
		harness = SyncHarness.start(SyncHarness.fastOptions().withMembers(2).withProjects(2).withHistoryDays(10));
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		long ws = harness.dsl().fetchOne("select min(workspace_id) from webwork.workspaces").get(0, Long.class);
		harness.dsl().execute("update webwork.workspaces set _deleted_at = now() where workspace_id <> ?", ws);
		long started = System.nanoTime();
		LargeState.synthesize(harness.dsl(), ws, MEMBERS, DAYS, REPORTED, TODAY);
		System.out.printf("LargePlanMemoryTests: synthesized in %.1f s%n", (System.nanoTime() - started) / 1e9);
		harness.restartContext();
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	void planningTwoMillionMemberDaysFitsIn512Megabytes() throws Exception {
		Path output = Files.createTempFile("large-plan", ".log");
		ChildSync child = ChildSync.command(harness, output, "-Xmx512m", "plan", "--json",
				"--from=" + TODAY.minusDays(DAYS - 1L), "--sync.now=" + TODAY + "T10:00:00Z");
		long started = System.nanoTime();
		int exit = child.await(600);
		System.out.printf("LargePlanMemoryTests: plan in a child JVM at -Xmx512m took %.1f s%n", (System.nanoTime() - started) / 1e9);
		String text = child.output();
		assertThat(exit).as(text).isEqualTo(ExitCodes.OK);
		JsonNode plan = JsonMapper.builder().build().readTree(text.substring(text.indexOf("{\n"), text.lastIndexOf('}') + 1));
		JsonNode timeEntries = null;
		for (JsonNode stream : plan.path("streams")) {
			if (stream.path("stream").asString().equals("time_entries")) {
				timeEntries = stream;
			}
		}
		assertThat(timeEntries).as(text).isNotNull();
		assertThat(timeEntries.path("in_range").asLong()).isEqualTo((long) MEMBERS * DAYS);
		assertThat(timeEntries.path("changed").asLong()).isEqualTo((long) MEMBERS * REPORTED);
		assertThat(timeEntries.path("verify").asLong()).isEqualTo((long) MEMBERS * REPORTED / 10);
		assertThat(timeEntries.path("partitions").asLong()).isEqualTo((long) MEMBERS * REPORTED * 11 / 10);
		Files.deleteIfExists(output);
	}
}
