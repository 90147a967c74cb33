package com.webworksync.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.env.PropertyResolver;

import com.webworksync.auth.CredentialsKey;
import com.webworksync.client.ClientSettings;

/**
 * The whole configuration, read from Spring properties (environment variables bind by the
 * usual relaxed rules: WEBWORK_API_TOKEN is webwork.api.token) and checked before anything
 * connects anywhere. A bad value is a {@link ConfigurationException}: exit code 2, one line that
 * names the variable.
 */
public record Settings(String apiUrl, String token, List<Long> workspaceIds, int requestsPerMinute,
		String warehouseUrl, String warehouseUsername, String warehousePassword, Path embeddedDirectory,
		int embeddedPort, Set<String> streams, int lookbackDays, Duration deadline, Duration connectTimeout,
		Duration readTimeout, int maxAttempts, Duration initialBackoff, double verifyShare, List<Connection> connections,
		Shard shard, CredentialsKey credentialsKey, int credentialWarnDays, double sweepShare) {

	/**
	 * One token and what it syncs. {@code default} is WEBWORK_API_TOKEN (with WEBWORK_API_URL and
	 * WEBWORK_WORKSPACE_IDS); the others come from WEBWORK_CONNECTIONS_&lt;i&gt;_NAME, _TOKEN, _URL and
	 * _WORKSPACE_IDS.
	 *
	 * @param workspaceIds the workspaces to read (empty = all the token can read)
	 */
	public record Connection(String name, String apiUrl, String token, List<Long> workspaceIds, OAuth oauth) {

		public Connection {
			workspaceIds = List.copyOf(workspaceIds);
		}

		/** A connection with a personal access token. */
		public Connection(String name, String apiUrl, String token, List<Long> workspaceIds) {
			this(name, apiUrl, token, workspaceIds, null);
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
	public static final String DEFAULT_TOKEN_URL = "https://webwork-tracker.com/oauth/token";

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
	public static final String DEFAULT_CONNECTION = com.webworksync.streams.Partition.DEFAULT_CONNECTION;
	private static final Pattern CONNECTION_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
	private static final Pattern SHARD = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

	public static final String DEFAULT_API_URL = "https://api.webwork-tracker.com/api/v2";
	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

	public static Settings load(PropertyResolver env, Set<String> knownStreams, boolean tokenRequired) {
		String apiUrl = env.getProperty("webwork.api.url", DEFAULT_API_URL).trim();
		checkUrl(apiUrl, "WEBWORK_API_URL", "http", "https");
		String token = env.getProperty("webwork.api.token", "").trim();
		List<Connection> named = connections(env, apiUrl);
		OAuth defaultOAuth = oauth(env.getProperty("webwork.oauth.client-id", ""),
				env.getProperty("webwork.oauth.client-secret", ""), env.getProperty("webwork.oauth.refresh-token", ""),
				env.getProperty("webwork.oauth.token-url", ""), "WEBWORK_OAUTH_", DEFAULT_CONNECTION);
		if (defaultOAuth != null && !token.isEmpty()) {
			throw new ConfigurationException("WEBWORK_API_TOKEN and WEBWORK_OAUTH_CLIENT_ID are both set: the connection "
					+ "'default' uses one of them; unset WEBWORK_API_TOKEN to use OAuth2, or WEBWORK_OAUTH_* to use the token");
		}
		if (tokenRequired && token.isEmpty() && defaultOAuth == null && named.isEmpty()) {
			throw new ConfigurationException("WEBWORK_API_TOKEN is not set: create a personal access token in WebWork "
					+ "(Settings > REST API > Create Token) and export WEBWORK_API_TOKEN (or configure OAuth2 with "
					+ "WEBWORK_OAUTH_CLIENT_ID), or run 'demo' to try the sandbox.");
		}
		List<Long> workspaceIds = new ArrayList<>();
		for (String id : list(env.getProperty("webwork.workspace-ids", ""))) {
			try {
				workspaceIds.add(Long.parseLong(id));
			}
			catch (NumberFormatException ex) {
				throw new ConfigurationException("WEBWORK_WORKSPACE_IDS must be comma-separated workspace ids, got '" + id + "'");
			}
		}
		int rpm = integer(env, "webwork.requests-per-minute", "WEBWORK_REQUESTS_PER_MINUTE", 60, 1, 100_000);
		String warehouseUrl = env.getProperty("warehouse.url", "").trim();
		if (!warehouseUrl.isEmpty() && !warehouseUrl.matches("jdbc:postgresql://[^/?#\\s]+(/[^?\\s]*)?(\\?.*)?")) {
			throw new ConfigurationException("WAREHOUSE_URL must look like jdbc:postgresql://host:5432/database, got '"
					+ withoutPassword(warehouseUrl) + "'");
		}
		Set<String> streams = new LinkedHashSet<>(list(env.getProperty("sync.streams", "")));
		streams.remove("all");
		for (String stream : streams) {
			if (!knownStreams.contains(stream)) {
				throw new ConfigurationException("SYNC_STREAMS names an unknown stream '" + stream + "'; known streams: "
						+ String.join(", ", knownStreams));
			}
		}
		int lookback = integer(env, "sync.lookback-days", "SYNC_LOOKBACK_DAYS", 31, 1, 3660);
		String deadlineText = env.getProperty("sync.deadline", "").trim();
		Duration deadline = deadlineText.isEmpty() ? null : duration(deadlineText, "SYNC_DEADLINE");
		List<Connection> connections = new ArrayList<>();
		if (!token.isEmpty() || defaultOAuth != null) {
			connections.add(new Connection(DEFAULT_CONNECTION, apiUrl, token, workspaceIds, defaultOAuth));
		}
		for (Connection connection : named) {
			if (connections.stream().anyMatch(c -> c.name().equals(connection.name()))) {
				throw new ConfigurationException("WEBWORK_CONNECTIONS names the connection '" + connection.name()
						+ "' twice" + (connection.name().equals(DEFAULT_CONNECTION)
								? " ('default' is the connection of WEBWORK_API_TOKEN)" : ""));
			}
			connections.add(connection);
		}
		connections.sort(java.util.Comparator.comparing(Connection::name));
		Shard shard = shard(env);
		CredentialsKey key = CredentialsKey.parse(env.getProperty("webwork.credentials-key", ""));
		Connection firstOAuth = connections.stream().filter(Connection::usesOAuth).findFirst().orElse(null);
		if (firstOAuth != null && key == null) {
			throw new ConfigurationException("WEBWORK_CREDENTIALS_KEY is not set: OAuth2 (connection '" + firstOAuth.name()
					+ "') keeps each rotated refresh token encrypted in sync.credentials; create a key with "
					+ "'openssl rand -base64 32', export it as WEBWORK_CREDENTIALS_KEY and keep it (without it the stored tokens cannot be read)");
		}
		int warnDays = integer(env, "webwork.credential-warn-days", "WEBWORK_CREDENTIAL_WARN_DAYS", 14, 0, 3650);
		return new Settings(apiUrl, token, List.copyOf(workspaceIds), rpm, warehouseUrl,
				env.getProperty("warehouse.username", "postgres"), env.getProperty("warehouse.password", ""),
				Path.of(env.getProperty("warehouse.embedded.directory", "data/warehouse")),
				integer(env, "warehouse.embedded.port", "WAREHOUSE_EMBEDDED_PORT", 54329, 0, 65535), Set.copyOf(streams),
				lookback, deadline,
				duration(env.getProperty("webwork.connect-timeout", "10s"), "WEBWORK_CONNECT_TIMEOUT"),
				duration(env.getProperty("webwork.read-timeout", "60s"), "WEBWORK_READ_TIMEOUT"),
				integer(env, "webwork.max-attempts", "WEBWORK_MAX_ATTEMPTS", 6, 1, 100),
				duration(env.getProperty("webwork.initial-backoff", "2s"), "WEBWORK_INITIAL_BACKOFF"),
				share(env.getProperty("sync.verify-share", "0.10").trim(), "SYNC_VERIFY_SHARE", "0.10"),
				List.copyOf(connections), shard, key, warnDays,
				share(env.getProperty("sync.sweep-share", "0.30").trim(), "SYNC_SWEEP_SHARE", "0.30"));
	}

	/**
	 * The OAuth2 settings of one connection, or null when no client id is given. The client secret
	 * is required; without a refresh token the client-credentials grant is used.
	 */
	private static OAuth oauth(String clientId, String secret, String refreshToken, String tokenUrl, String prefix,
			String connection) {
		String id = clientId == null ? "" : clientId.trim();
		String rest = (secret == null ? "" : secret) + (refreshToken == null ? "" : refreshToken)
				+ (tokenUrl == null ? "" : tokenUrl);
		if (id.isEmpty()) {
			if (!rest.isBlank()) {
				throw new ConfigurationException(prefix + "CLIENT_ID is not set (connection '" + connection + "'): OAuth2 "
						+ "needs the client id of the app registered in WebWork (Settings > REST API > OAuth2 Apps)");
			}
			return null;
		}
		String clientSecret = secret == null ? "" : secret.trim();
		if (clientSecret.isEmpty()) {
			throw new ConfigurationException(prefix + "CLIENT_SECRET is not set (connection '" + connection
					+ "'): OAuth2 needs the app's client secret (shown once when the app is created in WebWork)");
		}
		String url = tokenUrl == null || tokenUrl.isBlank() ? DEFAULT_TOKEN_URL : tokenUrl.trim();
		try {
			URI uri = new URI(url);
			if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
				throw new IllegalArgumentException();
			}
		}
		catch (Exception ex) {
			throw new ConfigurationException(prefix + "TOKEN_URL must be an http(s) URL such as " + DEFAULT_TOKEN_URL
					+ ", got '" + url + "'");
		}
		return new OAuth(id, clientSecret, refreshToken == null ? "" : refreshToken.trim(), url, prefix);
	}

	/** True when any token is configured: WEBWORK_API_TOKEN or a WEBWORK_CONNECTIONS_&lt;i&gt;_TOKEN. */
	public static boolean anyToken(PropertyResolver env) {
		if (!env.getProperty("webwork.api.token", "").isBlank() || !env.getProperty("webwork.oauth.client-id", "").isBlank()) {
			return true;
		}
		try {
			return connections(env, DEFAULT_API_URL).stream().anyMatch(c -> !c.token().isBlank() || c.usesOAuth());
		}
		catch (ConfigurationException ex) {
			return true; // a connection is configured, if badly: loading the settings reports it
		}
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

	/** WEBWORK_CONNECTIONS_&lt;i&gt;_…: bound by Spring Boot's relaxed rules, checked here. */
	private static List<Connection> connections(PropertyResolver env, String defaultUrl) {
		List<ConnectionProperties> bound;
		if (env instanceof org.springframework.core.env.ConfigurableEnvironment configurable) {
			try {
				bound = org.springframework.boot.context.properties.bind.Binder.get(configurable)
					.bind("webwork.connections",
							org.springframework.boot.context.properties.bind.Bindable.listOf(ConnectionProperties.class))
					.orElse(List.of());
			}
			catch (RuntimeException ex) {
				// never the message: it could quote a value
				throw new ConfigurationException("WEBWORK_CONNECTIONS must be given as indexed variables: "
						+ "WEBWORK_CONNECTIONS_0_NAME, WEBWORK_CONNECTIONS_0_TOKEN, WEBWORK_CONNECTIONS_0_WORKSPACE_IDS (optional), "
						+ "WEBWORK_CONNECTIONS_0_URL (optional), then _1_, _2_ …");
			}
		}
		else {
			bound = List.of();
		}
		List<Connection> connections = new ArrayList<>();
		for (int i = 0; i < bound.size(); i++) {
			ConnectionProperties p = bound.get(i);
			String prefix = "WEBWORK_CONNECTIONS_" + i + "_";
			String name = p == null || p.name() == null ? "" : p.name().trim();
			if (name.isEmpty()) {
				throw new ConfigurationException(prefix + "NAME is not set: every connection needs a name "
						+ "(lower-case letters, digits, '-' and '_', e.g. acme)");
			}
			if (!CONNECTION_NAME.matcher(name).matches()) {
				throw new ConfigurationException(prefix + "NAME must be lower-case letters, digits, '-' and '_' "
						+ "(at most 40, starting with a letter or digit), got '" + name + "'");
			}
			String token = p.token() == null ? "" : p.token().trim();
			OAuth oauth = oauth(p.oauthClientId(), p.oauthClientSecret(), p.oauthRefreshToken(), p.oauthTokenUrl(),
					prefix + "OAUTH_", name);
			if (token.isEmpty() && oauth == null) {
				throw new ConfigurationException(prefix + "TOKEN is not set (connection '" + name
						+ "'): every connection needs its own personal access token (or OAuth2: " + prefix + "OAUTH_CLIENT_ID)");
			}
			if (!token.isEmpty() && oauth != null) {
				throw new ConfigurationException(prefix + "TOKEN and " + prefix + "OAUTH_CLIENT_ID are both set (connection '"
						+ name + "'): a connection uses one of them");
			}
			String url = p.url() == null || p.url().isBlank() ? defaultUrl : p.url().trim();
			checkUrl(url, prefix + "URL", "http", "https");
			List<Long> ids = new ArrayList<>();
			for (String id : list(p.workspaceIds() == null ? "" : p.workspaceIds())) {
				try {
					ids.add(Long.parseLong(id));
				}
				catch (NumberFormatException ex) {
					throw new ConfigurationException(prefix + "WORKSPACE_IDS must be comma-separated workspace ids, got '" + id + "'");
				}
			}
			connections.add(new Connection(name, url, token, ids, oauth));
		}
		return connections;
	}

	/** How WEBWORK_CONNECTIONS_&lt;i&gt;_… bind; only checked values leave {@link #connections}. */
	public record ConnectionProperties(String name, String token, String workspaceIds, String url, String oauthClientId,
			String oauthClientSecret, String oauthRefreshToken, String oauthTokenUrl) {

		@Override
		public String toString() {
			return "ConnectionProperties[name=" + name + ", token=(hidden)]";
		}
	}

	/** SYNC_SHARD=i/n, or JOB_COMPLETION_INDEX (0-based, set by a Kubernetes Indexed Job) with SYNC_SHARD_COUNT. */
	private static Shard shard(PropertyResolver env) {
		String text = env.getProperty("sync.shard", "").trim();
		if (!text.isEmpty()) {
			Matcher m = SHARD.matcher(text);
			if (!m.matches()) {
				throw new ConfigurationException("SYNC_SHARD must be index/count with a 1-based index, such as 2/4, got '" + text + "'");
			}
			int index = Integer.parseInt(m.group(1));
			int count = Integer.parseInt(m.group(2));
			if (count < 1 || index < 1 || index > count) {
				throw new ConfigurationException("SYNC_SHARD must be index/count with 1 <= index <= count, such as 2/4, got '" + text + "'");
			}
			return new Shard(index, count);
		}
		String countText = env.getProperty("sync.shard-count", "").trim();
		if (countText.isEmpty()) {
			return Shard.ALL;
		}
		int count = integer(env, "sync.shard-count", "SYNC_SHARD_COUNT", 1, 1, 100_000);
		String indexText = env.getProperty("JOB_COMPLETION_INDEX", "").trim();
		if (indexText.isEmpty()) {
			throw new ConfigurationException("SYNC_SHARD_COUNT is set but JOB_COMPLETION_INDEX is not: run it as a Kubernetes "
					+ "Indexed Job (completionMode: Indexed), or set SYNC_SHARD=index/count instead");
		}
		int index;
		try {
			index = Integer.parseInt(indexText);
		}
		catch (NumberFormatException ex) {
			index = -1;
		}
		if (index < 0 || index >= count) {
			throw new ConfigurationException("JOB_COMPLETION_INDEX must be from 0 to SYNC_SHARD_COUNT - 1 (" + (count - 1)
					+ "), got '" + indexText + "'");
		}
		return new Shard(index + 1, count);
	}

	public boolean embeddedWarehouse() {
		return warehouseUrl.isEmpty();
	}

	@Override
	public String toString() {
		return "Settings[apiUrl=" + apiUrl + ", token=(hidden), connections="
				+ connections.stream().map(Connection::name).toList() + ", shard=" + shard + ", warehouse="
				+ withoutPassword(warehouseUrl) + "]";
	}

	/** A JDBC URL may carry password=…; logs and messages never show it. */
	public static String withoutPassword(String url) {
		return url.replaceAll("(?i)(password=)[^&]*", "$1***");
	}

	private static void checkUrl(String url, String variable, String... schemes) {
		try {
			URI uri = new URI(url);
			if (uri.getHost() == null || !Arrays.asList(schemes).contains(uri.getScheme())) {
				throw new IllegalArgumentException();
			}
		}
		catch (Exception ex) {
			throw new ConfigurationException(variable + " must be an http(s) URL such as " + DEFAULT_API_URL + ", got '" + url + "'");
		}
	}

	private static int integer(PropertyResolver env, String key, String variable, int fallback, int min, int max) {
		String text = env.getProperty(key, Integer.toString(fallback)).trim();
		try {
			int value = Integer.parseInt(text);
			if (value < min || value > max) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new ConfigurationException(variable + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
		}
	}

	static Duration duration(String text, String variable) {
		Matcher m = DURATION.matcher(text.trim());
		if (!m.matches()) {
			throw new ConfigurationException(variable + " must be a duration such as 50m, 90s or 2h, got '" + text + "'");
		}
		long n = Long.parseLong(m.group(1));
		return switch (m.group(2)) {
			case "ms" -> Duration.ofMillis(n);
			case "s" -> Duration.ofSeconds(n);
			case "m" -> Duration.ofMinutes(n);
			default -> Duration.ofHours(n);
		};
	}

	/** The pools: every workspace id two or more connections (all shards) name, to their names. */
	public Map<Long, List<String>> pools() {
		return pools(connections);
	}

	public static Map<Long, List<String>> pools(List<Connection> all) {
		Map<Long, java.util.Set<String>> naming = new java.util.TreeMap<>();
		for (Connection connection : all) {
			connection.workspaceIds().forEach(id -> naming.computeIfAbsent(id, i -> new java.util.TreeSet<>()).add(connection.name()));
		}
		Map<Long, List<String>> pools = new java.util.TreeMap<>();
		naming.forEach((id, names) -> {
			if (names.size() > 1) {
				pools.put(id, List.copyOf(names));
			}
		});
		return Map.copyOf(pools);
	}

	private static double share(String text, String variable, String example) {
		try {
			double share = Double.parseDouble(text);
			if (share < 0 || share > 1) {
				throw new NumberFormatException();
			}
			return share;
		}
		catch (NumberFormatException ex) {
			throw new ConfigurationException(variable + " must be a fraction from 0 to 1 such as " + example + ", got '"
					+ text + "'");
		}
	}

	private static List<String> list(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
	}
}
