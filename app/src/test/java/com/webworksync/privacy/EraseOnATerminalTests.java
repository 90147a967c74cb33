package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;
import com.webworksync.WebworkSyncApplication;
import com.webworksync.job.ExitCodes;

/**
 * erase on a real terminal: the command in a child JVM under a pseudo-terminal (util-linux {@code script}, in Debian's
 * essential bsdutils). Without --yes it refuses with its one line and exit 2 and writes nothing, stdout redirected to a
 * file or not (stdin decides); with --yes it erases. Without {@code script} the test fails, saying so.
 */
class EraseOnATerminalTests {

	private record Outcome(int exit, List<String> lines) {
	}

	@Test
	void onATerminalEraseRefusesWithoutYesAndWritesNothingAndWithYesItErases() throws Exception {
		Path script = script();
		try (SyncHarness harness = SyncHarness.start(SyncHarness.fastOptions())) {
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			long ws = harness.sandbox().data().workspaceIds().get(0);
			Long id = harness.dsl().fetchOne("select min(id) from webwork.members where workspace_id = ? and email is not null", ws)
				.get(0, Long.class);
			assertThat(id).as("a synced member with an e-mail").isNotNull();
			String email = harness.dsl().fetchValue("select email from webwork.members where workspace_id = ? and id = ?", ws, id)
				.toString();
			String refusal = "webwork-sync: erase scrubs member " + id + "'s personal values for good: see what it touches with "
					+ "--dry-run, then add --yes";

			Outcome refused = onATerminal(script, harness, "", "--member=" + id);
			assertThat(refused.exit()).as("exit code, output %s", refused.lines()).isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(refused.lines()).containsExactly(refusal);
			assertNothingWritten(harness, ws, id, email);

			Path log = Files.createTempFile("erase-stdout", ".log");
			Outcome redirected = onATerminal(script, harness, " > " + quoted(log.toString()), "--member=" + id);
			assertThat(redirected.exit()).as("stdout to a file, stdin a terminal: output %s", redirected.lines())
				.isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(redirected.lines()).containsExactly(refusal);
			assertThat(Files.readString(log)).isEmpty();
			assertNothingWritten(harness, ws, id, email);

			Outcome erased = onATerminal(script, harness, "", "--member=" + id, "--yes");
			assertThat(erased.exit()).as("with --yes, output %s", erased.lines()).isEqualTo(ExitCodes.OK);
			assertThat(erased.lines()).doesNotContain(refusal);
			assertThat(harness.dsl().fetchOne("select count(*) from sync.erasures where person_id = ?", id).get(0, Long.class))
				.isPositive();
			assertThat(harness.dsl().fetchValue("select email from webwork.members where workspace_id = ? and id = ?", ws, id))
				.isNull();
		}
	}

	private static void assertNothingWritten(SyncHarness harness, long ws, Long id, String email) {
		assertThat(harness.dsl().fetchOne("select count(*) from sync.erasures").get(0, Long.class)).isZero();
		assertThat(harness.dsl().fetchValue("select email from webwork.members where workspace_id = ? and id = ?", ws, id))
			.isEqualTo(email);
	}

	/** util-linux script on the PATH, or the test fails saying what is missing. */
	private static Path script() {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map(dir -> Path.of(dir, "script"))
			.filter(Files::isExecutable)
			.findFirst()
			.orElseGet(() -> fail("this test runs erase under a pseudo-terminal with util-linux's `script`, not found on the "
					+ "PATH (Debian: the bsdutils package, essential; elsewhere util-linux)"));
	}

	/**
	 * {@code script -qec "<java … erase options><redirect>" /dev/null}: the child's stdin, stdout and stderr a
	 * pseudo-terminal (stdout as {@code redirect} says), script's own stdin /dev/null. The exit code is the child's.
	 */
	private static Outcome onATerminal(Path script, SyncHarness harness, String redirect, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				WebworkSyncApplication.class.getName(), "erase"));
		command.addAll(List.of(options));
		harness.properties().forEach((key, value) -> command.add("--" + key + "=" + value));
		String line = command.stream().map(EraseOnATerminalTests::quoted).collect(Collectors.joining(" ")) + redirect;
		Path output = Files.createTempFile("erase-terminal", ".log");
		Process process = new ProcessBuilder(script.toString(), "-qec", line, "/dev/null")
			.redirectInput(new File("/dev/null"))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			fail("erase under script did not end within 180 s:\n" + Files.readString(output));
		}
		List<String> lines = Files.readString(output).lines().map(l -> l.replace("\r", "")).filter(l -> !l.isBlank()).toList();
		return new Outcome(process.exitValue(), lines);
	}

	private static String quoted(String arg) {
		return "'" + arg.replace("'", "'\\''") + "'";
	}
}
