package com.webworksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The declarations in {@link Variables} are the one list: {@code --help} prints them, the
 * configuration table (docs/reference/configuration.md) names exactly their variables
 * ({@link DefaultsTests} holds its defaults and the ConfigMap's values against them), and the
 * code reads our properties only through them.
 */
@Tag("plain")
class VariablesTests {

	/** Properties read in code that are not ours to document: the JVM's, Spring's logging, the JDK's server. */
	private static final Pattern NOT_OURS = Pattern.compile("(java|logging|spring|sun)\\..*");

	/** Declarations no code reads through {@code Variables.X}, each with the reason. */
	private static final Map<String, String> READ_OTHERWISE = Map.of("CONNECTIONS",
			"bound as a list by Spring's Binder from the prefix webwork.connections (ConnectionVariables)");

	private static Set<String> names() {
		return Variables.ALL.stream().map(Variable::name).collect(Collectors.toCollection(TreeSet::new));
	}

	@Test
	void helpPrintsEveryVariableWithItsDefault() {
		String help = Command.usage();
		Variables.ALL.forEach(v -> assertThat(help).contains(v.name()).contains(v.meaning())
			.contains("(default: " + v.shownDefault() + ")"));
		assertThat(help).contains("SANDBOX_PORT, default " + Variables.SANDBOX_PORT.defaultText());
	}

	@Test
	void theConfigurationTableNamesExactlyTheVariables() throws IOException {
		assertThat(DefaultsTests.configurationTable().keySet()).isEqualTo(names());
	}

	@Test
	void everyVariableIsDeclaredOnceInAll() throws IllegalAccessException {
		List<Variable<?>> declared = new ArrayList<>();
		for (Field field : Variables.class.getFields()) {
			if (field.getType() == Variable.class) {
				declared.add((Variable<?>) field.get(null));
			}
		}
		assertThat(Variables.ALL).containsExactlyInAnyOrderElementsOf(declared);
		assertThat(Variables.ALL.stream().map(Variable::property)).doesNotHaveDuplicates();
		assertThat(Variables.ALL.stream().map(Variable::name)).doesNotHaveDuplicates();
	}

	@Test
	void ourPropertiesAreReadOnlyThroughTheDeclarations() throws IOException {
		Pattern read = Pattern.compile("(?:getProperty\\(|\\(env, )\"([a-z][a-z0-9.\\-]*)\"");
		Set<String> properties = new TreeSet<>();
		for (String source : mainSources().values()) {
			Matcher m = read.matcher(source);
			while (m.find()) {
				properties.add(m.group(1));
			}
		}
		assertThat(properties).as("the scan finds the JVM's properties read in the modules' src/main/java").contains("java.home",
				"java.class.path");
		assertThat(properties.stream().filter(p -> !NOT_OURS.matcher(p).matches()))
			.as("properties read by their literal name instead of through config.Variables (so perhaps not in --help or "
					+ "the configuration table, and with a default of their own)")
			.isEmpty();
	}

	@Test
	void everyDeclarationIsRead() throws IOException, IllegalAccessException {
		Map<Path, String> sources = mainSources();
		Path declarations = Path.of("sync/src/main/java/com/webworksync/config/Variables.java");
		assertThat(sources).containsKey(declarations);
		List<String> unread = new ArrayList<>();
		for (Field field : Variables.class.getFields()) {
			if (field.getType() != Variable.class || READ_OTHERWISE.containsKey(field.getName())) {
				continue;
			}
			Pattern use = Pattern.compile("\\bVariables\\." + field.getName() + "\\b");
			boolean read = sources.entrySet().stream()
				.anyMatch(e -> !e.getKey().equals(declarations) && use.matcher(e.getValue()).find());
			if (!read) {
				unread.add(field.getName() + " (" + ((Variable<?>) field.get(null)).name() + ")");
			}
		}
		assertThat(unread).as("declared variables that nothing reads").isEmpty();
	}

	@Test
	void aBadValueNamesItsVariableAndADefaultSurvivesItsOwnCheck() {
		for (Variable<?> v : Variables.ALL) {
			assertThat(v.parse(v.defaultText())).as(v.name()).isEqualTo(v.defaultValue());
		}
		assertThat(Variables.VERIFY_SHARE.parse("0.1")).isEqualTo(Variables.VERIFY_SHARE.parse("0.10"));
		Map<Variable<?>, String> bad = Map.of(Variables.LOOKBACK_DAYS, "-3", Variables.VERIFY_SHARE, "2",
				Variables.READ_TIMEOUT, "soon", Variables.API_URL, "ftp://x", Variables.WORKSPACE_IDS, "1,x",
				Variables.LOG_FORMAT, "xml", Variables.NOW, "yesterday", Variables.SHARD, "3/2");
		bad.forEach((v, text) -> assertThatThrownBy(() -> v.parse(text)).as(v.name() + " given '" + text + "'")
			.isInstanceOf(ConfigurationException.class)
			.hasMessageStartingWith(v.name())
			.hasMessageNotContaining("\n"));
		assertThatThrownBy(() -> Variables.API_URL.parseAs("nope", "WEBWORK_CONNECTIONS_3_URL"))
			.hasMessageStartingWith("WEBWORK_CONNECTIONS_3_URL must be an http(s) URL such as " + Variables.API_URL.defaultText());
	}

	/** Every module's main sources (module/src/main/java/…): the entry point and the demo read properties too. */
	private static Map<Path, String> mainSources() throws IOException {
		Map<Path, String> sources = new LinkedHashMap<>();
		try (Stream<Path> modules = Files.list(Path.of(""))) {
			for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList()) {
				try (Stream<Path> files = Files.walk(main)) {
					for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
						sources.put(source, Files.readString(source));
					}
				}
			}
		}
		return sources;
	}
}
