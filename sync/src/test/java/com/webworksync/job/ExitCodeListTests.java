package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import com.webworksync.config.Command;

/**
 * The exit codes are declared in one place ({@link ExitCodes}), each its own number, none one that something else
 * ends a JVM with, and listed alike in {@code --help}, docs/reference/commands.md and the README's troubleshooting.
 * An OutOfMemoryError, however wrapped, has its own.
 */
@Tag("plain")
class ExitCodeListTests {

	private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| (\\d+) \\|");

	/** Every {@code public static final int} of ExitCodes, by value. */
	static Map<Integer, String> declared() throws IllegalAccessException {
		Map<Integer, String> codes = new TreeMap<>();
		for (Field field : ExitCodes.class.getDeclaredFields()) {
			int modifiers = field.getModifiers();
			if (field.getType() == int.class && Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)) {
				assertThat(codes.put(field.getInt(null), field.getName())).as("two codes with the value of " + field.getName())
					.isNull();
			}
		}
		return codes;
	}

	@Test
	void eachCodeIsItsOwnAndNoneIsWhatTheJvmOrTheKernelEndsAProcessWith() throws Exception {
		Map<Integer, String> codes = declared();
		assertThat(codes).containsEntry(3, "DEADLINE").containsEntry(5, "OUT_OF_MEMORY").hasSize(6);
		// above 127: 128 + a signal, e.g. 134 (an abort: -XX:+CrashOnOutOfMemoryError), 137 (SIGKILL: the memory limit)
		assertThat(codes.keySet()).allSatisfy(code -> assertThat(code).isBetween(0, 127));
	}

	@Test
	void helpCommandsMdAndTheReadmeListEveryCodeAndNoOther() throws Exception {
		List<Integer> codes = new ArrayList<>(declared().keySet());
		String usage = Command.usage();
		List<Integer> inHelp = new ArrayList<>();
		Matcher help = Pattern.compile("(?m)^  (\\d+)  \\S").matcher(usage.substring(usage.indexOf("Exit codes:")));
		while (help.find()) {
			inHelp.add(Integer.valueOf(help.group(1)));
		}
		assertThat(inHelp).as("--help").isEqualTo(codes);
		String commands = read("docs/reference/commands.md");
		assertThat(rows(commands.substring(commands.indexOf("## Exit codes")))).as("commands.md").isEqualTo(codes);
		String readme = read("README.md");
		String troubleshooting = readme.substring(readme.indexOf("## Troubleshooting"));
		assertThat(rows(troubleshooting.substring(0, troubleshooting.indexOf("the line says")))).as("README")
			.isEqualTo(codes);
	}

	@Test
	void anOutOfMemoryErrorHasItsOwnCodeHoweverWrappedAndWhateverTheRunDid() {
		OutOfMemoryError error = new OutOfMemoryError("Java heap space");
		// as the HTTP client hands over an error of its own thread: an I/O failure caused by it
		Throwable wrapped = new IllegalStateException("step failed", new IOException("selector closed", error));
		ExitCodes.Failure failure = ExitCodes.classify(wrapped);
		assertThat(failure.exitCode()).isEqualTo(ExitCodes.OUT_OF_MEMORY);
		assertThat(failure.message()).contains("java.lang.OutOfMemoryError: Java heap space").contains("memory limit");
		assertThat(ExitCodes.ofRun(BatchStatus.FAILED, List.of(), wrapped, null).exitCode())
			.isEqualTo(ExitCodes.OUT_OF_MEMORY);
		assertThat(OutOfMemory.cause(wrapped)).isSameAs(error);
		assertThat(OutOfMemory.cause(new IllegalStateException(new IOException("reset")))).isNull();
		assertThat(OutOfMemory.message(error, "reading GET /projects page 1")).startsWith("out of memory reading GET /projects page 1 (")
			.endsWith("exit 5");
	}

	private static List<Integer> rows(String markdown) {
		List<Integer> rows = new ArrayList<>();
		Matcher row = TABLE_ROW.matcher(markdown);
		while (row.find()) {
			rows.add(Integer.valueOf(row.group(1)));
		}
		return rows;
	}

	private static String read(String path) {
		try {
			return Files.readString(Path.of(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
