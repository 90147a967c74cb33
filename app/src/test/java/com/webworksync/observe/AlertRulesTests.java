package com.webworksync.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.webworksync.connections.CredentialExpiry;

/**
 * The alert rules (observability/webwork-sync.rules.yml) pass {@code promtool check rules} and their unit tests
 * ({@code promtool test rules}), which hold a firing and a quiet case for every alert and fail when a rule is
 * broken; the PrometheusRule of the kustomize component holds the same groups; every alert reads only metrics the
 * job pushes and has its section in docs/guide/observability.md. promtool must be installed ({@code apt-get install
 * prometheus}; .ci/run installs it): without it these tests fail, they do not skip.
 */
@Tag("plain")
class AlertRulesTests {

	static final Path RULES = Path.of("observability", "webwork-sync.rules.yml");
	static final Path UNIT_TESTS = Path.of("observability", "webwork-sync.rules.test.yml");
	static final Path PROMETHEUS_RULE = Path.of("k8s", "components", "alerts", "prometheusrule.yaml");
	static final Path GUIDE = Path.of("docs", "guide", "observability.md");
	private static final Pattern METRIC = Pattern.compile("\\bwebwork_[a-z_]+\\b");

	record Result(int exitCode, String output) {
	}

	@Test
	void promtoolChecksTheRules() throws Exception {
		Result check = promtool("check", "rules", RULES.toString());
		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).contains("SUCCESS: " + rules().size() + " rules found");
	}

	@Test
	void theUnitTestsOfEveryAlertPass() throws Exception {
		Result test = promtool("test", "rules", UNIT_TESTS.toString());
		assertThat(test.exitCode()).as(test.output()).isZero();
		assertThat(test.output()).contains("SUCCESS");
	}

	@Test
	void aMissingBinaryFailsWithWhatToInstall() {
		assertThatThrownBy(() -> onPath("promtool-that-is-not-installed")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("promtool-that-is-not-installed is not on the PATH")
			.hasMessageContaining("apt-get install prometheus prometheus-pushgateway");
	}

	@Test
	void everyAlertHasAFiringAndAQuietUnitTest() throws IOException {
		Map<String, Object> tests = yaml(UNIT_TESTS);
		assertThat(strings(tests.get("rule_files"))).containsExactly(RULES.getFileName().toString());
		Set<String> firing = new TreeSet<>();
		Set<String> quiet = new TreeSet<>();
		for (Object test : list(tests.get("tests"))) {
			for (Object check : list(map(test).getOrDefault("alert_rule_test", List.of()))) {
				String alert = (String) map(check).get("alertname");
				(list(map(check).get("exp_alerts")).isEmpty() ? quiet : firing).add(alert);
			}
		}
		Set<String> alerts = new TreeSet<>(alertNames());
		assertThat(firing).as("alerts with a test where they fire").isEqualTo(alerts);
		assertThat(quiet).as("alerts with a test where they do not").isEqualTo(alerts);
	}

	static Stream<Arguments> brokenRules() {
		return Stream.of(
				Arguments.of("one failed run fires", (UnaryOperator<String>) r -> r.replace("in_a_row >= 2", "in_a_row >= 1")),
				Arguments.of("any exit code above 1 is a configuration error",
						(UnaryOperator<String>) r -> r.replace("exit_code == 2", "exit_code >= 2")),
				Arguments.of("no success for 1 h", (UnaryOperator<String>) r -> r.replace("last_success_timestamp_seconds > 2 * 3600",
						"last_success_timestamp_seconds > 1 * 3600")),
				Arguments.of("every stream held to the facts' default goal", (UnaryOperator<String>) r -> r.replace(
						"> webwork_sync_stream_freshness_goal_seconds", "> 2 * 3600")),
				Arguments.of("the default warning window for every token", (UnaryOperator<String>) r -> r.replace(
						"< webwork_credential_warn_seconds", "< 14 * 86400")),
				Arguments.of("self-renewing access tokens alert", (UnaryOperator<String>) r -> r.replace("{kind!=\"access_token\"}", "")),
				Arguments.of("a passing mismatch alerts", (UnaryOperator<String>) r -> r.replace("for: 2h\n        labels:\n          severity: warning",
						"for: 1h\n        labels:\n          severity: warning")),
				Arguments.of("every 4xx counts as a 429", (UnaryOperator<String>) r -> r.replace("status=\"429\"", "status=~\"4..\"")),
				Arguments.of("a finished backfill stalls", (UnaryOperator<String>) r -> r.replace("days_left > 0\n", "days_left >= 0\n")),
				Arguments.of("never succeeded at once", (UnaryOperator<String>) r -> r.replace("for: 2h\n        labels:\n          severity: critical",
						"labels:\n          severity: critical")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenRules")
	void theUnitTestsCatchABrokenRule(String what, UnaryOperator<String> mutation, @TempDir Path dir) throws Exception {
		String original = Files.readString(RULES);
		String broken = mutation.apply(original);
		assertThat(broken).as("the mutation changes the rules").isNotEqualTo(original);
		Files.writeString(dir.resolve(RULES.getFileName()), broken);
		Files.copy(UNIT_TESTS, dir.resolve(UNIT_TESTS.getFileName()));
		Result test = promtool("test", "rules", dir.resolve(UNIT_TESTS.getFileName()).toString());
		assertThat(test.exitCode()).as("promtool test rules with " + what + ":\n" + test.output()).isNotZero();
		assertThat(test.output()).contains("FAILED");
	}

	@Test
	void thePrometheusRuleOfTheComponentHoldsTheSameGroups() throws IOException {
		Map<String, Object> rule = yaml(PROMETHEUS_RULE);
		assertThat(rule.get("kind")).isEqualTo("PrometheusRule");
		assertThat(map(rule.get("spec")).get("groups"))
			.as(PROMETHEUS_RULE + " is generated from " + RULES + ": regenerate it with the command in its header")
			.isEqualTo(yaml(RULES).get("groups"));
	}

	@Test
	void everyAlertReadsOnlyMetricsTheJobPushes() throws IOException {
		Set<String> pushed = Set.of(gauge(SyncMetrics.FAILED_RUNS_IN_A_ROW), gauge(SyncMetrics.RUN_EXIT_CODE),
				gauge(SyncMetrics.LAST_SUCCESS), gauge(SyncMetrics.STREAM_LAST_SUCCESS), gauge(SyncMetrics.STREAM_FRESHNESS_GOAL),
				gauge(SyncMetrics.BACKFILL_DAYS_LEFT),
				gauge(SyncMetrics.RECONCILIATION_MISMATCHES), gauge(CredentialExpiry.GAUGE), gauge(CredentialExpiry.WARN_GAUGE),
				PrometheusText.name(SyncMetrics.REQUESTS) + "_seconds_count");
		Set<String> read = new TreeSet<>();
		for (Map<String, Object> rule : rules()) {
			Matcher m = METRIC.matcher((String) rule.get("expr"));
			while (m.find()) {
				read.add(m.group());
			}
		}
		assertThat(read).isNotEmpty();
		assertThat(pushed).containsAll(read);
	}

	@Test
	void everyAlertHasItsSectionInTheGuide() throws IOException {
		Set<String> headings = new LinkedHashSet<>();
		for (String line : Files.readAllLines(GUIDE)) {
			if (line.startsWith("### ")) {
				headings.add(line.substring(4).strip());
			}
		}
		for (Map<String, Object> rule : rules()) {
			String alert = (String) rule.get("alert");
			assertThat(headings).as("a section for " + alert + " in " + GUIDE).contains(alert);
			assertThat(map(rule.get("annotations")).get("runbook"))
				.isEqualTo(GUIDE.toString().replace('\\', '/') + "#" + alert.toLowerCase(Locale.ROOT));
			assertThat(map(rule.get("labels")).get("severity")).isIn("critical", "warning");
		}
	}

	private static String gauge(String micrometerName) {
		return PrometheusText.name(micrometerName);
	}

	/** The alerting rules of every group. */
	static List<Map<String, Object>> rules() throws IOException {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Object group : list(yaml(RULES).get("groups"))) {
			for (Object rule : list(map(group).get("rules"))) {
				rules.add(map(rule));
			}
		}
		return rules;
	}

	static List<String> alertNames() throws IOException {
		return rules().stream().map(r -> (String) r.get("alert")).distinct().toList();
	}

	/**
	 * Runs promtool from the PATH, in the project's directory. Fails (never skips) when it is not installed: the
	 * alerts would ship untested.
	 */
	static Result promtool(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(onPath("promtool").toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail("promtool " + String.join(" ", args) + " did not end within 60 s");
		}
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	/** An executable of the PATH; fails with what to install when there is none. */
	static Path onPath(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return fail(name + " is not on the PATH (" + System.getenv("PATH") + "): the alert rules cannot be tested without it. "
				+ "Install Debian's packages (apt-get install prometheus prometheus-pushgateway; .ci/run does) or Prometheus' "
				+ "release binaries, and run again");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			assertThat(document).as(file + " holds a mapping").isInstanceOf(Map.class);
			return new LinkedHashMap<>((Map<String, Object>) document);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node) {
		assertThat(node).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object node) {
		assertThat(node).isInstanceOf(List.class);
		return (List<Object>) node;
	}

	static List<String> strings(Object node) {
		return list(node).stream().map(String::valueOf).toList();
	}
}
