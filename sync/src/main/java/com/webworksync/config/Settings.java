package com.webworksync.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.core.env.PropertyResolver;

import com.webworksync.client.ClientSettings;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;

/**
 * The whole configuration, read from Spring properties (environment variables bind by the
 * usual relaxed rules: WEBWORK_API_TOKEN is webwork.api.token) and checked before anything
 * connects anywhere. A bad value is a {@link ConfigurationException}: exit code 2, one line that
 * names the variable.
 *
 * @param warehouse WAREHOUSE_URL with its login resolved (user and password from the URL or the variables), the
 *        URL as messages show it (password masked)
 */
public record Settings(String apiUrl, String token, List<Long> workspaceIds, int requestsPerMinute,
		WarehouseUrl warehouse, Path embeddedDirectory, int embeddedPort, Set<String> streams, int lookbackDays, Duration deadline, Duration connectTimeout,
		Duration readTimeout, int maxAttempts, Duration initialBackoff, double verifyShare, List<Connection> connections,
		Shard shard, KeyBytes credentialsKey, int credentialWarnDays, double sweepShare,
		LocalDate startDate, Map<String, Duration> freshnessGoals) {

	/**
	 * One token and what it syncs. {@code default} is WEBWORK_API_TOKEN (with WEBWORK_API_URL and
	 * WEBWORK_WORKSPACE_IDS); the others come from WEBWORK_CONNECTIONS_&lt;i&gt;_NAME, _TOKEN, _URL and
	 * _WORKSPACE_IDS.
	 *
	 * @param workspaceIds the workspaces to read (empty = all the token can read)
	 */
	public record Connection(String name, String apiUrl, String token, List<Long> workspaceIds, OAuth oauth,
			LocalDate startDate) {

		public Connection {
			workspaceIds = List.copyOf(workspaceIds);
		}

		/** A connection with a personal access token. */
		public Connection(String name, String apiUrl, String token, List<Long> workspaceIds) {
			this(name, apiUrl, token, workspaceIds, null, null);
		}

		/** True when the connection authenticates with OAuth2 instead of a personal access token. */
		public boolean usesOAuth() {
			return oauth != null;
		}

		public boolean includes(long workspaceId) {
			return workspaceIds.isEmpty() || workspaceIds.contains(workspaceId);
		}

		@Override
		public String toString() {
			return "Connection[name=" + name + ", apiUrl=" + apiUrl + ", token=(hidden), workspaceIds=" + workspaceIds
					+ (oauth == null ? "" : ", oauth=" + oauth) + "]";
		}
	}

	/**
	 * OAuth2 instead of a personal access token: the refresh-token grant when a refresh token is
	 * given (WebWork rotates it: each exchange returns a new one, stored in sync.credentials), the
	 * client-credentials grant otherwise.
	 *
	 * @param variables the prefix of the variables that configure it, for messages:
	 *        {@code WEBWORK_OAUTH_} or {@code WEBWORK_CONNECTIONS_<i>_OAUTH_}
	 */
	public record OAuth(String clientId, String clientSecret, String refreshToken, String tokenUrl, String variables) {

		public boolean clientCredentials() {
			return refreshToken.isEmpty();
		}

		@Override
		public String toString() {
			return "OAuth[clientId=" + clientId + ", clientSecret=(hidden), refreshToken=(hidden), tokenUrl=" + tokenUrl + "]";
		}
	}

	/** The token URL the API documentation implies but does not show. */
	public static final String DEFAULT_TOKEN_URL = Variables.OAUTH_TOKEN_URL.defaultText();

	/**
	 * The part of the connections this process syncs: connections sorted by name, the i-th (from
	 * 0) goes to shard {@code i % count + 1}.
	 *
	 * @param index 1-based
	 */
	public record Shard(int index, int count) {

		public static final Shard ALL = new Shard(1, 1);

		public <T> List<T> pick(List<T> sortedByName) {
			List<T> mine = new ArrayList<>();
			for (int i = 0; i < sortedByName.size(); i++) {
				if (i % count == index - 1) {
					mine.add(sortedByName.get(i));
				}
			}
			return mine;
		}

		public boolean sharded() {
			return count > 1;
		}

		@Override
		public String toString() {
			return index + "/" + count;
		}
	}

	/** The name of the connection configured by WEBWORK_API_TOKEN. */
	public static final String DEFAULT_CONNECTION = Partition.DEFAULT_CONNECTION;

	public static final String DEFAULT_API_URL = Variables.API_URL.defaultText();

	/** Reads and checks every variable (see {@link SettingsLoader}); a mistake is a {@link ConfigurationException}. */
	public static Settings load(PropertyResolver env, Set<String> knownStreams, boolean tokenRequired) {
		return SettingsLoader.load(env, knownStreams, tokenRequired);
	}

	/** True when any token is configured: WEBWORK_API_TOKEN or a WEBWORK_CONNECTIONS_&lt;i&gt;_TOKEN. */
	public static boolean anyToken(PropertyResolver env) {
		return SettingsLoader.anyToken(env);
	}

	/**
	 * The first day a workspace's history is to reach: the earliest start date among this process's connections
	 * that read it (a connection's own, else SYNC_START_DATE); null when none is set.
	 */
	public LocalDate startDate(long workspaceId) {
		return activeConnections().stream()
			.filter(connection -> connection.includes(workspaceId))
			.map(connection -> connection.startDate() == null ? startDate : connection.startDate())
			.filter(Objects::nonNull)
			.min(LocalDate::compareTo)
			.orElse(null);
	}

	/** How old a stream's last success may be: SYNC_FRESHNESS_GOALS, else the stream's default. */
	public Duration freshnessGoal(StreamDef stream) {
		return freshnessGoals.getOrDefault(stream.name(), stream.defaultFreshnessGoal());
	}

	/** The connections this process syncs: its shard of all of them, sorted by name. */
	public List<Connection> activeConnections() {
		return shard.pick(connections);
	}

	/**
	 * How many 429s one request may meet before it fails. A 429 is the API asking us to wait, not an error: the
	 * budget already paces under the limit, so many in a row mean another client shares the token, and waiting
	 * each one out (Retry-After) is still right for a long while.
	 */
	static final int RATE_LIMIT_RETRIES = 50;

	/** The longest wait between two attempts of a request: the API's rate-limit window. */
	static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

	/** The API client settings of one connection. */
	public ClientSettings client(Connection connection) {
		return new ClientSettings(connection.apiUrl(), connection.token(), connectTimeout, readTimeout, maxAttempts,
				RATE_LIMIT_RETRIES, initialBackoff, MAX_BACKOFF);
	}

	public boolean embeddedWarehouse() {
		return warehouse.jdbcUrl().isEmpty();
	}

	@Override
	public String toString() {
		return "Settings[apiUrl=" + apiUrl + ", token=(hidden), connections="
				+ connections.stream().map(Connection::name).toList() + ", shard=" + shard + ", warehouse="
				+ warehouse.shown() + "]";
	}

	/** The pools: every workspace id two or more connections (all shards) name, to their names. */
	public Map<Long, List<String>> pools() {
		return pools(connections);
	}

	public static Map<Long, List<String>> pools(List<Connection> all) {
		Map<Long, Set<String>> naming = new TreeMap<>();
		for (Connection connection : all) {
			connection.workspaceIds().forEach(id -> naming.computeIfAbsent(id, i -> new TreeSet<>()).add(connection.name()));
		}
		Map<Long, List<String>> pools = new TreeMap<>();
		naming.forEach((id, names) -> {
			if (names.size() > 1) {
				pools.put(id, List.copyOf(names));
			}
		});
		return Map.copyOf(pools);
	}
}
