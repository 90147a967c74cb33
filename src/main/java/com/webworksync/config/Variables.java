package com.webworksync.config;

import java.util.List;
import java.util.Locale;

/**
 * Every environment variable the job reads, once: what {@code --help} prints, and what a test
 * holds the README's configuration table and the properties the code reads against. Spring's
 * relaxed binding maps each name to its property ({@code SYNC_LOOKBACK_DAYS} is
 * {@code sync.lookback-days}).
 */
public final class Variables {

	/**
	 * One variable: the Spring property it binds to, its default as a user reads it, and what it
	 * does. Its name is the property in relaxed form (sync.lookback-days is SYNC_LOOKBACK_DAYS).
	 */
	public record Variable(String property, String defaultValue, String meaning) {

		public String name() {
			return property.startsWith("webwork.connections") ? "WEBWORK_CONNECTIONS_<i>_NAME" : relaxed(property);
		}
	}

	public static final List<Variable> ALL = List.of(
			new Variable("webwork.api.url", "https://api.webwork-tracker.com/api/v2", "API base URL"),
			new Variable("webwork.api.token", "required for sync", "personal access token of an Owner or Executive manager"),
			new Variable("webwork.workspace-ids", "all the token can read", "comma-separated workspace ids"),
			new Variable("webwork.connections[i].name", "none",
					"more tokens, i = 0, 1, …: a name, with _TOKEN, _WORKSPACE_IDS, _URL and _OAUTH_…; connections "
							+ "naming the same workspace id pool it (docs/connections.md)"),
			new Variable("webwork.oauth.client-id", "none", "OAuth2 instead of WEBWORK_API_TOKEN: the app's client id"),
			new Variable("webwork.oauth.client-secret", "none", "the app's client secret (required with the client id)"),
			new Variable("webwork.oauth.refresh-token", "none: client credentials",
					"the first refresh token only (rotated ones are kept, encrypted, in sync.credentials)"),
			new Variable("webwork.oauth.token-url", "https://webwork-tracker.com/oauth/token",
					"the token endpoint (inferred: the API docs do not show it)"),
			new Variable("webwork.credentials-key", "required with OAuth2",
					"base64 of 32 random bytes (openssl rand -base64 32): encrypts the stored tokens"),
			new Variable("webwork.credential-warn-days", "14", "WARN on every run this many days before a token expires"),
			new Variable("webwork.requests-per-minute", "60", "the API's limit for each token"),
			new Variable("webwork.read-timeout", "60s", "HTTP read timeout"),
			new Variable("webwork.connect-timeout", "10s", "HTTP connect timeout"),
			new Variable("webwork.max-attempts", "6", "attempts per request on 5xx, I/O errors and malformed bodies"),
			new Variable("webwork.initial-backoff", "2s", "the first retry's back-off (doubled, with jitter, each attempt)"),
			new Variable("warehouse.url", "embedded PostgreSQL", "jdbc:postgresql://host:5432/db"),
			new Variable("warehouse.username", "postgres", "database login"),
			new Variable("warehouse.password", "empty", "database password"),
			new Variable("warehouse.embedded.directory", "data/warehouse", "where the embedded PostgreSQL keeps its data"),
			new Variable("warehouse.embedded.port", "54329", "the embedded PostgreSQL's port"),
			new Variable("sync.streams", "all", "comma-separated stream names"),
			new Variable("sync.lookback-days", "31", "days (today included) every run re-checks"),
			new Variable("sync.deadline", "none", "stop cleanly before this much time has passed, e.g. 50m (exit 3)"),
			new Variable("sync.verify-share", "0.10", "re-verification per run, as a share of the changed partitions"),
			new Variable("sync.sweep-share", "0.30", "the history sweep's requests per run, at most this share of the last run's (0: no sweep)"),
			new Variable("sync.shard", "none", "index/count, e.g. 2/4: sync only that shard of the connections"),
			new Variable("sync.shard-count", "none", "the count, with Kubernetes' JOB_COMPLETION_INDEX (0-based) as the index"),
			new Variable("sync.now", "the system clock", "run as if it were this instant, e.g. 2026-12-01T10:00:00Z"),
			new Variable("log.format", "text", "json: one JSON object (ECS) per log line"),
			new Variable("pushgateway.url", "none", "push the run's metrics to this Prometheus Pushgateway at its end"),
			new Variable("sandbox.port", "8089", "the port of the sandbox command"));

	private Variables() {
	}

	/** The environment block of {@code --help}. */
	public static String help() {
		StringBuilder text = new StringBuilder();
		for (Variable v : ALL) {
			text.append(String.format("  %-30s %s (default: %s)%n", v.name(), v.meaning(), v.defaultValue()));
		}
		return text.toString();
	}

	static String relaxed(String property) {
		return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}
}
