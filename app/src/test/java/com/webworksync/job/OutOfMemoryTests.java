package com.webworksync.job;

import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.webworksync.SyncHarness;

/**
 * An OutOfMemoryError ends the process with its own exit code, 5, not 3 (the deadline's, and what
 * {@code -XX:+ExitOnOutOfMemoryError} would give) and not 137 (a kill at the container's memory limit): a child JVM
 * with a 64 MB heap starts, syncs the members, and then meets a page of projects larger than its heap. The error is
 * thrown on a worker thread, inside Spring Batch's step, which would catch it and carry on; the line names the page.
 */
class OutOfMemoryTests {

	private static final String STREAMS = "workspaces,members,projects";

	@TempDir
	Path logs;

	@Test
	void aPageLargerThanTheHeapExits5NamingThePageAndTheRunResumesLater() throws Exception {
		try (SyncHarness harness = SyncHarness.start(SyncHarness.fastOptions().withHistoryDays(5))
			.with("sync.streams", STREAMS)) {
			assertThat(harness.sync()).as("the warehouse migrated and synced once, in this JVM").isEqualTo(ExitCodes.OK);
			long ws = harness.sandbox().data().workspaceIds().get(0);
			String project = harness.sandbox().data().list("projects", ws).get(0).path("id").asString();
			String name = harness.sandbox().data().get("projects", ws, project).path("name").asString();
			// one project whose name alone (96 MB) is larger than the child's whole heap
			harness.sandbox().data().update("projects", ws, project, p -> p.put("name", "x".repeat(96 << 20)));
			String db = harness.databaseUrl();
			harness.restartContext(); // its connections closed: the child and the checks below see its sessions only

			ChildSync child = ChildSync.command(harness, logs.resolve("oom.log"), "-Xmx64m", "sync",
					"--sync.streams=" + STREAMS);
			int exit = child.await(300);
			String output = child.output();

			assertThat(exit).as(output).isEqualTo(ExitCodes.OUT_OF_MEMORY);
			output.lines().filter(l -> l.startsWith("webwork-sync:")).forEach(l -> System.out.println("OutOfMemoryTests: " + l));
			assertThat(output.lines().filter(l -> l.startsWith("webwork-sync: out of memory"))).as(output)
				.singleElement()
				.asString()
				.contains("reading GET /projects page 1 (projects, workspace " + ws)
				.contains("java.lang.OutOfMemoryError")
				.contains("exit 5");
			assertThat(output).as("the JVM's own exit on an OutOfMemoryError").doesNotContain("Terminating due to");
			// the run had started and read the streams before projects: the error came with the page, not at start-up
			assertThat(count(db, "select count(*) from sync.runs")).isEqualTo(2);
			assertThat(count(db, "select count(*) from sync.runs where status = 'STARTED'"))
				.as("nothing ran after the error: the run is left for the next one to recover").isEqualTo(1);
			assertThat(count(db, "select count(*) from sync.partitions where stream = 'members' and run_id = "
					+ "(select max(run_id) from sync.runs)")).as("members read in the child's run").isEqualTo(1);

			// with the page fixed (or the memory raised), the next run recovers the run and completes it
			harness.sandbox().data().update("projects", ws, project, p -> p.put("name", name));
			ChildSync.awaitNoOtherSessions(db);
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(count(db, "select count(*) from sync.runs where status = 'STARTED'")).isZero();
		}
	}
}
