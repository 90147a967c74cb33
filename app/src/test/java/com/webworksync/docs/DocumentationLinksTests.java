package com.webworksync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ point only at what exists: every relative Markdown link names a file of the repository (and,
 * with a #fragment, a heading of that file, as GitHub makes its anchors), and every docs/… path that the code, the
 * manifests and CI mention is a file. sql/ is left out: a migration is never edited once released (Flyway checks its
 * checksum), so a path named in its comments stays as it was written.
 */
@Tag("plain")
class DocumentationLinksTests {

	/** [text](target) or [text](target "title"); images too. */
	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
	/** A path under docs/ as prose, javadoc or a YAML comment names it: docs/guide/deploying.md. */
	private static final Pattern DOCS_PATH = Pattern.compile("\\bdocs/[A-Za-z0-9_./-]*[A-Za-z0-9_-]\\.(?:md|json)\\b");

	static List<Path> markdown() throws IOException {
		List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
		try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
			docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		return files;
	}

	@Test
	void everyRelativeLinkPointsToAFileAndAHeadingThatExist() throws IOException {
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path file : markdown()) {
			for (String target : links(file)) {
				if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
					continue; // https:, mailto:
				}
				checked++;
				int hash = target.indexOf('#');
				String path = hash < 0 ? target : target.substring(0, hash);
				String fragment = hash < 0 ? null : target.substring(hash + 1);
				Path resolved = path.isEmpty() ? file : file.resolveSibling(path).normalize();
				if (!Files.exists(resolved)) {
					broken.add(file + ": " + target + " (no file " + resolved + ")");
				}
				else if (fragment != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(fragment)) {
					broken.add(file + ": " + target + " (no heading with that anchor in " + resolved + ")");
				}
			}
		}
		assertThat(checked).as("the scan finds the links").isGreaterThan(20);
		assertThat(broken).isEmpty();
	}

	@Test
	void everyDocsPathTheCodeTheManifestsAndCiMentionExists() throws IOException {
		List<Path> sources = new ArrayList<>(List.of(Path.of("Dockerfile"), Path.of("pom.xml"), Path.of(".ci", "run")));
		List<Path> roots = new ArrayList<>(List.of(Path.of("src"), Path.of("k8s"), Path.of("observability")));
		// every module's pom and sources (signing/, sandbox/, sync/, app/), not what a build left in its target/
		try (Stream<Path> modules = Files.list(Path.of(""))) {
			for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).sorted().toList()) {
				sources.add(module.resolve("pom.xml"));
				roots.add(module.resolve("src"));
			}
		}
		for (Path root : roots) {
			try (Stream<Path> files = Files.walk(root)) {
				files.filter(Files::isRegularFile).sorted().forEach(sources::add);
			}
		}
		sources.addAll(markdown());
		List<String> missing = new ArrayList<>();
		int found = 0;
		for (Path source : sources) {
			if (!Files.exists(source)) {
				continue;
			}
			Matcher m = DOCS_PATH.matcher(Files.readString(source));
			while (m.find()) {
				found++;
				if (!Files.exists(Path.of(m.group()))) {
					missing.add(source + ": " + m.group());
				}
			}
		}
		assertThat(found).as("the scan finds the docs/ paths the sources name").isGreaterThan(5);
		assertThat(missing).isEmpty();
	}

	/** The link targets of a Markdown file, outside fenced code blocks and code spans. */
	private static List<String> links(Path file) throws IOException {
		List<String> targets = new ArrayList<>();
		for (String line : prose(file)) {
			Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
			while (m.find()) {
				targets.add(m.group(1));
			}
		}
		return targets;
	}

	/** The anchors GitHub gives the headings of a Markdown file: lower case, punctuation dropped, spaces to -, -1 for a repeat. */
	static Set<String> anchors(Path file) throws IOException {
		Set<String> anchors = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for (String line : prose(file)) {
			Matcher m = HEADING.matcher(line);
			if (m.matches()) {
				String slug = m.group(1).replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT)
					.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
				int n = seen.merge(slug, 1, Integer::sum);
				anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
			}
		}
		return anchors;
	}

	/** The lines of a Markdown file outside fenced code blocks. */
	private static List<String> prose(Path file) throws IOException {
		List<String> lines = new ArrayList<>();
		boolean fenced = false;
		for (String line : Files.readAllLines(file)) {
			if (line.stripLeading().startsWith("```")) {
				fenced = !fenced;
			}
			else if (!fenced) {
				lines.add(line);
			}
		}
		return lines;
	}
}
