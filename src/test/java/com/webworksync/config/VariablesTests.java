package com.webworksync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;


/**
 * The variables table is the one list: {@code --help} prints it, the README's configuration
 * table names exactly its variables, and every property the code reads is in it.
 */
class VariablesTests {

	private static final Pattern VARIABLE = Pattern.compile("`((?:WEBWORK|WAREHOUSE|SYNC|LOG|PUSHGATEWAY|SANDBOX)_[A-Z_<>i]+)`");

	/** Properties read in code that are not ours to document: the JVM's, Spring's logging, the JDK's server. */
	private static final Pattern NOT_OURS = Pattern.compile("(java|logging|sun)\\..*");

	private static Set<String> names() {
		return Variables.ALL.stream().map(Variables.Variable::name).collect(Collectors.toCollection(TreeSet::new));
	}

	@Test
	void helpPrintsEveryVariable() {
		String help = Command.usage();
		Variables.ALL.forEach(v -> assertThat(help).contains(v.name()).contains(v.meaning()));
	}

	@Test
	void theReadmeConfigurationTableNamesExactlyTheVariables() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Exit codes"));
		Set<String> documented = new TreeSet<>();
		for (String line : table.split("\n")) {
			if (!line.startsWith("| `")) {
				continue;
			}
			Matcher m = VARIABLE.matcher(line.split(" \\| ")[0]);
			while (m.find()) {
				// the per-connection variables are one family: WEBWORK_CONNECTIONS_<i>_…
				documented.add(m.group(1).startsWith("WEBWORK_CONNECTIONS_") ? "WEBWORK_CONNECTIONS_<i>_NAME" : m.group(1));
			}
		}
		assertThat(documented).isEqualTo(names());
	}

	@Test
	void everyPropertyTheCodeReadsIsAVariable() throws IOException {
		Pattern read = Pattern.compile("(?:getProperty\\(|\\(env, )\"([a-z][a-z0-9.\\-]*)\"");
		Set<String> properties = new TreeSet<>();
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
				Matcher m = read.matcher(Files.readString(source));
				while (m.find()) {
					properties.add(m.group(1));
				}
			}
		}
		assertThat(properties).as("properties read in src/main/java").hasSizeGreaterThan(20);
		Set<String> known = Variables.ALL.stream().map(Variables.Variable::property).collect(Collectors.toSet());
		assertThat(properties.stream().filter(p -> !NOT_OURS.matcher(p).matches()).filter(p -> !known.contains(p)))
			.as("properties read but not in config.Variables (so not in --help or the README)")
			.isEmpty();
	}
}
