package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.Fault.Kind;

/**
 * A progress line comes every 10 s even while nothing arrives: one page held back for 25 s
 * gives at least two lines of the stream that waits for it (a line only per page read would
 * give one), each with the phase, requests done and planned, the rate and an ETA.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProgressTests {

	@Test
	void aLineEvery10SecondsWhileAPageIsHeldBack(CapturedOutput output) {
		try (SyncHarness harness = SyncHarness.start(SyncHarness.fastOptions().withMembers(2).withHistoryDays(5))
			.with("sync.lookback-days", 2)
			.with("sync.streams", "workspaces,members,expenses")) {
			harness.sandbox().faults().inject(Fault.of(Kind.SLOW).on("/expenses").delay(Duration.ofSeconds(25)));

			assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);

			List<String> waiting = output.getOut().lines().filter(line -> line.contains("expenses reading: ")).toList();
			assertThat(waiting).hasSizeGreaterThanOrEqualTo(2)
				.allSatisfy(line -> assertThat(line).containsPattern("requests \\d+/~\\d+, [\\d.]+ requests/s, .*, eta \\S+"));
			assertThat(output.getOut()).contains("expenses done: ");
		}
	}
}
