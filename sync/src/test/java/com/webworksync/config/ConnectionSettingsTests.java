package com.webworksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import com.webworksync.config.Settings.Connection;
import com.webworksync.config.Settings.Shard;

/** Many connections and the shard of them a process syncs, from environment variables, checked. */
@Tag("plain")
class ConnectionSettingsTests {

	private static final Set<String> STREAMS = Set.of("members", "projects");

	@Test
	void aSingleTokenIsTheDefaultConnection() {
		Settings settings = Settings.load(new MockEnvironment().withProperty("webwork.api.token", "tok-1")
			.withProperty("webwork.workspace-ids", "7,8"), STREAMS, true);
		assertThat(settings.connections()).extracting(Connection::name).containsExactly("default");
		assertThat(settings.activeConnections()).singleElement().satisfies(c -> {
			assertThat(c.workspaceIds()).containsExactly(7L, 8L);
			assertThat(c.apiUrl()).isEqualTo(Settings.DEFAULT_API_URL);
		});
		assertThat(settings.shard()).isEqualTo(Shard.ALL);
	}

	@Test
	void connectionsBindFromIndexedEnvironmentVariables() {
		Settings settings = Settings.load(env(Map.of("WEBWORK_CONNECTIONS_0_NAME", "globex",
				"WEBWORK_CONNECTIONS_0_TOKEN", "tok-globex", "WEBWORK_CONNECTIONS_0_WORKSPACE_IDS", "1, 2",
				"WEBWORK_CONNECTIONS_1_NAME", "acme", "WEBWORK_CONNECTIONS_1_TOKEN", "tok-acme",
				"WEBWORK_CONNECTIONS_1_URL", "http://127.0.0.1:9/api/v2")), STREAMS, true);
		assertThat(settings.connections()).extracting(Connection::name).as("sorted by name").containsExactly("acme", "globex");
		Connection acme = settings.connections().get(0);
		assertThat(acme.apiUrl()).isEqualTo("http://127.0.0.1:9/api/v2");
		assertThat(acme.workspaceIds()).isEmpty();
		assertThat(settings.connections().get(1).workspaceIds()).containsExactly(1L, 2L);
		assertThat(settings.connections().get(1).apiUrl()).isEqualTo(Settings.DEFAULT_API_URL);
		assertThat(Settings.anyToken(env(Map.of("WEBWORK_CONNECTIONS_0_NAME", "a", "WEBWORK_CONNECTIONS_0_TOKEN", "t"))))
			.as("a connection's token makes 'sync' the default command").isTrue();
		assertThat(settings.toString() + settings.connections()).doesNotContain("tok-acme").doesNotContain("tok-globex");
	}

	@Test
	void theDefaultConnectionAndNamedOnesTogether() {
		Settings settings = Settings.load(new MockEnvironment().withProperty("webwork.api.token", "tok-1")
			.withProperty("webwork.connections[0].name", "zeta")
			.withProperty("webwork.connections[0].token", "tok-z")
			.withProperty("webwork.connections[1].name", "acme")
			.withProperty("webwork.connections[1].token", "tok-a"), STREAMS, true);
		assertThat(settings.connections()).extracting(Connection::name).containsExactly("acme", "default", "zeta");
	}

	@Test
	void shardsSplitTheConnectionsSortedByNameRoundRobin() {
		List<String> names = List.of("a", "b", "c", "d", "e");
		assertThat(new Shard(1, 2).pick(names)).containsExactly("a", "c", "e");
		assertThat(new Shard(2, 2).pick(names)).containsExactly("b", "d");
		assertThat(new Shard(3, 4).pick(names)).containsExactly("c");
		assertThat(new Shard(4, 4).pick(names)).containsExactly("d");
		assertThat(new Shard(1, 4).pick(names)).containsExactly("a", "e");
		assertThat(Shard.ALL.pick(names)).isEqualTo(names);
		for (int count = 1; count <= 6; count++) {
			List<String> all = new java.util.ArrayList<>();
			for (int index = 1; index <= count; index++) {
				all.addAll(new Shard(index, count).pick(names));
			}
			assertThat(all).as("every connection in exactly one of " + count + " shards").containsExactlyInAnyOrderElementsOf(names);
		}
	}

	@Test
	void syncShardAndTheIndexedJobsCompletionIndexPickTheShard() {
		Map<String, Object> three = Map.of("WEBWORK_CONNECTIONS_0_NAME", "c", "WEBWORK_CONNECTIONS_0_TOKEN", "t",
				"WEBWORK_CONNECTIONS_1_NAME", "a", "WEBWORK_CONNECTIONS_1_TOKEN", "t", "WEBWORK_CONNECTIONS_2_NAME", "b",
				"WEBWORK_CONNECTIONS_2_TOKEN", "t");
		Settings second = Settings.load(env(with(three, "SYNC_SHARD", "2/2")), STREAMS, true);
		assertThat(second.shard()).isEqualTo(new Shard(2, 2));
		assertThat(second.activeConnections()).extracting(Connection::name).containsExactly("b");
		Settings indexed = Settings.load(env(with(with(three, "JOB_COMPLETION_INDEX", "0"), "SYNC_SHARD_COUNT", "2")),
				STREAMS, true);
		assertThat(indexed.shard()).isEqualTo(new Shard(1, 2));
		assertThat(indexed.activeConnections()).extracting(Connection::name).containsExactly("a", "c");
		Settings alone = Settings.load(env(with(three, "JOB_COMPLETION_INDEX", "3")), STREAMS, true);
		assertThat(alone.shard()).as("an index without a count shards nothing").isEqualTo(Shard.ALL);
	}

	@Test
	void badConfigurationNamesTheVariableAndNeverTheToken() {
		assertBad(Map.of("WEBWORK_CONNECTIONS_0_NAME", "acme"), "WEBWORK_CONNECTIONS_0_TOKEN");
		assertBad(Map.of("WEBWORK_CONNECTIONS_0_TOKEN", "secret-77"), "WEBWORK_CONNECTIONS_0_NAME");
		assertBad(Map.of("WEBWORK_CONNECTIONS_0_NAME", "Acme Inc", "WEBWORK_CONNECTIONS_0_TOKEN", "secret-77"),
				"WEBWORK_CONNECTIONS_0_NAME");
		assertBad(Map.of("WEBWORK_CONNECTIONS_0_NAME", "a", "WEBWORK_CONNECTIONS_0_TOKEN", "secret-77",
				"WEBWORK_CONNECTIONS_0_WORKSPACE_IDS", "1,x"), "WEBWORK_CONNECTIONS_0_WORKSPACE_IDS");
		assertBad(Map.of("WEBWORK_CONNECTIONS_0_NAME", "a", "WEBWORK_CONNECTIONS_0_TOKEN", "secret-77",
				"WEBWORK_CONNECTIONS_0_URL", "ftp://x"), "WEBWORK_CONNECTIONS_0_URL");
		assertBad(Map.of("WEBWORK_CONNECTIONS_0_NAME", "a", "WEBWORK_CONNECTIONS_0_TOKEN", "secret-77",
				"WEBWORK_CONNECTIONS_1_NAME", "a", "WEBWORK_CONNECTIONS_1_TOKEN", "secret-78"), "WEBWORK_CONNECTIONS");
		assertBad(Map.of("WEBWORK_API_TOKEN", "secret-77", "SYNC_SHARD", "3/2"), "SYNC_SHARD");
		assertBad(Map.of("WEBWORK_API_TOKEN", "secret-77", "SYNC_SHARD", "x"), "SYNC_SHARD");
		assertBad(Map.of("WEBWORK_API_TOKEN", "secret-77", "SYNC_SHARD", "0/2"), "SYNC_SHARD");
		assertBad(Map.of("WEBWORK_API_TOKEN", "secret-77", "SYNC_SHARD_COUNT", "2"), "SYNC_SHARD_COUNT");
		assertBad(Map.of("WEBWORK_API_TOKEN", "secret-77", "SYNC_SHARD_COUNT", "2", "JOB_COMPLETION_INDEX", "2"),
				"JOB_COMPLETION_INDEX");
		assertBad(Map.of("WEBWORK_API_TOKEN", "secret-77", "SYNC_SHARD_COUNT", "0", "JOB_COMPLETION_INDEX", "0"),
				"SYNC_SHARD_COUNT");
	}

	private static void assertBad(Map<String, Object> variables, String variable) {
		assertThatThrownBy(() -> Settings.load(env(variables), STREAMS, true)).as(variables.toString())
			.isInstanceOf(ConfigurationException.class)
			.hasMessageStartingWith(variable)
			.hasMessageNotContaining("secret-7");
	}

	private static Map<String, Object> with(Map<String, Object> map, String key, String value) {
		Map<String, Object> copy = new LinkedHashMap<>(map);
		copy.put(key, value);
		return copy;
	}

	/** Variables as the process environment holds them (relaxed binding included). */
	private static StandardEnvironment env(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new LinkedHashMap<>(variables)));
		return environment;
	}

	@Test
	void oauthBindsFromEnvironmentVariablesForTheDefaultAndNamedConnections() {
		String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
		Settings settings = Settings.load(env(Map.of("WEBWORK_OAUTH_CLIENT_ID", "cid", "WEBWORK_OAUTH_CLIENT_SECRET",
				"sec-SECRET", "WEBWORK_OAUTH_REFRESH_TOKEN", "rt-SECRET", "WEBWORK_CREDENTIALS_KEY", key,
				"WEBWORK_CONNECTIONS_0_NAME", "acme", "WEBWORK_CONNECTIONS_0_OAUTH_CLIENT_ID", "acme-id",
				"WEBWORK_CONNECTIONS_0_OAUTH_CLIENT_SECRET", "acme-SECRET", "WEBWORK_CONNECTIONS_0_OAUTH_TOKEN_URL",
				"http://127.0.0.1:9/oauth/token")), STREAMS, true);
		Connection acme = settings.connections().get(0);
		Connection byDefault = settings.connections().get(1);
		assertThat(byDefault.oauth().clientId()).isEqualTo("cid");
		assertThat(byDefault.oauth().refreshToken()).isEqualTo("rt-SECRET");
		assertThat(byDefault.oauth().tokenUrl()).isEqualTo(Settings.DEFAULT_TOKEN_URL);
		assertThat(acme.oauth().clientCredentials()).as("no refresh token: client credentials").isTrue();
		assertThat(acme.oauth().tokenUrl()).isEqualTo("http://127.0.0.1:9/oauth/token");
		assertThat(settings.credentialWarnDays()).isEqualTo(14);
		assertThat(settings.toString() + settings.connections() + settings.credentialsKey()).doesNotContain("SECRET")
			.doesNotContain(key);
		assertThatThrownBy(() -> Settings.load(env(Map.of("WEBWORK_OAUTH_CLIENT_ID", "cid")), STREAMS, true))
			.hasMessageStartingWith("WEBWORK_OAUTH_CLIENT_SECRET is not set");
		assertThatThrownBy(() -> Settings.load(env(Map.of("WEBWORK_API_TOKEN", "t", "WEBWORK_OAUTH_CLIENT_ID", "cid",
				"WEBWORK_OAUTH_CLIENT_SECRET", "s", "WEBWORK_CREDENTIALS_KEY", key)), STREAMS, true))
			.hasMessageContaining("WEBWORK_API_TOKEN and WEBWORK_OAUTH_CLIENT_ID are both set");
		assertThatThrownBy(() -> Settings.load(env(Map.of("WEBWORK_API_TOKEN", "t", "WEBWORK_CREDENTIALS_KEY", "short")),
				STREAMS, true)).hasMessageStartingWith("WEBWORK_CREDENTIALS_KEY must be").hasMessageNotContaining("short");
	}
}
