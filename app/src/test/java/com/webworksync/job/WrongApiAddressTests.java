package com.webworksync.job;

import static com.webworksync.job.RunChecks.assertNoStackTrace;
import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.FreePort;
import com.webworksync.SyncHarness;
import com.webworksync.sandbox.Sandbox;

/**
 * A mistyped WEBWORK_API_URL through the whole job: one line that names the address and the variable, exit 2, nothing
 * written but the run's own row, no token anywhere. An address that answered in an earlier successful run and is gone
 * now is an outage instead (exit 1, worth retrying), so a network blip at an hourly start pages nobody as a mistake.
 */
@ExtendWith(OutputCaptureExtension.class)
class WrongApiAddressTests {

	@Test
	void aPortWhereNothingListensIsNamedAsAConfigurationMistake(CapturedOutput output) throws Exception {
		// a port held for the whole test but never listened on: connections are refused, and no other process (a second
		// copy of the suite, say) can take it between choosing it and the run, as it could a port merely free now
		try (Socket held = FreePort.refusing(); Sandbox sandbox = Sandbox.start(RunChecks.small());
				SyncHarness harness = SyncHarness.on(sandbox).with("webwork.api.url",
						"http://127.0.0.1:" + held.getLocalPort() + "/api/v2")) {
			int port = held.getLocalPort();

			assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);

			List<String> lines = output.getErr().lines().filter(l -> !l.isBlank()).toList();
			assertThat(lines).singleElement(InstanceOfAssertFactories.STRING)
				.startsWith("webwork-sync: ")
				.contains("127.0.0.1:" + port)
				.contains("WEBWORK_API_URL");
			assertThat(output.getAll()).doesNotContain(sandbox.options().token());
			assertNoStackTrace(output);
			assertThat(count(harness.databaseUrl(), "select count(*) from webwork.members")).isZero();
		}
	}

	@Test
	void anAddressThatAnsweredBeforeIsAnOutage(CapturedOutput output) throws Exception {
		Sandbox sandbox = Sandbox.start(RunChecks.small());
		try (SyncHarness harness = SyncHarness.on(sandbox)) {
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
			sandbox.close(); // the same address, nothing listening any more

			assertThat(harness.with("webwork.max-attempts", 2).main("sync")).isEqualTo(ExitCodes.FAILED);
			assertThat(output.getErr()).contains("The API may be down").doesNotContain("WEBWORK_API_URL");
			assertThat(output.getAll()).as("the stream says it failed, not that it is done").contains("workspaces failed: ");
			assertThat(output.getAll().split("workspaces done: ", -1)).as("only the first run's stream is done").hasSize(2);
		}
	}
}
