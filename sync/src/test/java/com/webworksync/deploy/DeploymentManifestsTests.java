package com.webworksync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.webworksync.config.Command;
import com.webworksync.config.Settings;
import com.webworksync.config.Variables;
import com.webworksync.job.ExitCodes;
import com.webworksync.streams.Catalog;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment artefacts (Dockerfile, k8s/) keep the promises docs/guide/deploying.md makes. No Docker
 * engine or cluster is needed: the files are parsed. Each check collects problems instead of
 * stopping at the first, and the mutation tests below prove that every check can fail.
 */
@Tag("plain")
class DeploymentManifestsTests {

	private static final Path ROOT = Path.of("").toAbsolutePath();
	private static final Path K8S = ROOT.resolve("k8s");
	private static final Path EXAMPLES = K8S.resolve("examples");
	private static final String CONTAINER = "webwork-sync";
	private static final String PLACEHOLDER = "REPLACE_ME";
	private static final Set<String> SECRET_VARIABLES = Set.of("WEBWORK_API_TOKEN", "WAREHOUSE_PASSWORD");
	private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(token|password|passwd|secret|api_?key|credential).*");
	private static final Duration MAX_MARGIN = Duration.ofMinutes(15);
	private static final JsonMapper JSON = JsonMapper.builder().build();

	// ---------------------------------------------------------------------------------------------
	// Dockerfile

	@Test
	void dockerfileIsMultiStageNonRootExecFormAndCarriesNoSecrets() throws IOException {
		assertThat(dockerfileProblems(dockerfile())).isEmpty();
	}

	@Test
	void dockerfileUserIsTheUidTheManifestsRunAs() throws IOException {
		List<Stage> stages = stages(dockerfile());
		String uid = last(stages.get(stages.size() - 1), "USER").split(":")[0];
		for (Map<String, Object> resource : List.of(cronJobSpec(), backfillJob())) {
			assertThat(String.valueOf(map(podSpec(resource), "securityContext").get("runAsUser"))).isEqualTo(uid);
		}
	}

	@Test
	void dockerignoreKeepsBuildOutputLocalDataAndGitOutOfTheContext() throws IOException {
		Set<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"))
			.stream()
			.map(String::strip)
			.filter(line -> !line.isEmpty() && !line.startsWith("#"))
			.map(line -> line.replaceAll("^/|/$", ""))
			.collect(Collectors.toSet());
		assertThat(ignored).contains("target", "data", ".git");
	}

	private static int indexOf(List<String> copies, String part) {
		for (int i = 0; i < copies.size(); i++) {
			if (copies.get(i).contains(part)) {
				return i;
			}
		}
		return -1;
	}

	static Stream<Arguments> brokenDockerfiles() {
		return Stream.of(
				Arguments.of("root user", (Mutation) d -> d.replace("USER 10001:10001", "USER root"), "USER"),
				Arguments.of("uid 0", (Mutation) d -> d.replace("USER 10001:10001", "USER 0:0"), "USER"),
				Arguments.of("no user", (Mutation) d -> d.replace("USER 10001:10001\n", ""), "USER"),
				Arguments.of("user only in the build stage",
						(Mutation) d -> d.replace("USER 10001:10001\n", "").replace("WORKDIR /build\n", "WORKDIR /build\nUSER 10001\n"),
						"USER"),
				Arguments.of("shell-form entrypoint",
						(Mutation) d -> d.replaceAll("ENTRYPOINT \\[.*]", "ENTRYPOINT java -jar /app/webwork-sync.jar"),
						"ENTRYPOINT"),
				Arguments.of("entrypoint through a shell",
						(Mutation) d -> d.replaceAll("ENTRYPOINT \\[.*]", "ENTRYPOINT [\"sh\", \"-c\", \"java -jar /app/webwork-sync.jar\"]"),
						"ENTRYPOINT"),
				Arguments.of("no entrypoint", (Mutation) d -> d.replaceAll("ENTRYPOINT \\[.*]\n", ""), "ENTRYPOINT"),
				Arguments.of("single stage", (Mutation) d -> d.substring(d.indexOf("FROM eclipse-temurin:17-jre")), "multi-stage"),
				Arguments.of("the dependencies not copied", (Mutation) d -> d.replace("COPY --from=build /build/target/lib/ ./lib/\n", ""),
						"lib/"),
				Arguments.of("the jar copied before its dependencies",
						(Mutation) d -> d.replace("COPY --from=build /build/target/lib/ ./lib/\n", "")
							.replace("COPY --from=build /build/target/webwork-sync.jar ./\n",
									"COPY --from=build /build/target/webwork-sync.jar ./\nCOPY --from=build /build/target/lib/ ./lib/\n"),
						"lib/"),
				Arguments.of("the jar not copied", (Mutation) d -> d.replace("COPY --from=build /build/target/webwork-sync.jar ./\n", ""),
						"webwork-sync.jar"),
				Arguments.of("a nested-jar launcher", (Mutation) d -> d.replace("\"-jar\", \"/app/webwork-sync.jar\"",
						"\"org.springframework.boot.loader.launch.JarLauncher\""), "-jar"),
				Arguments.of("JDK at run time", (Mutation) d -> d.replace("FROM eclipse-temurin:17-jre", "FROM eclipse-temurin:17-jdk"), "17-jre"),
				Arguments.of("every platform's PostgreSQL in the image", (Mutation) d -> d.replace(" -Dimage=linux", ""), "-Dimage=linux"),
				Arguments.of("no build with the wrapper", (Mutation) d -> d.replace("./mvnw -B -ntp package", "true"), "mvnw"),
				Arguments.of("tests run in the image build", (Mutation) d -> d.replace("-Dmaven.test.skip=true", "-DskipTests"),
						"maven.test.skip"),
				Arguments.of("token as ARG", (Mutation) d -> d.replace("WORKDIR /app\n", "WORKDIR /app\nARG WEBWORK_API_TOKEN\n"), "secret"),
				Arguments.of("password as ENV",
						(Mutation) d -> d.replace("WORKDIR /app\n", "WORKDIR /app\nENV WAREHOUSE_PASSWORD=hunter2\n"), "secret"),
				Arguments.of("password in legacy ENV form", (Mutation) d -> d.replace("WORKDIR /app\n", "WORKDIR /app\nENV DB_PASSWD hunter2\n"), "secret"),
				Arguments.of("token written by RUN",
						(Mutation) d -> d.replace("WORKDIR /app\n", "WORKDIR /app\nRUN echo webwork.api.token=abc > application.properties\n"),
						"secret"),
				Arguments.of("no memory flags", (Mutation) d -> d.replace("-XX:MaxRAMPercentage=75", ""), "MaxRAMPercentage"),
				Arguments.of("the JVM's OOM exit (code 3, the deadline's)",
						(Mutation) d -> d.replace("-XX:MaxRAMPercentage=75", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"),
						"ExitOnOutOfMemoryError"),
				Arguments.of("the JVM's OOM crash (code 134)",
						(Mutation) d -> d.replace("-XX:MaxRAMPercentage=75", "-XX:MaxRAMPercentage=75 -XX:+CrashOnOutOfMemoryError"),
						"CrashOnOutOfMemoryError"),
				Arguments.of("an OOM command (kill -9: code 137)",
						(Mutation) d -> d.replace("-XX:MaxRAMPercentage=75", "-XX:MaxRAMPercentage=75 -XX:OnOutOfMemoryError=kill"),
						"OnOutOfMemoryError"),
				Arguments.of("the OOM flag in the entrypoint",
						(Mutation) d -> d.replace("[\"java\", ", "[\"java\", \"-XX:+ExitOnOutOfMemoryError\", "),
						"ExitOnOutOfMemoryError"),
				Arguments.of("another default command", (Mutation) d -> d.replace("CMD [\"sync\"]", "CMD [\"demo\"]"), "CMD"),
				Arguments.of("data directory not the user's", (Mutation) d -> d.replace("chown 10001:10001 /app/data", "true"), "/app/data"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenDockerfiles")
	void dockerfileChecksCatch(String what, Mutation mutation, String expected) throws IOException {
		String original = dockerfile();
		String broken = mutation.apply(original);
		assertThat(broken).as("the mutation changes the Dockerfile").isNotEqualTo(original);
		assertThat(dockerfileProblems(broken)).anySatisfy(problem -> assertThat(problem).contains(expected));
	}

	interface Mutation {

		String apply(String dockerfile);

	}

	record Instruction(String keyword, String args) {
	}

	record Stage(String image, String name, List<Instruction> instructions) {
	}

	static List<String> dockerfileProblems(String dockerfile) {
		List<String> problems = new ArrayList<>();
		List<Stage> stages = stages(dockerfile);
		if (stages.size() < 2) {
			problems.add("not a multi-stage build: " + stages.size() + " stage(s)");
			if (stages.isEmpty()) {
				return problems;
			}
		}
		Stage run = stages.get(stages.size() - 1);
		List<Stage> builders = stages.subList(0, stages.size() - 1);
		if (builders.stream().noneMatch(s -> s.image().equals("eclipse-temurin:17-jdk") && s.instructions()
			.stream()
			.anyMatch(i -> i.keyword().equals("RUN") && i.args().contains("./mvnw") && i.args().contains(" package")))) {
			problems.add("no build stage on eclipse-temurin:17-jdk runs ./mvnw ... package");
		}
		if (builders.stream().flatMap(st -> st.instructions().stream())
			.noneMatch(i -> i.keyword().equals("RUN") && i.args().contains("./mvnw") && i.args().contains("-Dimage=linux"))) {
			problems.add("the image's jar is not built with -Dimage=linux: it would carry macOS, Windows and Alpine PostgreSQL binaries");
		}
		if (builders.stream().flatMap(st -> st.instructions().stream())
			.noneMatch(i -> i.keyword().equals("RUN") && i.args().contains("./mvnw") && i.args().contains("-Dmaven.test.skip=true"))) {
			// the first surefire execution sets skipTests itself (pom.xml), and docs/ and k8s/ are not in the build context
			problems.add("the image's build does not skip the tests with -Dmaven.test.skip=true: they would run, and fail");
		}
		if (!run.image().equals("eclipse-temurin:17-jre")) {
			problems.add("the final stage runs on " + run.image() + ", not eclipse-temurin:17-jre");
		}
		Set<String> stageNames = builders.stream().map(Stage::name).filter(Objects::nonNull).collect(Collectors.toSet());
		List<String> copiedFromBuild = run.instructions()
			.stream()
			.filter(i -> i.keyword().equals("COPY"))
			.filter(i -> stageNames.stream().anyMatch(n -> i.args().startsWith("--from=" + n + " ")))
			.map(Instruction::args)
			.toList();
		int lib = indexOf(copiedFromBuild, "/target/lib/ ./lib/");
		int jar = indexOf(copiedFromBuild, "/target/webwork-sync.jar ");
		if (lib < 0) {
			problems.add("the final stage does not copy target/lib/ (the jar's dependencies) from a build stage to lib/");
		}
		if (jar < 0) {
			problems.add("the final stage does not copy target/webwork-sync.jar from a build stage");
		}
		if (lib >= 0 && jar >= 0 && jar < lib) {
			// the dependencies change least: their layer first, so a code change rebuilds only the jar's
			problems.add("the final stage copies webwork-sync.jar before lib/: every code change would rebuild the dependencies' layer");
		}

		String user = last(run, "USER");
		String uid = user == null ? null : user.split(":")[0].strip();
		if (uid == null) {
			problems.add("the final stage sets no USER: the container would run as root");
		}
		else if (uid.equals("0") || uid.equals("root") || !uid.matches("\\d+")) {
			problems.add("the final stage's USER " + user + " is root or not numeric (runAsNonRoot needs a numeric uid)");
		}
		else if (run.instructions()
			.stream()
			.noneMatch(i -> i.keyword().equals("RUN") && i.args().matches("(?s).*chown (" + uid + "|" + uid + ":\\d+) /app/data.*"))) {
			problems.add("/app/data (the embedded warehouse) is not made writable for USER " + uid);
		}

		String entrypoint = last(run, "ENTRYPOINT");
		List<String> exec = entrypoint == null ? null : execForm(entrypoint);
		if (exec == null) {
			problems.add("the final stage's ENTRYPOINT is missing or not exec form (a JSON array): " + entrypoint);
		}
		else {
			if (exec.isEmpty() || !exec.get(0).equals("java")) {
				problems.add("the ENTRYPOINT does not start the JVM directly (PID 1, SIGTERM, exit code): " + exec);
			}
			else if (!exec.subList(1, exec.size()).containsAll(List.of("-jar", "/app/webwork-sync.jar"))) {
				// the manifest's Class-Path finds lib/ beside the jar; no other launcher knows it
				problems.add("the ENTRYPOINT does not run java -jar /app/webwork-sync.jar: " + exec);
			}
		}
		String cmd = last(run, "CMD");
		if (cmd == null || !List.of("sync").equals(execForm(cmd))) {
			problems.add("the default CMD is not [\"sync\"]: " + cmd);
		}

		String jvm = run.instructions()
			.stream()
			.filter(i -> (i.keyword().equals("ENV") && i.args().matches("(?s).*(JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS).*"))
					|| i.keyword().equals("ENTRYPOINT"))
			.map(Instruction::args)
			.collect(Collectors.joining(" "));
		if (!jvm.contains("-XX:MaxRAMPercentage=")) {
			problems.add("the JVM does not get -XX:MaxRAMPercentage=");
		}
		// an OutOfMemoryError exits 5 (ExitCodes.OUT_OF_MEMORY, from the application): these flags would end the JVM
		// first, with 3 (the deadline's code), 134 (an abort and a core dump) or what their command gives (137 for kill -9)
		for (String flag : List.of("-XX:+ExitOnOutOfMemoryError", "-XX:+CrashOnOutOfMemoryError", "-XX:OnOutOfMemoryError")) {
			if (jvm.contains(flag)) {
				problems.add("the JVM gets " + flag + ": an OutOfMemoryError would not exit " + ExitCodes.OUT_OF_MEMORY);
			}
		}

		for (Stage stage : stages) {
			for (Instruction i : stage.instructions()) {
				if (i.keyword().equals("ENV") || i.keyword().equals("ARG")) {
					for (String name : declaredNames(i)) {
						if (SECRET_LIKE.matcher(name).matches()) {
							problems.add("a secret-like " + i.keyword() + " " + name + " would be baked into the image");
						}
					}
				}
				if (i.args().matches("(?is).*(WEBWORK_API_TOKEN|WAREHOUSE_PASSWORD|webwork\\.api\\.token|warehouse\\.password).*")) {
					problems.add("a secret is mentioned by " + i.keyword() + " " + i.args());
				}
			}
		}
		return problems;
	}

	/** The instructions, with comments dropped and continuation lines joined, split into stages at FROM. */
	static List<Stage> stages(String dockerfile) {
		List<Instruction> instructions = new ArrayList<>();
		StringBuilder current = null;
		for (String raw : dockerfile.split("\\R")) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			boolean continues = line.endsWith("\\");
			String piece = continues ? line.substring(0, line.length() - 1).strip() : line;
			current = current == null ? new StringBuilder(piece) : current.append(' ').append(piece);
			if (!continues) {
				String text = current.toString();
				int space = text.indexOf(' ');
				instructions.add(space < 0 ? new Instruction(text.toUpperCase(), "")
						: new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
				current = null;
			}
		}
		List<Stage> stages = new ArrayList<>();
		for (Instruction i : instructions) {
			if (i.keyword().equals("FROM")) {
				List<String> words = new ArrayList<>(List.of(i.args().split("\\s+")));
				words.removeIf(w -> w.startsWith("--"));
				String name = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : null;
				stages.add(new Stage(words.get(0), name, new ArrayList<>()));
			}
			else if (!stages.isEmpty()) {
				stages.get(stages.size() - 1).instructions().add(i);
			}
		}
		return stages;
	}

	private static String last(Stage stage, String keyword) {
		String found = null;
		for (Instruction i : stage.instructions()) {
			if (i.keyword().equals(keyword)) {
				found = i.args();
			}
		}
		return found;
	}

	/** The JSON array of an exec-form ENTRYPOINT/CMD, or null for the shell form. */
	private static List<String> execForm(String args) {
		try {
			JsonNode node = JSON.readTree(args);
			if (node == null || !node.isArray()) {
				return null;
			}
			List<String> words = new ArrayList<>();
			for (JsonNode word : node) {
				if (!word.isString()) {
					return null;
				}
				words.add(word.asString());
			}
			return words;
		}
		catch (RuntimeException notJson) {
			return null;
		}
	}

	/** ENV a=b c=d, ENV a b and ARG a[=b]: the names. */
	private static List<String> declaredNames(Instruction i) {
		String args = i.args();
		String first = args.split("[\\s=]", 2)[0];
		if (i.keyword().equals("ARG") || !args.split("\\s", 2)[0].contains("=")) {
			return List.of(first);
		}
		List<String> names = new ArrayList<>();
		Matcher m = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_.-]*)=").matcher(args);
		while (m.find()) {
			names.add(m.group(1));
		}
		return names;
	}

	// ---------------------------------------------------------------------------------------------
	// k8s: files, kustomization, names

	@Test
	void everyManifestParses() throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(K8S)) {
			files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
		}
		assertThat(files).contains(K8S.resolve("kustomization.yaml"), K8S.resolve("cronjob.yaml"),
				K8S.resolve("configmap.yaml"), EXAMPLES.resolve("backfill-job.yaml"), EXAMPLES.resolve("secret.example.yaml"));
		for (Path file : files) {
			List<Map<String, Object>> documents = documents(file);
			assertThat(documents).as(file.toString()).isNotEmpty();
			for (Map<String, Object> document : documents) {
				assertThat(document).as(file.toString()).containsKeys("apiVersion", "kind");
				if (!document.get("kind").equals("Kustomization") && !document.get("kind").equals("Component")) {
					assertThat(map(document, "metadata").keySet()).as(file.toString()).containsAnyOf("name", "generateName");
				}
			}
		}
	}

	@Test
	void theReceiverIsADeploymentWithProbesBehindAServiceAndHintRunsACronJobWithTheCronJobsPodSettings() throws IOException {
		List<Map<String, Object>> documents = documents(EXAMPLES.resolve("receiver.yaml"));
		Map<String, Object> deployment = documents.stream().filter(d -> "Deployment".equals(d.get("kind"))).findFirst()
			.orElseThrow();
		Map<String, Object> service = documents.stream().filter(d -> "Service".equals(d.get("kind"))).findFirst()
			.orElseThrow();
		Map<String, Object> container = container(deployment);
		assertThat(container.get("args")).isEqualTo(List.of("receive"));
		assertThat(container.get("image")).isEqualTo(container(backfillJob()).get("image"));
		assertThat(map(container, "readinessProbe", "httpGet").get("path")).isEqualTo("/readyz");
		assertThat(map(container, "livenessProbe", "httpGet").get("path")).isEqualTo("/livez");
		Map<String, Object> port = map(list(container, "ports").get(0));
		assertThat(String.valueOf(port.get("containerPort"))).isEqualTo(Variables.RECEIVER_PORT.defaultText());
		assertThat(list(container, "env").stream().map(e -> map(e).get("name")))
			.contains("WEBWORK_CREDENTIALS_KEY", "WAREHOUSE_PASSWORD");
		assertThat(map(container, "securityContext")).containsEntry("readOnlyRootFilesystem", true)
			.containsEntry("allowPrivilegeEscalation", false);
		Map<String, Object> pod = podSpec(deployment);
		assertThat(map(pod, "securityContext").get("runAsUser")).isEqualTo(map(podSpec(cronJob()), "securityContext")
			.get("runAsUser"));
		assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
		Map<String, Object> podLabels = map(map(deployment, "spec", "template", "metadata"), "labels");
		assertThat(podLabels).containsAllEntriesOf(map(map(service, "spec"), "selector"));
		assertThat(map(list(map(service, "spec"), "ports").get(0)).get("targetPort")).isEqualTo(port.get("name"));

		// the hint runs: a CronJob of `sync --hints` every minute, with the hourly Job's guarantees
		Map<String, Object> hints = documents.stream().filter(d -> "CronJob".equals(d.get("kind"))).findFirst()
			.orElseThrow();
		Map<String, Object> hintSpec = map(hints, "spec");
		Map<String, Object> hintJob = map(map(hintSpec, "jobTemplate"), "spec");
		assertThat(container(hintJob).get("args")).isEqualTo(List.of("sync", "--hints"));
		assertThat(container(hintJob).get("image")).isEqualTo(container.get("image"));
		assertThat(hintSpec.get("schedule")).isEqualTo("* * * * *");
		assertThat(hintSpec.get("concurrencyPolicy")).isEqualTo("Forbid");
		assertThat(jobProblems(hintJob, environment(configMapData(), container(hintJob)))).isEmpty();
		assertThat(firstActionFor(list(map(hintJob, "podFailurePolicy"), "rules"), 3))
			.as("a hint run stopped at its deadline is not retried: the next minute's run goes on").isEqualTo("FailJob");
	}

	@Test
	void kustomizationListsEveryManifestBesideItAndNothingThatOverwritesSecretsOrStartsJobs() throws IOException {
		Map<String, Object> kustomization = single(K8S.resolve("kustomization.yaml"));
		List<String> resources = strings(kustomization.get("resources"));
		Set<String> besideIt;
		try (Stream<Path> list = Files.list(K8S)) {
			besideIt = list.filter(Files::isRegularFile)
				.map(p -> p.getFileName().toString())
				.filter(n -> (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.equals("kustomization.yaml"))
				.collect(Collectors.toSet());
		}
		assertThat(besideIt).isNotEmpty();
		assertThat(resources).containsExactlyInAnyOrderElementsOf(besideIt);
		Set<String> kinds = new LinkedHashSet<>();
		for (String resource : resources) {
			assertThat(K8S.resolve(resource)).isRegularFile();
			documents(K8S.resolve(resource)).forEach(d -> kinds.add((String) d.get("kind")));
		}
		assertThat(kinds).containsExactlyInAnyOrder("ConfigMap", "CronJob");
		assertThat(kinds).as("`kubectl apply -k k8s` must not overwrite the real Secret or start a backfill")
			.doesNotContain("Secret", "Job");
	}

	@Test
	void theAlertsAreAnOptInComponentHoldingOnlyThePrometheusRule() throws IOException {
		Path component = K8S.resolve("components/alerts");
		Map<String, Object> kustomization = single(component.resolve("kustomization.yaml"));
		assertThat(kustomization.get("apiVersion")).isEqualTo("kustomize.config.k8s.io/v1alpha1");
		assertThat(kustomization.get("kind")).isEqualTo("Component");
		Set<String> besideIt;
		try (Stream<Path> list = Files.list(component)) {
			besideIt = list.map(p -> p.getFileName().toString())
				.filter(n -> !n.equals("kustomization.yaml"))
				.collect(Collectors.toSet());
		}
		assertThat(strings(kustomization.get("resources"))).containsExactlyInAnyOrderElementsOf(besideIt);
		Map<String, Object> rule = single(component.resolve("prometheusrule.yaml"));
		assertThat(rule.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
		assertThat(rule.get("kind")).isEqualTo("PrometheusRule");
		assertThat(list(map(rule, "spec"), "groups")).isNotEmpty();
		// opt-in: `kubectl apply -k k8s` must work in a cluster without the Prometheus Operator's CRDs
		Map<String, Object> root = single(K8S.resolve("kustomization.yaml"));
		assertThat(root).doesNotContainKey("components");
		assertThat(Files.readString(K8S.resolve("kustomization.yaml"))).contains("#   - components/alerts");
	}

	@Test
	void examplesCarryTheCommonLabelsThatTheKustomizationAddsToTheRest() throws IOException {
		Map<String, Object> kustomization = single(K8S.resolve("kustomization.yaml"));
		List<Object> labelSets = list(kustomization, "labels");
		assertThat(labelSets).hasSize(1);
		Map<String, Object> labels = map(labelSets.get(0), "pairs");
		assertThat(labels).containsEntry("app.kubernetes.io/name", "webwork-sync");
		assertThat(map(labelSets.get(0))).containsEntry("includeTemplates", true);
		Map<String, Object> backfill = backfillJob();
		assertThat(map(map(backfill, "metadata"), "labels")).containsAllEntriesOf(labels);
		assertThat(map(map(map(map(backfill, "spec"), "template"), "metadata"), "labels")).containsAllEntriesOf(labels);
		assertThat(map(map(secretExample(), "metadata"), "labels")).containsAllEntriesOf(labels);
	}

	@Test
	void theBackfillRunsTheImageTheKustomizationGivesTheCronJob() throws IOException {
		Map<String, Object> kustomization = single(K8S.resolve("kustomization.yaml"));
		Map<String, Object> image = map(list(kustomization, "images").get(0));
		assertThat(container(cronJobSpec()).get("image")).isEqualTo(image.get("name"));
		assertThat(container(backfillJob()).get("image")).isEqualTo(image.get("newName") + ":" + image.get("newTag"));
	}

	@Test
	void configMapIsValidConfigurationWithAnExternalWarehouseAndNoSecrets() throws IOException {
		Map<String, String> data = configMapData();
		Set<String> documented = documentedVariables();
		assertThat(documented).contains("WEBWORK_API_URL", "SYNC_DEADLINE", "WAREHOUSE_URL");
		assertThat(data.keySet()).as("only variables the application reads").isSubsetOf(documented);
		assertThat(data.keySet()).noneMatch(key -> SECRET_LIKE.matcher(key).matches());
		assertThat(data).containsKeys("WEBWORK_API_URL", "WAREHOUSE_URL", "WAREHOUSE_USERNAME", "SYNC_LOOKBACK_DAYS",
				"SYNC_DEADLINE", "WEBWORK_REQUESTS_PER_MINUTE");
		Settings settings = settings(data);
		assertThat(settings.embeddedWarehouse()).as("the root filesystem is read-only: no embedded warehouse").isFalse();
		assertThat(settings.deadline()).isNotNull();
		assertThat(settings.lookbackDays()).isEqualTo(31);
		assertThat(settings.requestsPerMinute()).isEqualTo(60);
	}

	@Test
	void secretExampleHoldsPlaceholdersForExactlyTheReferencedKeys() throws IOException {
		Map<String, Object> secret = secretExample();
		assertThat(secretProblems(secret)).isEmpty();
		Set<String> referenced = new LinkedHashSet<>();
		for (Map<String, Object> pod : List.of(cronJobSpec(), backfillJob())) {
			for (Object env : list(container(pod), "env")) {
				Object ref = map(env).get("valueFrom") == null ? null : map(map(env, "valueFrom")).get("secretKeyRef");
				if (ref != null) {
					assertThat(map(ref).get("name")).isEqualTo(map(secret, "metadata").get("name"));
					referenced.add((String) map(ref).get("key"));
				}
			}
		}
		assertThat(referenced).isEqualTo(map(secret, "stringData").keySet());
	}

	static Stream<Arguments> brokenSecrets() {
		return Stream.of(Arguments.of("a real-looking token", (Consumer<Map<String, Object>>) s -> map(s, "stringData").put("WEBWORK_API_TOKEN", "wwt_8f2c1e")),
				Arguments.of("base64 data", (Consumer<Map<String, Object>>) s -> s.put("data", Map.of("WAREHOUSE_PASSWORD", "aHVudGVyMg=="))),
				Arguments.of("a missing key", (Consumer<Map<String, Object>>) s -> map(s, "stringData").remove("WAREHOUSE_PASSWORD")),
				Arguments.of("not a Secret", (Consumer<Map<String, Object>>) s -> s.put("kind", "ConfigMap")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenSecrets")
	void secretChecksCatch(String what, Consumer<Map<String, Object>> mutation) throws IOException {
		Map<String, Object> secret = secretExample();
		mutation.accept(secret);
		assertThat(secretProblems(secret)).isNotEmpty();
	}

	static List<String> secretProblems(Map<String, Object> secret) {
		List<String> problems = new ArrayList<>();
		if (!"Secret".equals(secret.get("kind"))) {
			problems.add("not a Secret: " + secret.get("kind"));
		}
		if (secret.containsKey("data")) {
			problems.add("data: base64 values cannot be seen to be placeholders; use stringData");
		}
		Map<String, Object> values = secret.get("stringData") instanceof Map<?, ?> ? map(secret, "stringData") : Map.of();
		if (!values.keySet().containsAll(SECRET_VARIABLES)) {
			problems.add("stringData lacks some of " + SECRET_VARIABLES + ": " + values.keySet());
		}
		values.forEach((key, value) -> {
			if (!PLACEHOLDER.equals(value)) {
				problems.add(key + " holds something other than the placeholder " + PLACEHOLDER);
			}
		});
		return problems;
	}

	// ---------------------------------------------------------------------------------------------
	// CronJob and backfill Job invariants

	@Test
	void cronJobKeepsItsInvariants() throws IOException {
		assertThat(cronJobProblems(cronJob(), configMapData())).isEmpty();
	}

	@Test
	void cronJobRunsThePlainSyncCommand() throws IOException {
		List<String> args = strings(container(cronJobSpec()).get("args"));
		Command command = Command.parse(args.toArray(String[]::new), true, java.time.Clock.systemUTC());
		assertThat(command.name()).isEqualTo("sync");
		assertThat(command.from()).isNull();
	}

	@Test
	void backfillJobSharesThePodSettingsWithALongerDeadline() throws IOException {
		Map<String, Object> job = backfillJob();
		assertThat(job.get("kind")).isEqualTo("Job");
		Map<String, String> environment = environment(configMapData(), container(job));
		assertThat(jobProblems(map(job, "spec"), environment)).isEmpty();
		Duration backfillDeadline = settings(environment).deadline();
		Duration hourlyDeadline = settings(configMapData()).deadline();
		assertThat(backfillDeadline).isGreaterThan(hourlyDeadline);
		assertThat(((Number) map(job, "spec").get("activeDeadlineSeconds")).longValue())
			.isGreaterThan(((Number) map(map(cronJob(), "spec"), "jobTemplate", "spec").get("activeDeadlineSeconds")).longValue());

		Command command = Command.parse(strings(container(job).get("args")).toArray(String[]::new), true, java.time.Clock.systemUTC());
		assertThat(command.name()).isEqualTo("sync");
		assertThat(command.from()).hasToString("2025-01-01");
		assertThat(command.to()).hasToString("2025-12-31");

		Map<String, Object> cronPod = podSpec(cronJobSpec());
		Map<String, Object> backfillPod = podSpec(job);
		assertThat(backfillPod.get("securityContext")).isEqualTo(cronPod.get("securityContext"));
		assertThat(backfillPod.get("volumes")).isEqualTo(cronPod.get("volumes"));
		assertThat(backfillPod.get("restartPolicy")).isEqualTo(cronPod.get("restartPolicy"));
		for (String key : List.of("securityContext", "resources", "volumeMounts", "envFrom", "name")) {
			assertThat(container(job).get(key)).as(key).isEqualTo(container(cronJobSpec()).get(key));
		}
		assertThat(map(job, "spec").get("podFailurePolicy"))
			.isEqualTo(map(map(cronJob(), "spec"), "jobTemplate", "spec").get("podFailurePolicy"));
	}

	static Stream<Arguments> brokenCronJobs() {
		return Stream.of(
				broken("every minute", "schedule", c -> spec(c).put("schedule", "* * * * *")),
				broken("daily", "schedule", c -> spec(c).put("schedule", "5 3 * * *")),
				broken("no time zone", "timeZone", c -> spec(c).remove("timeZone")),
				broken("bad time zone", "timeZone", c -> spec(c).put("timeZone", "Mars/Olympus")),
				broken("overlapping runs", "concurrencyPolicy", c -> spec(c).put("concurrencyPolicy", "Allow")),
				broken("no starting deadline", "startingDeadlineSeconds", c -> spec(c).remove("startingDeadlineSeconds")),
				broken("no history limit", "successfulJobsHistoryLimit", c -> spec(c).remove("successfulJobsHistoryLimit")),
				broken("no failed history limit", "failedJobsHistoryLimit", c -> spec(c).remove("failedJobsHistoryLimit")),
				broken("Job deadline below SYNC_DEADLINE", "activeDeadlineSeconds", c -> job(c).put("activeDeadlineSeconds", 2900)),
				broken("Job deadline equal to SYNC_DEADLINE", "activeDeadlineSeconds", c -> job(c).put("activeDeadlineSeconds", 3000)),
				broken("Job deadline far above SYNC_DEADLINE", "activeDeadlineSeconds", c -> job(c).put("activeDeadlineSeconds", 3960)),
				broken("no Job deadline", "activeDeadlineSeconds", c -> job(c).remove("activeDeadlineSeconds")),
				broken("no backoff limit", "backoffLimit", c -> job(c).remove("backoffLimit")),
				broken("default backoff limit", "backoffLimit", c -> job(c).put("backoffLimit", 6)),
				broken("no pod failure policy", "podFailurePolicy", c -> job(c).remove("podFailurePolicy")),
				broken("exit code 2 retried", "exit code 2", c -> rules(c).removeIf(r -> exitCodes(r).contains(2))),
				broken("exit code 2 ignored first", "exit code 2", c -> rules(c).add(0, exitRule("Ignore", CONTAINER, 2))),
				broken("FailJob on another container", "exit code 2",
						c -> rules(c).replaceAll(r -> exitCodes(r).contains(2) ? exitRule("FailJob", "app", 2) : r)),
				broken("exit code 1 not retried", "exit code 1", c -> rules(c).add(0, exitRule("FailJob", CONTAINER, 1))),
				broken("exit code 4 retried", "exit code 4", c -> rules(c).removeIf(r -> exitCodes(r).contains(4))),
				broken("exit code 5 retried", "exit code 5", c -> rules(c).removeIf(r -> exitCodes(r).contains(5))),
				broken("exit code 5 ignored first", "exit code 5", c -> rules(c).add(0, exitRule("Ignore", CONTAINER, 5))),
				broken("disruptions counted", "DisruptionTarget", c -> rules(c).removeIf(r -> map(r).containsKey("onPodConditions"))),
				broken("pods restarted in place", "restartPolicy", c -> pod(c).put("restartPolicy", "OnFailure")),
				broken("no TTL", "ttlSecondsAfterFinished", c -> job(c).remove("ttlSecondsAfterFinished")),
				broken("no grace period", "terminationGracePeriodSeconds", c -> pod(c).remove("terminationGracePeriodSeconds")),
				broken("no resources", "resources", c -> container(c).remove("resources")),
				broken("no memory limit", "resources", c -> map(container(c), "resources", "limits").remove("memory")),
				broken("may run as root", "runAsNonRoot", c -> map(pod(c), "securityContext").put("runAsNonRoot", false)),
				broken("root uid", "runAsUser", c -> map(pod(c), "securityContext").put("runAsUser", 0)),
				broken("writable root filesystem", "readOnlyRootFilesystem",
						c -> map(container(c), "securityContext").put("readOnlyRootFilesystem", false)),
				broken("privilege escalation", "allowPrivilegeEscalation",
						c -> map(container(c), "securityContext").remove("allowPrivilegeEscalation")),
				broken("capabilities kept", "capabilities", c -> map(container(c), "securityContext").remove("capabilities")),
				broken("no /tmp", "/tmp", c -> container(c).remove("volumeMounts")),
				broken("/tmp not a volume of the pod", "/tmp", c -> pod(c).remove("volumes")),
				broken("literal token", "WEBWORK_API_TOKEN",
						c -> list(container(c), "env").replaceAll(e -> "WEBWORK_API_TOKEN".equals(map(e).get("name"))
								? new LinkedHashMap<>(Map.of("name", "WEBWORK_API_TOKEN", "value", "wwt_8f2c1e")) : e)),
				broken("no password", "WAREHOUSE_PASSWORD",
						c -> list(container(c), "env").removeIf(e -> "WAREHOUSE_PASSWORD".equals(map(e).get("name")))),
				broken("another secret-like literal", "DB_SECRET",
						c -> list(container(c), "env").add(new LinkedHashMap<>(Map.of("name", "DB_SECRET", "value", "x")))),
				broken("no ConfigMap", "envFrom", c -> container(c).remove("envFrom")),
				broken("renamed container", "container", c -> container(c).put("name", "app")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenCronJobs")
	void cronJobChecksCatch(String what, String expected, Consumer<Map<String, Object>> mutation) throws IOException {
		Map<String, Object> cronJob = cronJob();
		mutation.accept(cronJob);
		assertThat(cronJobProblems(cronJob, configMapData())).anySatisfy(problem -> assertThat(problem).contains(expected));
	}

	@Test
	void aLongerSyncDeadlineInTheConfigMapNeedsALongerJobDeadline() throws IOException {
		Map<String, String> data = new LinkedHashMap<>(configMapData());
		data.put("SYNC_DEADLINE", "60m");
		assertThat(cronJobProblems(cronJob(), data)).anySatisfy(p -> assertThat(p).contains("activeDeadlineSeconds"));
	}

	static List<String> cronJobProblems(Map<String, Object> cronJob, Map<String, String> configMap) {
		List<String> problems = new ArrayList<>();
		Map<String, Object> spec = map(cronJob, "spec");
		Object schedule = spec.get("schedule");
		if (!(schedule instanceof String s) || !s.strip().matches("([0-9]|[1-5][0-9]) \\* \\* \\* \\*")) {
			problems.add("schedule " + schedule + " is not hourly at a fixed minute");
		}
		Object zone = spec.get("timeZone");
		try {
			ZoneId.of(String.valueOf(zone));
		}
		catch (RuntimeException ex) {
			problems.add("timeZone " + zone + " is missing or not an IANA zone");
		}
		if (!"Forbid".equals(spec.get("concurrencyPolicy"))) {
			problems.add("concurrencyPolicy is " + spec.get("concurrencyPolicy") + ", not Forbid");
		}
		// Below 10 s the controller may never start a run; an hour or more lets a late run overlap the next slot.
		number(spec, "startingDeadlineSeconds", 10, 3599, problems);
		number(spec, "successfulJobsHistoryLimit", 1, 100, problems);
		number(spec, "failedJobsHistoryLimit", 1, 100, problems);
		Map<String, Object> jobSpec = map(map(spec, "jobTemplate"), "spec");
		Map<String, String> environment = environment(configMap, container(jobSpec));
		problems.addAll(jobProblems(jobSpec, environment));
		Long deadline = number(jobSpec, "activeDeadlineSeconds", 1, Long.MAX_VALUE, new ArrayList<>());
		if (deadline != null && deadline >= 3600) {
			problems.add("activeDeadlineSeconds " + deadline + " lets an hourly run reach the next one");
		}
		return problems;
	}

	/** The Job spec (the CronJob's jobTemplate.spec or a Job's spec) and the container's environment. */
	static List<String> jobProblems(Map<String, Object> jobSpec, Map<String, String> environment) {
		List<String> problems = new ArrayList<>();
		Duration syncDeadline;
		try {
			syncDeadline = settings(environment).deadline();
		}
		catch (RuntimeException ex) {
			syncDeadline = null;
			problems.add("the environment is not valid configuration: " + ex.getMessage());
		}
		Long active = number(jobSpec, "activeDeadlineSeconds", 1, Long.MAX_VALUE, problems);
		if (syncDeadline == null) {
			problems.add("SYNC_DEADLINE is not set: the run would be killed by activeDeadlineSeconds instead of stopping");
		}
		else if (active != null && (active <= syncDeadline.toSeconds() || active > syncDeadline.plus(MAX_MARGIN).toSeconds())) {
			problems.add("activeDeadlineSeconds " + active + " is not above SYNC_DEADLINE (" + syncDeadline.toSeconds()
					+ " s) by at most " + MAX_MARGIN.toMinutes() + " min");
		}
		number(jobSpec, "backoffLimit", 1, 5, problems);
		number(jobSpec, "ttlSecondsAfterFinished", 1, Long.MAX_VALUE, problems);
		problems.addAll(podFailurePolicyProblems(jobSpec));

		Map<String, Object> pod = map(map(jobSpec, "template"), "spec");
		if (!"Never".equals(pod.get("restartPolicy"))) {
			problems.add("restartPolicy is " + pod.get("restartPolicy") + ": podFailurePolicy requires Never");
		}
		number(pod, "terminationGracePeriodSeconds", 1, 600, problems);
		Map<String, Object> podSecurity = pod.get("securityContext") instanceof Map<?, ?> ? map(pod, "securityContext") : Map.of();
		if (!Boolean.TRUE.equals(podSecurity.get("runAsNonRoot"))) {
			problems.add("the pod's securityContext lacks runAsNonRoot: true");
		}
		if (!(podSecurity.get("runAsUser") instanceof Number uid) || uid.longValue() == 0) {
			problems.add("the pod's runAsUser is " + podSecurity.get("runAsUser") + ", not a non-root uid");
		}

		List<Object> containers = list(pod, "containers");
		if (containers.size() != 1 || !CONTAINER.equals(map(containers.get(0)).get("name"))) {
			problems.add("the pod does not have exactly one container named " + CONTAINER);
		}
		Map<String, Object> container = map(containers.get(0));
		Map<String, Object> security = container.get("securityContext") instanceof Map<?, ?> ? map(container, "securityContext") : Map.of();
		if (!Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
			problems.add("the container lacks readOnlyRootFilesystem: true");
		}
		if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
			problems.add("the container lacks allowPrivilegeEscalation: false");
		}
		Object drop = security.get("capabilities") instanceof Map<?, ?> c ? c.get("drop") : null;
		if (!(drop instanceof List<?> dropped) || !dropped.contains("ALL")) {
			problems.add("the container's capabilities do not drop ALL");
		}
		Map<?, ?> resources = container.get("resources") instanceof Map<?, ?> r ? r : Map.of();
		Map<?, ?> requests = resources.get("requests") instanceof Map<?, ?> r ? r : Map.of();
		Map<?, ?> limits = resources.get("limits") instanceof Map<?, ?> l ? l : Map.of();
		if (!requests.containsKey("cpu") || !requests.containsKey("memory") || !limits.containsKey("memory")) {
			problems.add("the container's resources lack requests.cpu, requests.memory or limits.memory: " + resources);
		}

		Set<String> emptyDirs = new LinkedHashSet<>();
		for (Object volume : pod.get("volumes") instanceof List<?> v ? v : List.of()) {
			if (map(volume).containsKey("emptyDir")) {
				emptyDirs.add((String) map(volume).get("name"));
			}
		}
		boolean tmp = false;
		for (Object mount : container.get("volumeMounts") instanceof List<?> m ? m : List.of()) {
			tmp |= "/tmp".equals(map(mount).get("mountPath")) && emptyDirs.contains(map(mount).get("name"))
					&& !Boolean.TRUE.equals(map(mount).get("readOnly"));
		}
		if (!tmp) {
			problems.add("no writable emptyDir is mounted at /tmp");
		}

		Map<String, Map<String, Object>> env = new LinkedHashMap<>();
		for (Object entry : container.get("env") instanceof List<?> e ? e : List.of()) {
			env.put((String) map(entry).get("name"), map(entry));
		}
		for (String secret : SECRET_VARIABLES) {
			Map<String, Object> entry = env.get(secret);
			Object ref = entry == null || !(entry.get("valueFrom") instanceof Map<?, ?> from) ? null : from.get("secretKeyRef");
			if (entry == null || entry.containsKey("value") || !(ref instanceof Map<?, ?>)) {
				problems.add(secret + " does not come from a secretKeyRef");
			}
		}
		env.forEach((name, entry) -> {
			if (entry.containsKey("value") && SECRET_LIKE.matcher(name).matches()) {
				problems.add(name + " is a secret-like literal env value");
			}
		});
		if (!(container.get("envFrom") instanceof List<?> from) || from.stream().noneMatch(f -> map(f).containsKey("configMapRef"))) {
			problems.add("no envFrom configMapRef: the configuration would be missing");
		}
		return problems;
	}

	static List<String> podFailurePolicyProblems(Map<String, Object> jobSpec) {
		List<String> problems = new ArrayList<>();
		if (!(jobSpec.get("podFailurePolicy") instanceof Map<?, ?> policy) || !(policy.get("rules") instanceof List<?> rules)) {
			problems.add("no podFailurePolicy with rules");
			return problems;
		}
		// The first rule that matches an exit code decides; 2, 4 and 5 must fail the Job, 1 must be retried.
		String exit2 = firstActionFor(rules, 2);
		if (!"FailJob".equals(exit2)) {
			problems.add("exit code 2 (configuration or authorization) does not fail the Job at once: " + exit2);
		}
		String exit4 = firstActionFor(rules, 4);
		if (!"FailJob".equals(exit4) && !"FailIndex".equals(exit4)) {
			problems.add("exit code 4 (another run holds the warehouse: nothing changed) is retried: " + exit4);
		}
		String exit5 = firstActionFor(rules, ExitCodes.OUT_OF_MEMORY);
		if (!"FailJob".equals(exit5) && !"FailIndex".equals(exit5)) {
			problems.add("exit code 5 (out of memory: a retry with the same memory fails on the same page) is retried: "
					+ exit5);
		}
		String exit1 = firstActionFor(rules, 1);
		if (exit1 != null) {
			problems.add("exit code 1 (worth retrying) is handled by " + exit1 + " instead of the backoff limit");
		}
		boolean disruptions = rules.stream()
			.anyMatch(r -> "Ignore".equals(map(r).get("action")) && map(r).get("onPodConditions") instanceof List<?> conditions
					&& conditions.stream().anyMatch(c -> "DisruptionTarget".equals(map(c).get("type"))));
		if (!disruptions) {
			problems.add("no Ignore rule on the DisruptionTarget condition: evictions would count as failures");
		}
		return problems;
	}

	private static String firstActionFor(List<?> rules, int exitCode) {
		for (Object rule : rules) {
			if (map(rule).get("onExitCodes") instanceof Map<?, ?> codes && CONTAINER.equals(codes.get("containerName"))
					&& "In".equals(codes.get("operator")) && codes.get("values") instanceof List<?> values
					&& values.contains(exitCode)) {
				return (String) map(rule).get("action");
			}
		}
		return null;
	}

	// ---------------------------------------------------------------------------------------------
	// helpers

	private static Arguments broken(String what, String expected, Consumer<Map<String, Object>> mutation) {
		return Arguments.of(what, expected, mutation);
	}

	private static Map<String, Object> spec(Map<String, Object> cronJob) {
		return map(cronJob, "spec");
	}

	private static Map<String, Object> job(Map<String, Object> cronJob) {
		return map(spec(cronJob), "jobTemplate", "spec");
	}

	private static Map<String, Object> pod(Map<String, Object> cronJob) {
		return map(job(cronJob), "template", "spec");
	}

	private static List<Object> rules(Map<String, Object> cronJob) {
		return list(map(job(cronJob), "podFailurePolicy"), "rules");
	}

	private static List<?> exitCodes(Object rule) {
		return map(rule).get("onExitCodes") instanceof Map<?, ?> codes ? (List<?>) codes.get("values") : List.of();
	}

	private static Map<String, Object> exitRule(String action, String container, int code) {
		return new LinkedHashMap<>(Map.of("action", action, "onExitCodes",
				new LinkedHashMap<>(Map.of("containerName", container, "operator", "In", "values", new ArrayList<>(List.of(code))))));
	}

	/** The only container of a CronJob, a Job or a Job spec. */
	private static Map<String, Object> container(Map<String, Object> resource) {
		return map(list(podSpec(resource), "containers").get(0));
	}

	private static Map<String, Object> podSpec(Map<String, Object> resource) {
		Map<String, Object> spec = resource.containsKey("template") ? resource : map(resource, "spec");
		if (spec.containsKey("jobTemplate")) {
			spec = map(spec, "jobTemplate", "spec");
		}
		return map(spec, "template", "spec");
	}

	private static Long number(Map<String, Object> map, String key, long min, long max, List<String> problems) {
		if (!(map.get(key) instanceof Number n)) {
			problems.add(key + " is not set");
			return null;
		}
		if (n.longValue() < min || n.longValue() > max) {
			problems.add(key + " is " + n + ", not within " + min + ".." + max);
		}
		return n.longValue();
	}

	/** What the container sees: the ConfigMap, overridden by the container's literal env values. */
	private static Map<String, String> environment(Map<String, String> configMap, Map<String, Object> container) {
		Map<String, String> environment = new LinkedHashMap<>(configMap);
		for (Object entry : container.get("env") instanceof List<?> env ? env : List.of()) {
			if (map(entry).get("value") != null) {
				environment.put((String) map(entry).get("name"), String.valueOf(map(entry).get("value")));
			}
		}
		return environment;
	}

	/** The application's own configuration check, fed the variables as the process environment. */
	private static Settings settings(Map<String, String> variables) {
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("k8s", new LinkedHashMap<>(variables)));
		return Settings.load(environment, new LinkedHashSet<>(new Catalog().names()), false);
	}

	/** The variables `--help` documents. */
	private static Set<String> documentedVariables() {
		Set<String> names = new LinkedHashSet<>();
		Matcher m = Pattern.compile("(?m)^\\s+([A-Z][A-Z0-9_]+)\\s").matcher(Command.usage());
		while (m.find()) {
			names.add(m.group(1));
		}
		return names;
	}

	private static String dockerfile() throws IOException {
		return Files.readString(ROOT.resolve("Dockerfile"));
	}

	private static Map<String, Object> cronJob() throws IOException {
		Map<String, Object> cronJob = single(K8S.resolve("cronjob.yaml"));
		assertThat(cronJob.get("kind")).isEqualTo("CronJob");
		return cronJob;
	}

	private static Map<String, Object> cronJobSpec() throws IOException {
		return map(map(cronJob(), "spec"), "jobTemplate", "spec");
	}

	private static Map<String, Object> backfillJob() throws IOException {
		return single(EXAMPLES.resolve("backfill-job.yaml"));
	}

	private static Map<String, Object> secretExample() throws IOException {
		return single(EXAMPLES.resolve("secret.example.yaml"));
	}

	private static Map<String, String> configMapData() throws IOException {
		Map<String, Object> configMap = single(K8S.resolve("configmap.yaml"));
		assertThat(configMap.get("kind")).isEqualTo("ConfigMap");
		for (Map<String, Object> pod : List.of(cronJobSpec(), backfillJob())) {
			assertThat(list(container(pod), "envFrom")).extracting(f -> map(map(f), "configMapRef").get("name"))
				.contains(map(configMap, "metadata").get("name"));
		}
		Map<String, String> data = new LinkedHashMap<>();
		map(configMap, "data").forEach((key, value) -> {
			assertThat(value).as("ConfigMap values are strings: " + key).isInstanceOf(String.class);
			data.put(key, (String) value);
		});
		return data;
	}

	private static Map<String, Object> single(Path file) throws IOException {
		List<Map<String, Object>> documents = documents(file);
		assertThat(documents).as(file.toString()).hasSize(1);
		return documents.get(0);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> documents(Path file) throws IOException {
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			for (Object document : yaml.loadAll(reader)) {
				if (document != null) {
					assertThat(document).as(file + " holds a mapping").isInstanceOf(Map.class);
					documents.add((Map<String, Object>) document);
				}
			}
		}
		return documents;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node, String... path) {
		Object current = node;
		for (String key : path) {
			assertThat(current).as("a mapping above " + key).isInstanceOf(Map.class);
			current = ((Map<String, Object>) current).get(key);
		}
		assertThat(current).as("a mapping at " + String.join(".", path)).isInstanceOf(Map.class);
		return (Map<String, Object>) current;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object node, String key) {
		Object value = map(node).get(key);
		assertThat(value).as("a list at " + key).isInstanceOf(List.class);
		return (List<Object>) value;
	}

	private static List<String> strings(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return ((List<?>) value).stream().map(String::valueOf).toList();
	}

}
