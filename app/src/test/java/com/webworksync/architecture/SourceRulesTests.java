package com.webworksync.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Rules on the main sources that ArchUnit cannot see: a type written with its full package name inline hides a
 * dependency from the imports (and a constant of it is inlined by javac, so no bytecode shows it either), and a
 * class too long to read whole.
 */
@Tag("plain")
class SourceRulesTests {

	private static final int MAX_LINES = 250;
	private static final Pattern QUALIFIED = Pattern
		.compile("(?<![\\w.])(?:java|javax|jakarta|org|com|tools|io)\\.(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*");

	@Test
	void noTypeIsWrittenWithItsPackageInCode() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path file : mainSources()) {
			String[] lines = code(Files.readString(file)).split("\n", -1);
			for (int i = 0; i < lines.length; i++) {
				String line = lines[i].strip();
				if (line.startsWith("import ") || line.startsWith("package ")) {
					continue;
				}
				Matcher m = QUALIFIED.matcher(lines[i]);
				while (m.find()) {
					found.add(file + ":" + (i + 1) + " " + m.group());
				}
			}
		}
		assertThat(found).as("inline fully-qualified names (import the type instead)").isEmpty();
	}

	/** A class a reader takes in whole: none over 250 lines, comments included (docs/engineering/development.md). */
	@Test
	void noSourceFileIsLongerThan250Lines() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path file : mainSources()) {
			long lines = Files.readString(file).lines().count();
			if (lines > MAX_LINES) {
				found.add(file + " (" + lines + " lines)");
			}
		}
		assertThat(found).as("split by what it does").isEmpty();
	}

	/** The main sources of every module (a folder of the repository root with a src/main/java), as module/src/main/java/…. */
	static List<Path> mainSources() throws IOException {
		List<Path> sources = new ArrayList<>();
		try (Stream<Path> modules = Files.list(Path.of(""))) {
			for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList()) {
				try (Stream<Path> files = Files.walk(main)) {
					files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
				}
			}
		}
		assertThat(sources).as("the modules' sources").anyMatch(f -> f.startsWith("app"))
			.anyMatch(f -> f.startsWith("sync"));
		return sources;
	}

	@Test
	void theRuleSeesCodeAndSkipsCommentsAndStrings() {
		String source = """
				// java.util.List in a comment
				/** {@link java.util.Map} */
				String s = "com.webworksync.Main";
				java.util.Set<String> set;
				""";
		Matcher m = QUALIFIED.matcher(code(source));
		assertThat(m.find()).isTrue();
		assertThat(m.group()).isEqualTo("java.util.Set");
		assertThat(m.find()).isFalse();
	}

	/** The source with comments and string, char and text-block literals blanked out, lines kept. */
	static String code(String source) {
		StringBuilder out = new StringBuilder(source);
		int i = 0;
		int n = source.length();
		while (i < n) {
			int end;
			if (source.startsWith("//", i)) {
				end = source.indexOf('\n', i);
				end = end < 0 ? n : end;
			}
			else if (source.startsWith("/*", i)) {
				end = source.indexOf("*/", i + 2);
				end = end < 0 ? n : end + 2;
			}
			else if (source.startsWith("\"\"\"", i)) {
				end = source.indexOf("\"\"\"", i + 3);
				end = end < 0 ? n : end + 3;
			}
			else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
				char quote = source.charAt(i);
				end = i + 1;
				while (end < n && source.charAt(end) != quote) {
					end += source.charAt(end) == '\\' ? 2 : 1;
				}
				end = Math.min(end + 1, n);
			}
			else {
				i++;
				continue;
			}
			for (int k = i; k < end; k++) {
				if (out.charAt(k) != '\n') {
					out.setCharAt(k, ' ');
				}
			}
			i = end;
		}
		return out.toString();
	}
}
