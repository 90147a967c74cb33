package com.webworksync.config;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertyResolver;

/**
 * The variables of the connections and of the shard, read and checked: WEBWORK_CONNECTIONS_&lt;i&gt;_…, the OAuth2
 * variables of a connection, SYNC_SHARD and SYNC_SHARD_COUNT with JOB_COMPLETION_INDEX. Each bad value is one
 * {@link ConfigurationException} naming its variable (never quoting a secret).
 */
final class ConnectionVariables {

	private static final Pattern CONNECTION_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
	private static final Pattern SHARD = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

	/** How WEBWORK_CONNECTIONS_&lt;i&gt;_… bind; only checked values leave {@link #connections}. */
	public record ConnectionProperties(String name, String token, String workspaceIds, String url, String oauthClientId,
			String oauthClientSecret, String oauthRefreshToken, String oauthTokenUrl, String startDate) {

		@Override
		public String toString() {
			return "ConnectionProperties[name=" + name + ", token=(hidden)]";
		}
	}

	private ConnectionVariables() {
	}

	/**
	 * The OAuth2 settings of one connection, or null when no client id is given. The client secret
	 * is required; without a refresh token the client-credentials grant is used.
	 */
	static Settings.OAuth oauth(String clientId, String secret, String refreshToken, String tokenUrl, String prefix,
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
		String url = tokenUrl == null || tokenUrl.isBlank() ? Variables.OAUTH_TOKEN_URL.defaultValue()
				: Variables.OAUTH_TOKEN_URL.parseAs(tokenUrl, prefix + "TOKEN_URL");
		return new Settings.OAuth(id, clientSecret, refreshToken == null ? "" : refreshToken.trim(), url, prefix);
	}

	/** WEBWORK_CONNECTIONS_&lt;i&gt;_…: bound by Spring Boot's relaxed rules, checked here. */
	static List<Settings.Connection> connections(PropertyResolver env, String defaultUrl) {
		List<ConnectionProperties> bound;
		if (env instanceof ConfigurableEnvironment configurable) {
			try {
				bound = Binder.get(configurable)
					.bind("webwork.connections", Bindable.listOf(ConnectionProperties.class))
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
		List<Settings.Connection> connections = new ArrayList<>();
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
			Settings.OAuth oauth = oauth(p.oauthClientId(), p.oauthClientSecret(), p.oauthRefreshToken(), p.oauthTokenUrl(),
					prefix + "OAUTH_", name);
			if (token.isEmpty() && oauth == null) {
				throw new ConfigurationException(prefix + "TOKEN is not set (connection '" + name
						+ "'): every connection needs its own personal access token (or OAuth2: " + prefix + "OAUTH_CLIENT_ID)");
			}
			if (!token.isEmpty() && oauth != null) {
				throw new ConfigurationException(prefix + "TOKEN and " + prefix + "OAUTH_CLIENT_ID are both set (connection '"
						+ name + "'): a connection uses one of them");
			}
			String url = Variables.API_URL.parseAs(p.url() == null || p.url().isBlank() ? defaultUrl : p.url(), prefix + "URL");
			List<Long> ids = Variables.WORKSPACE_IDS.parseAs(p.workspaceIds() == null ? "" : p.workspaceIds(),
					prefix + "WORKSPACE_IDS");
			LocalDate startDate = p.startDate() == null || p.startDate().isBlank() ? null
					: Variables.START_DATE.parseAs(p.startDate(), prefix + "START_DATE");
			connections.add(new Settings.Connection(name, url, token, ids, oauth, startDate));
		}
		return connections;
	}

	/** SYNC_SHARD=i/n, or JOB_COMPLETION_INDEX (0-based, set by a Kubernetes Indexed Job) with SYNC_SHARD_COUNT. */
	static Settings.Shard shard(PropertyResolver env) {
		Settings.Shard shard = Variables.SHARD.read(env);
		if (shard != null) {
			return shard;
		}
		Integer count = Variables.SHARD_COUNT.read(env);
		if (count == null) {
			return Settings.Shard.ALL;
		}
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
		return new Settings.Shard(index + 1, count);
	}

	/** The check of SYNC_SHARD: index/count, 1-based. */
	static Settings.Shard parseShard(String given, String variable, String example) {
		String text = given.trim();
		Matcher m = SHARD.matcher(text);
		if (!m.matches()) {
			throw new ConfigurationException(variable + " must be index/count with a 1-based index, such as 2/4, got '" + text + "'");
		}
		int index = Integer.parseInt(m.group(1));
		int count = Integer.parseInt(m.group(2));
		if (count < 1 || index < 1 || index > count) {
			throw new ConfigurationException(variable + " must be index/count with 1 <= index <= count, such as 2/4, got '" + text + "'");
		}
		return new Settings.Shard(index, count);
	}
}
