package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.FreePort;
import com.webworksync.WebworkSyncApplication;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.job.ExitCodes;

/**
 * {@code plan} and {@code status} on the embedded warehouse (no WAREHOUSE_URL) start its PostgreSQL while their
 * application context starts: the context adopts that server (a second server on the same data directory could not
 * start: the command would fail), it is stopped when the command ends, and a command whose context failed before it
 * asked for the server leaves none behind that keeps the next from working.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedWarehouseStartTests {

	@Test
	void planAndStatusStartTheEmbeddedWarehouseEarlyAndStopItWhenTheyEnd(@TempDir Path directory, CapturedOutput output)
			throws IOException {
		int port = FreePort.pick();
		// plan on an empty warehouse lists the workspaces, members and projects: from a sandbox, never the real API
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withRequestsPerMinute(0).withMembers(2).withProjects(1)
			.withHistoryDays(3))) {
			run(directory, port, sandbox, output);
		}
	}

	private static void run(Path directory, int port, Sandbox sandbox, CapturedOutput output) {
		Map<String, Object> embedded = Map.of("warehouse.embedded.directory", directory.toString(),
				"warehouse.embedded.port", port, "webwork.api.url", sandbox.baseUrl(), "webwork.api.token",
				sandbox.options().token());
		Path running = directory.resolve("postmaster.pid"); // PostgreSQL's while it runs

		assertThat(WebworkSyncApplication.run(new String[] { "status" }, embedded)).isEqualTo(ExitCodes.OK);
		assertThat(output.getOut()).contains("last runs").contains("none yet: run `sync` first");
		assertThat(running).as("stopped with the context").doesNotExist();

		assertThat(WebworkSyncApplication.run(new String[] { "plan" }, embedded)).isEqualTo(ExitCodes.OK);
		assertThat(output.getOut()).contains("plan at ");
		assertThat(running).doesNotExist();
		assertThat(output.getOut().lines().filter(line -> line.contains("embedded warehouse: PostgreSQL on port " + port)))
			.as("one server per command, announced once").hasSize(2);
		assertThat(output.getAll()).as("PostgreSQL's own output, even while Spring Boot sets logging up")
			.doesNotContain("LOG:  ")
			.doesNotContain("waiting for server to start");

		// the context fails before it asks for the warehouse
		Map<String, Object> broken = new HashMap<>(embedded);
		broken.put("spring.main.lazy-initialization", "maybe");
		assertThat(WebworkSyncApplication.run(new String[] { "status" }, broken)).isEqualTo(ExitCodes.FAILED);
		assertThat(WebworkSyncApplication.run(new String[] { "status" }, embedded)).isEqualTo(ExitCodes.OK);
		assertThat(running).doesNotExist();
		assertThat(output.getErr().lines().filter(line -> !line.isBlank()))
			.as("only the broken command's one line").singleElement().asString().startsWith("webwork-sync: ");
	}

}
