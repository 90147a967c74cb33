package com.webworksync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.webworksync.FreePort;
import com.webworksync.WebworkSyncApplication;
import com.webworksync.job.ExitCodes;

/**
 * {@code status} started as its own process ({@code main}) runs without C2 (the start-up's compiler directive,
 * {@link StartupJit}); {@code --help} never adds it. HotSpot's {@code -XX:+PrintCompilation} prints
 * "### Excluding compile" for every method a directive keeps from a compiler: that is what the test reads.
 */
class StartupJitProcessTests {

	private static final String EXCLUDED = "### Excluding compile:";

	@Test
	void statusAsItsOwnProcessStartsWithoutTheOptimizingCompiler(@TempDir Path directory) throws Exception {
		Path output = directory.resolve("status.out");

		int code = java(output, "status", "--warehouse.embedded.directory=" + directory.resolve("warehouse"),
				"--warehouse.embedded.port=" + FreePort.pick());

		String printed = Files.readString(output);
		assertThat(code).as(printed).isEqualTo(ExitCodes.OK);
		assertThat(printed).contains("last runs").contains(EXCLUDED);
	}

	@Test
	void helpLeavesTheCompilerAlone(@TempDir Path directory) throws Exception {
		Path output = directory.resolve("help.out");

		int code = java(output, "--help");

		String printed = Files.readString(output);
		assertThat(code).as(printed).isEqualTo(ExitCodes.OK);
		assertThat(printed).contains("Usage:").doesNotContain(EXCLUDED);
	}

	private static int java(Path output, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:+PrintCompilation", "-cp", System.getProperty("java.class.path"),
				WebworkSyncApplication.class.getName()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		// no verdict on speed: the limit is there only so that a child that hangs cannot hang the build
		if (!process.waitFor(30, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("still running after 30 minutes:\n" + Files.readString(output));
		}
		return process.exitValue();
	}
}
