package com.webworksync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Each default is declared once, in {@link Variables}; what the documentation and the manifests
 * say about it is held against that declaration, by value ("0.1" and "0.10" agree, "10s" and
 * "10 s" would not parse), so a changed default cannot drift away from them silently.
 */
@Tag("plain")
class DefaultsTests {

	/** The file with the configuration table (the one with {@link #TABLE_HEADER}): the one place to change if it moves. */
	static final Path CONFIGURATION_TABLE = Path.of("docs", "reference", "configuration.md");
	static final String TABLE_HEADER = "| variable | default | meaning |";

	static final Path CONFIG_MAP = Path.of("k8s", "configmap.yaml");
	/** docs/guide/deploying.md shows the ConfigMap's keys and values in a table with this header. */
	static final Path DEPLOYING = Path.of("docs", "guide", "deploying.md");
	static final String DEPLOYING_HEADER = "| key | value | |";

	/** Where k8s/configmap.yaml sets something else than the default on purpose, and why. */
	static final Map<String, String> CONFIG_MAP_DEVIATIONS = Map.of(
			"WAREHOUSE_URL", "the root filesystem is read-only and a pod's disk goes with it: an external PostgreSQL",
			"WAREHOUSE_USERNAME", "a role of its own for the job, not the superuser",
			"SYNC_DEADLINE", "stop cleanly (exit 3) before the CronJob's activeDeadlineSeconds kills the pod",
			"LOG_FORMAT", "JSON lines for the cluster's log pipeline");

	private static final Pattern VARIABLE = Pattern.compile("`((?:WEBWORK|WAREHOUSE|SYNC|LOG|PUSHGATEWAY|NOTIFY|SANDBOX)_[A-Z_<>i]+)`");
	/** Prose such as "`SYNC_VERIFY_SHARE` (10 %)" or "`SANDBOX_PORT` (default 8089)". */
	private static final Pattern MENTION = Pattern.compile("`([A-Z][A-Z0-9_]+)` \\((?:default )?(\\d+(?:\\.\\d+)?(?: ?%)?|\\d+(?:ms|s|m|h))\\)");

	/** The variables of the configuration table, each with the default cells of its rows (a family may have two rows). */
	static Map<String, List<String>> configurationTable() throws IOException {
		List<String> lines = Files.readAllLines(CONFIGURATION_TABLE);
		int header = lines.indexOf(TABLE_HEADER);
		assertThat(header).as(TABLE_HEADER + " in " + CONFIGURATION_TABLE).isNotNegative();
		Map<String, List<String>> table = new TreeMap<>();
		for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("| `"); i++) {
			String[] cells = lines.get(i).split(" \\| ");
			List<String> names = new ArrayList<>();
			Matcher m = VARIABLE.matcher(cells[0]);
			while (m.find()) {
				// the per-connection variables are one family: WEBWORK_CONNECTIONS_<i>_…
				names.add(m.group(1).startsWith("WEBWORK_CONNECTIONS_") ? "WEBWORK_CONNECTIONS_<i>_NAME" : m.group(1));
			}
			String cell = cells[1].replace("`", "").trim();
			String[] each = cell.split(" / "); // "`WAREHOUSE_USERNAME` / `WAREHOUSE_PASSWORD` | `postgres` / empty"
			for (int n = 0; n < names.size(); n++) {
				table.computeIfAbsent(names.get(n), k -> new ArrayList<>())
					.add(each.length == names.size() ? each[n].trim() : cell);
			}
		}
		return table;
	}

	@Test
	void theConfigurationTableShowsTheDeclaredDefaults() throws IOException {
		Map<String, List<String>> table = configurationTable();
		List<String> wrong = new ArrayList<>();
		for (Variable<?> v : Variables.ALL) {
			assertThat(table).as(CONFIGURATION_TABLE + " documents " + v.name()).containsKey(v.name());
			for (String cell : table.get(v.name())) {
				if (v.hasDefaultValue() ? !v.defaultValue().equals(valueOf(v, cell)) : !cell.startsWith(v.shownDefault())) {
					wrong.add(v.name() + ": '" + cell + "', declared '" + v.shownDefault() + "'");
				}
			}
		}
		assertThat(wrong).as("defaults in " + CONFIGURATION_TABLE + " that are not the declared ones").isEmpty();
	}

	@Test
	void theConfigMapSetsTheDefaultsExceptWhereItDeviatesOnPurpose() throws IOException {
		Map<String, String> data = configMap();
		List<String> wrong = new ArrayList<>();
		data.forEach((key, value) -> {
			Variable<?> v = Variables.ALL.stream().filter(d -> d.name().equals(key)).findFirst().orElse(null);
			if (v == null) {
				wrong.add(key + ": not a variable the job reads");
			}
			else if (CONFIG_MAP_DEVIATIONS.containsKey(key)) {
				if (Objects.equals(v.defaultValue(), v.parse(value))) {
					wrong.add(key + ": listed as a deliberate deviation, but '" + value + "' is the default now");
				}
			}
			else if (!Objects.equals(v.defaultValue(), valueOf(v, value))) {
				wrong.add(key + ": '" + value + "', the default is '" + v.shownDefault()
						+ "' (list it in CONFIG_MAP_DEVIATIONS with a reason if that is on purpose)");
			}
		});
		assertThat(wrong).as(CONFIG_MAP.toString()).isEmpty();
		assertThat(data).as("every deliberate deviation is still in " + CONFIG_MAP).containsKeys(
				CONFIG_MAP_DEVIATIONS.keySet().toArray(String[]::new));
	}

	@Test
	void theDeployingGuideShowsTheConfigMapAsItIs() throws IOException {
		List<String> lines = Files.readAllLines(DEPLOYING);
		int header = lines.indexOf(DEPLOYING_HEADER);
		assertThat(header).as(DEPLOYING_HEADER + " in " + DEPLOYING).isNotNegative();
		Map<String, String> shown = new LinkedHashMap<>();
		for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("| `"); i++) {
			String[] cells = lines.get(i).split(" \\| ");
			shown.put(cells[0].replace("| ", "").replace("`", "").trim(), cells[1].replace("`", "").trim());
		}
		assertThat(shown).isEqualTo(configMap());
	}

	@Test
	void defaultsMentionedInTheProseAreTheDeclaredOnes() throws IOException {
		List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), CONFIGURATION_TABLE));
		try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
			docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		List<String> mentions = new ArrayList<>();
		List<String> wrong = new ArrayList<>();
		for (Path document : documents.stream().distinct().toList()) {
			Matcher m = MENTION.matcher(Files.readString(document));
			while (m.find()) {
				String name = m.group(1);
				Variable<?> v = Variables.ALL.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
				if (v == null) {
					continue; // another kind of name, e.g. a metric
				}
				String text = m.group(2);
				String value = text.endsWith("%")
						? new BigDecimal(text.replace("%", "").trim()).movePointLeft(2).toPlainString() : text;
				mentions.add(document + ": " + m.group());
				if (!Objects.equals(v.defaultValue(), valueOf(v, value))) {
					wrong.add(document + ": " + m.group() + ", the default is '" + v.shownDefault() + "'");
				}
			}
		}
		assertThat(mentions).as("the scan finds the defaults the prose mentions").isNotEmpty();
		assertThat(wrong).isEmpty();
	}

	/** The value a text stands for, or the message saying it is none. */
	private static Object valueOf(Variable<?> v, String text) {
		try {
			return v.parse(text);
		}
		catch (ConfigurationException ex) {
			return ex.getMessage();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> configMap() throws IOException {
		try (Reader reader = Files.newBufferedReader(CONFIG_MAP)) {
			Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			Map<String, String> data = new LinkedHashMap<>();
			((Map<String, Object>) document.get("data")).forEach((key, value) -> data.put(key, String.valueOf(value)));
			return data;
		}
	}
}
