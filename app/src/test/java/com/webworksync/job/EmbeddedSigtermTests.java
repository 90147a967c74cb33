package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.webworksync.FreePort;
import com.webworksync.WebworkSyncApplication;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

/**
 * SIGTERM to a sync on the embedded warehouse (no WAREHOUSE_URL: the demo's and a laptop's set-up): the run stops at
 * its next chunk boundary with exit 3 like one on an external PostgreSQL, and only then is the embedded server
 * stopped; the next run on the same directory completes. Before, zonky's own shutdown hook stopped the server at the
 * signal, the run could not commit, and the process ended 143 a minute later.
 */
@Tag("scenario")
class EmbeddedSigtermTests {

	@TempDir
	Path work;

	@Test
	void sigtermStopsTheRunWithExit3BeforeTheServerAndTheNextRunCompletes() throws Exception {
		// 300 requests a minute from the sandbox: long enough a run to be signalled in the middle of
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withRequestsPerMinute(300).withMembers(4)
			.withProjects(2).withHistoryDays(10))) {
			Path directory = work.resolve("warehouse");
			int port = FreePort.pick();
			ChildSync child = ChildSync.embedded(sandbox, directory, port, work.resolve("child.log"),
					"--webwork.requests-per-minute=300", "--sync.lookback-days=7");
			child.awaitPoint(() -> sandbox.requests().count() >= 40);

			assertThat(child.terminate()).as("exit code after SIGTERM:\n" + child.output()).isEqualTo(ExitCodes.DEADLINE);
			assertThat(child.output()).contains("SIGTERM").doesNotContain("cannot reach PostgreSQL");
			assertThat(directory.resolve("postmaster.pid")).as("the embedded server stopped with the process").doesNotExist();

			Map<String, Object> embedded = Map.of("webwork.api.url", sandbox.baseUrl(), "webwork.api.token",
					sandbox.options().token(), "warehouse.embedded.directory", directory.toString(),
					"warehouse.embedded.port", port, "webwork.requests-per-minute", 300, "sync.lookback-days", 7);
			assertThat(WebworkSyncApplication.run(new String[] { "sync" }, embedded)).as("the next run").isEqualTo(ExitCodes.OK);
			assertThat(Files.exists(directory.resolve("postmaster.pid"))).isFalse();
		}
	}
}
