package com.webworksync.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.env.PropertyResolver;

import com.webworksync.streams.StreamDef;

/** Reads {@link Settings} from the variables ({@link Variables}), checking each and how they go together. */
final class SettingsLoader {

	private SettingsLoader() {
	}

	static Settings load(PropertyResolver env, Set<String> knownStreams, boolean tokenRequired) {
		String apiUrl = Variables.API_URL.read(env);
		String token = Variables.API_TOKEN.read(env);
		List<Settings.Connection> named = ConnectionVariables.connections(env, apiUrl);
		Settings.OAuth defaultOAuth = ConnectionVariables.oauth(Variables.OAUTH_CLIENT_ID.given(env),
				Variables.OAUTH_CLIENT_SECRET.given(env), Variables.OAUTH_REFRESH_TOKEN.given(env),
				Variables.OAUTH_TOKEN_URL.given(env), "WEBWORK_OAUTH_", Settings.DEFAULT_CONNECTION);
		if (defaultOAuth != null && !token.isEmpty()) {
			throw new ConfigurationException("WEBWORK_API_TOKEN and WEBWORK_OAUTH_CLIENT_ID are both set: the connection "
					+ "'default' uses one of them; unset WEBWORK_API_TOKEN to use OAuth2, or WEBWORK_OAUTH_* to use the token");
		}
		if (tokenRequired && token.isEmpty() && defaultOAuth == null && named.isEmpty()) {
			throw new ConfigurationException("WEBWORK_API_TOKEN is not set: create a personal access token in WebWork "
					+ "(Settings > REST API > Create Token) and export WEBWORK_API_TOKEN (or configure OAuth2 with "
					+ "WEBWORK_OAUTH_CLIENT_ID), or run 'demo' to try the sandbox.");
		}
		List<Long> workspaceIds = Variables.WORKSPACE_IDS.read(env);
		int rpm = Variables.REQUESTS_PER_MINUTE.read(env);
		WarehouseUrl warehouse = Variables.WAREHOUSE_URL.read(env).withLogin(
				env.getProperty(Variables.WAREHOUSE_USERNAME.property()), env.getProperty(Variables.WAREHOUSE_PASSWORD.property()),
				Variables.WAREHOUSE_USERNAME.defaultValue());
		Set<String> streams = Variables.STREAMS.read(env);
		for (String stream : streams) {
			if (!knownStreams.contains(stream) && !stream.equals(StreamDef.ALL)) {
				throw new ConfigurationException("SYNC_STREAMS names an unknown stream '" + stream + "'; known streams: "
						+ String.join(", ", knownStreams));
			}
		}
		Map<String, Duration> goals = Variables.FRESHNESS_GOALS.read(env);
		for (String stream : goals.keySet()) {
			if (!knownStreams.contains(stream)) {
				throw new ConfigurationException("SYNC_FRESHNESS_GOALS names an unknown stream '" + stream
						+ "'; known streams: " + String.join(", ", knownStreams));
			}
		}
		int lookback = Variables.LOOKBACK_DAYS.read(env);
		Duration deadline = Variables.DEADLINE.read(env);
		List<Settings.Connection> connections = new ArrayList<>();
		if (!token.isEmpty() || defaultOAuth != null) {
			connections.add(new Settings.Connection(Settings.DEFAULT_CONNECTION, apiUrl, token, workspaceIds, defaultOAuth, null));
		}
		for (Settings.Connection connection : named) {
			if (connections.stream().anyMatch(c -> c.name().equals(connection.name()))) {
				throw new ConfigurationException("WEBWORK_CONNECTIONS names the connection '" + connection.name()
						+ "' twice" + (connection.name().equals(Settings.DEFAULT_CONNECTION)
								? " ('default' is the connection of WEBWORK_API_TOKEN)" : ""));
			}
			connections.add(connection);
		}
		connections.sort(Comparator.comparing(Settings.Connection::name));
		Settings.Shard shard = ConnectionVariables.shard(env);
		KeyBytes key = Variables.CREDENTIALS_KEY.read(env);
		Settings.Connection firstOAuth = connections.stream().filter(Settings.Connection::usesOAuth).findFirst().orElse(null);
		if (firstOAuth != null && key == null) {
			throw new ConfigurationException("WEBWORK_CREDENTIALS_KEY is not set: OAuth2 (connection '" + firstOAuth.name()
					+ "') keeps each rotated refresh token encrypted in sync.credentials; create a key with "
					+ "'openssl rand -base64 32', export it as WEBWORK_CREDENTIALS_KEY and keep it (without it the stored tokens cannot be read)");
		}
		int warnDays = Variables.CREDENTIAL_WARN_DAYS.read(env);
		return new Settings(apiUrl, token, workspaceIds, rpm, warehouse, Variables.EMBEDDED_DIRECTORY.read(env),
				Variables.EMBEDDED_PORT.read(env), Set.copyOf(streams), lookback, deadline,
				Variables.CONNECT_TIMEOUT.read(env), Variables.READ_TIMEOUT.read(env), Variables.MAX_ATTEMPTS.read(env),
				Variables.INITIAL_BACKOFF.read(env), Variables.VERIFY_SHARE.read(env), List.copyOf(connections), shard, key,
				warnDays, Variables.SWEEP_SHARE.read(env), Variables.START_DATE.read(env),
				Map.copyOf(goals));
	}

	/** True when any token is configured: WEBWORK_API_TOKEN or a WEBWORK_CONNECTIONS_&lt;i&gt;_TOKEN. */
	static boolean anyToken(PropertyResolver env) {
		if (!Variables.API_TOKEN.given(env).isBlank() || !Variables.OAUTH_CLIENT_ID.given(env).isBlank()) {
			return true;
		}
		try {
			return ConnectionVariables.connections(env, Settings.DEFAULT_API_URL).stream().anyMatch(c -> !c.token().isBlank() || c.usesOAuth());
		}
		catch (ConfigurationException ex) {
			return true; // a connection is configured, if badly: loading the settings reports it
		}
	}
}
