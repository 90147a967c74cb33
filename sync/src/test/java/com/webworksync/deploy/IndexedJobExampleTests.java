package com.webworksync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.webworksync.config.Settings;
import com.webworksync.streams.Catalog;

/**
 * k8s/examples/indexed-job.yaml is a working configuration: each index's pod (with the
 * ConfigMap) loads valid settings, the shards cover every connection exactly once, and the
 * Job's completions, parallelism and SYNC_SHARD_COUNT agree; a rejected token fails only its index.
 */
@Tag("plain")
class IndexedJobExampleTests {

	/** The sharded connections, and a pool of one workspace's three tokens over three pods. */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "indexed-job.yaml", "pool-indexed-job.yaml" })
	@SuppressWarnings("unchecked")
	void everyIndexSyncsItsShardAndTheShardsCoverEveryConnectionOnce(String file) throws IOException {
		Map<String, Object> cronJob = load(Path.of("k8s", "examples", file));
		assertThat(cronJob.get("kind")).isEqualTo("CronJob");
		Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) cronJob.get("spec")).get("jobTemplate");
		Map<String, Object> jobSpec = (Map<String, Object>) job.get("spec");
		assertThat(jobSpec).containsEntry("completionMode", "Indexed").containsKey("backoffLimitPerIndex");
		int completions = (Integer) jobSpec.get("completions");
		assertThat(jobSpec.get("parallelism")).isEqualTo(completions);
		Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) jobSpec.get("template")).get("spec");
		Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);

		Map<String, Object> variables = new LinkedHashMap<>();
		Map<String, Object> configMap = load(Path.of("k8s", "configmap.yaml"));
		variables.putAll((Map<String, Object>) configMap.get("data"));
		Set<String> names = new java.util.TreeSet<>();
		for (Map<String, Object> env : (List<Map<String, Object>>) container.get("env")) {
			String name = (String) env.get("name");
			// a secret's value is only known in the cluster: a stand-in
			variables.put(name, env.containsKey("value") ? env.get("value") : "from-secret-" + name);
			if (name.matches("WEBWORK_CONNECTIONS_\\d+_NAME")) {
				names.add((String) env.get("value"));
			}
		}
		assertThat(variables).as("no single-token connection besides the named ones").doesNotContainKey("WEBWORK_API_TOKEN");
		assertThat(variables.get("SYNC_SHARD_COUNT")).isEqualTo(Integer.toString(completions));
		List<String> synced = new ArrayList<>();
		for (int index = 0; index < completions; index++) {
			variables.put("JOB_COMPLETION_INDEX", Integer.toString(index));
			Settings settings = Settings.load(environment(variables), Set.copyOf(new Catalog().names()), true);
			assertThat(settings.activeConnections()).as("index " + index).isNotEmpty();
			settings.activeConnections().forEach(c -> synced.add(c.name()));
			if (file.startsWith("pool")) {
				assertThat(com.webworksync.connections.Pools.configured(settings.connections())).as("index " + index)
					.isEqualTo(Map.of(12345L, List.of("manager-1", "manager-2", "owner")));
			}
		}
		assertThat(synced).containsExactlyInAnyOrderElementsOf(names);
		List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) jobSpec.get("podFailurePolicy"))
			.get("rules");
		assertThat(rules).anySatisfy(rule -> {
			assertThat(rule.get("action")).isEqualTo("FailIndex");
			assertThat(((Map<String, Object>) rule.get("onExitCodes")).get("values")).isEqualTo(List.of(2));
		});
		assertThat(rules).noneSatisfy(rule -> assertThat(rule.get("action")).isEqualTo("FailJob"));
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new LinkedHashMap<>(variables)));
		return environment;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> load(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
	}
}
