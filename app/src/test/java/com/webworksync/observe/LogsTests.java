package com.webworksync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.job.ExitCodes;
import com.webworksync.SyncHarness;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.TestWarehouse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code log.format=json}: every log line of a whole sandbox sync is one JSON object, and those
 * of the run carry its id, the stream and the workspace. In both formats neither the API token
 * nor the database password shows up.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogsTests {

	private static final String TOKEN = "tok-LOGSECRET-" + UUID.randomUUID();
	private static final String PASSWORD = "pw-LOGSECRET-" + UUID.randomUUID();
	private static final JsonMapper JSON = JsonMapper.builder().build();
	/** A line of the human-readable format: logging.pattern.console=%d{HH:mm:ss.SSS} %-5level %msg%n */
	private static final String TEXT_LINE = "^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) .*";

	private static SyncHarness harness;

	@BeforeAll
	static void start() {
		TestWarehouse.loginRole("log_user", PASSWORD);
		harness = SyncHarness.start(SandboxOptions.defaults().withRequestsPerMinute(0).withMembers(6).withProjects(2).withHistoryDays(10).withToken(TOKEN))
			.with("warehouse.username", "log_user")
			.with("warehouse.password", PASSWORD)
			.with("sync.lookback-days", 5);
	}

	@AfterAll
	static void close() {
		harness.close();
		textAgain();
	}

	/**
	 * Boot copies logging.structured.format.console into the system property
	 * CONSOLE_LOG_STRUCTURED_FORMAT and never removes it: one process is one run, but the later
	 * contexts of this test JVM must log as text again.
	 */
	private static void textAgain() {
		harness.with("log.format", "text");
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
	}

	@Test
	@Order(1)
	void jsonLogsAreOneObjectPerLineWithRunStreamAndWorkspace(CapturedOutput output) {
		harness.with("log.format", "json");
		try {
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
		}
		finally {
			textAgain();
		}
		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.getOut().lines().toList()) {
			assertThat(line).as("no human-readable log line").doesNotMatch(TEXT_LINE);
			if (line.startsWith("{")) {
				lines.add(JSON.readTree(line)); // throws when it is not JSON
			}
		}
		assertThat(lines).isNotEmpty();
		assertThat(lines).allSatisfy(line -> {
			assertThat(line.path("@timestamp").asString()).isNotBlank();
			assertThat(line.path("message").asString()).isNotBlank();
		});
		List<JsonNode> progress = lines.stream()
			.filter(line -> line.path("log").path("logger").asString(line.path("log.logger").asString("")).equals("webwork-sync.progress"))
			.toList();
		assertThat(progress).as("a progress line per stream").hasSizeGreaterThanOrEqualTo(20);
		String runId = progress.get(0).path(RunObserver.RUN_ID).asString();
		assertThat(runId).isNotBlank();
		assertThat(progress).allSatisfy(line -> {
			assertThat(line.path(RunObserver.RUN_ID).asString()).isEqualTo(runId);
			String stream = line.path(RunObserver.STREAM).asString();
			assertThat(line.path("message").asString()).startsWith(stream + " ");
		});
		assertThat(progress).anySatisfy(line -> {
			assertThat(line.path(RunObserver.STREAM).asString()).isEqualTo("time_entries");
			assertThat(line.path(RunObserver.WORKSPACE_ID).asString())
				.isEqualTo(harness.sandbox().data().workspaceIds().get(0).toString());
		});
		assertNoSecret(output.getAll());
	}

	@Test
	@Order(2)
	void textLogsStayHumanReadable(CapturedOutput output) {
		harness.with("log.format", "text"); // a second run over the same data
		assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
		assertThat(output.getOut()).containsPattern("(?m)" + TEXT_LINE.substring(1) + "done: partitions");
		assertThat(output.getOut().lines().filter(line -> line.startsWith("{"))).isEmpty();
		assertNoSecret(output.getAll());
	}

	@Test
	@Order(3)
	void aBadLogFormatIsAConfigurationError(CapturedOutput output) {
		harness.with("log.format", "yaml");
		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
		assertThat(output.getErr()).contains("LOG_FORMAT");
		harness.with("log.format", "text");
	}

	private static void assertNoSecret(String printed) {
		assertThat(printed).doesNotContain(TOKEN).doesNotContain(PASSWORD);
	}
}
