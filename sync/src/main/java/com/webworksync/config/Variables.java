package com.webworksync.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * Every environment variable the job reads, declared once: its default, its check and its
 * meaning. {@link Settings} and the few readers outside it read through these declarations,
 * {@code --help} prints them, and a test holds the configuration table
 * (docs/reference/configuration.md) and k8s/configmap.yaml against them.
 */
public final class Variables {

	public static final Variable<String> API_URL = Variable.of("webwork.api.url", "https://api.webwork-tracker.com/api/v2",
			Parsers.httpUrl(), "API base URL");
	public static final Variable<String> API_TOKEN = Variable.without("webwork.api.token", "required, except for demo",
			Parsers.trimmed(), "personal access token of an Owner or Executive manager");
	public static final Variable<List<Long>> WORKSPACE_IDS = Variable.without("webwork.workspace-ids",
			"all the token can read", Parsers.workspaceIds(), "comma-separated workspace ids");
	public static final Variable<String> CONNECTIONS = Variable.without("webwork.connections[i].name", "none",
			Parsers.text(), "more tokens, i = 0, 1, …: a name, with _TOKEN, _WORKSPACE_IDS, _URL and _OAUTH_…; connections "
					+ "naming the same workspace id pool it (docs/guide/connections.md)");
	public static final Variable<String> OAUTH_CLIENT_ID = Variable.without("webwork.oauth.client-id", "none",
			Parsers.text(), "OAuth2 instead of WEBWORK_API_TOKEN: the app's client id");
	public static final Variable<String> OAUTH_CLIENT_SECRET = Variable.without("webwork.oauth.client-secret", "none",
			Parsers.text(), "the app's client secret (required with the client id)");
	public static final Variable<String> OAUTH_REFRESH_TOKEN = Variable.without("webwork.oauth.refresh-token",
			"none: client-credentials grant", Parsers.text(),
			"the first refresh token only (rotated ones are kept, encrypted, in sync.credentials)");
	public static final Variable<String> OAUTH_TOKEN_URL = Variable.of("webwork.oauth.token-url",
			"https://webwork-tracker.com/oauth/token", Parsers.httpUrl(),
			"the token endpoint (inferred: the API docs do not show it)");
	public static final Variable<KeyBytes> CREDENTIALS_KEY = Variable.without("webwork.credentials-key",
			"required with OAuth2", (text, variable, example) -> KeyBytes.parse(text, variable),
			"base64 of 32 random bytes (openssl rand -base64 32): encrypts the stored tokens");
	public static final Variable<Integer> CREDENTIAL_WARN_DAYS = Variable.of("webwork.credential-warn-days", "14",
			Parsers.whole(0, 3650), "WARN on every run this many days before a token expires");
	public static final Variable<Integer> REQUESTS_PER_MINUTE = Variable.of("webwork.requests-per-minute", "60",
			Parsers.whole(1, 100_000), "the API's limit for each token");
	public static final Variable<Duration> READ_TIMEOUT = Variable.of("webwork.read-timeout", "60s", Parsers.duration(),
			"HTTP read timeout");
	public static final Variable<Duration> CONNECT_TIMEOUT = Variable.of("webwork.connect-timeout", "10s",
			Parsers.duration(), "HTTP connect timeout");
	public static final Variable<Integer> MAX_ATTEMPTS = Variable.of("webwork.max-attempts", "6", Parsers.whole(1, 100),
			"attempts per request on 5xx, I/O errors and malformed bodies");
	public static final Variable<Duration> INITIAL_BACKOFF = Variable.of("webwork.initial-backoff", "2s",
			Parsers.duration(), "the first retry's back-off (doubled, with jitter, each attempt)");
	public static final Variable<WarehouseUrl> WAREHOUSE_URL = Variable.without("warehouse.url", "none: embedded PostgreSQL",
			(text, variable, example) -> WarehouseUrl.parse(text, variable),
			"postgresql://user:password@host:5432/db (or postgres://, jdbc:postgresql://); the password is never shown");
	public static final Variable<String> WAREHOUSE_USERNAME = Variable.of("warehouse.username", "postgres",
			Parsers.text(), "database login");
	public static final Variable<String> WAREHOUSE_PASSWORD = Variable.without("warehouse.password", "empty",
			Parsers.text(), "database password");
	public static final Variable<Path> EMBEDDED_DIRECTORY = Variable.of("warehouse.embedded.directory", "data/warehouse",
			Parsers.path(), "where the embedded PostgreSQL keeps its data");
	public static final Variable<Integer> EMBEDDED_PORT = Variable.of("warehouse.embedded.port", "54329",
			Parsers.whole(0, 65535), "the embedded PostgreSQL's port");
	public static final Variable<Set<String>> STREAMS = Variable.without("sync.streams", "all", Parsers.streams(),
			"comma-separated stream names");
	public static final Variable<Integer> LOOKBACK_DAYS = Variable.of("sync.lookback-days", "31", Parsers.whole(1, 3660),
			"days (today included) every run re-checks");
	public static final Variable<LocalDate> START_DATE = Variable.without("sync.start-date", "none: the lookback only",
			Parsers.optional(Parsers.date()), "the first day of history to hold: each run backfills a chunk of it after the "
					+ "fresh window, newest first, until done (docs/guide/start-date.md)");
	public static final Variable<Map<String, Duration>> FRESHNESS_GOALS = Variable.without("sync.freshness-goals",
			"26h for dimensions, 2h for facts and reports", Parsers.goals(),
			"stream=duration pairs, e.g. time_entries=1h,members=48h: how old a stream's last success may be before it is late");
	public static final Variable<Duration> DEADLINE = Variable.without("sync.deadline", "none",
			Parsers.optional(Parsers.duration()), "stop cleanly before this much time has passed, e.g. 50m (exit 3)");
	public static final Variable<Double> VERIFY_SHARE = Variable.of("sync.verify-share", "0.10", Parsers.share(),
			"re-verification per run, as a share of the changed partitions");
	public static final Variable<Double> SWEEP_SHARE = Variable.of("sync.sweep-share", "0.30", Parsers.share(),
			"the history sweep's requests per run, at most this share of the last run's (0: no sweep)");
	public static final Variable<Settings.Shard> SHARD = Variable.without("sync.shard", "none",
			Parsers.optional(ConnectionVariables::parseShard), "index/count, e.g. 2/4: sync only that shard of the connections");
	public static final Variable<Integer> SHARD_COUNT = Variable.without("sync.shard-count", "none",
			Parsers.optional(Parsers.whole(1, 100_000)),
			"the count, with Kubernetes' JOB_COMPLETION_INDEX (0-based) as the index");
	public static final Variable<Instant> NOW = Variable.without("sync.now", "none: the system clock",
			Parsers.optional(Parsers.instant()), "run as if it were this instant, e.g. 2026-12-01T10:00:00Z");
	public static final Variable<Boolean> LOG_FORMAT = Variable.of("log.format", "text", Parsers.logFormat(),
			"json: one JSON object (ECS) per log line");
	public static final Variable<String> PUSHGATEWAY_URL = Variable.without("pushgateway.url", "none", Parsers.trimmed(),
			"push the run's metrics to this Prometheus Pushgateway at its end");
	public static final Variable<String> NOTIFY_URLS = Variable.without("notify.urls", "none", Parsers.text(),
			"comma-separated receivers, a secret: a URL (Standard Webhooks, signed), slack:<url> or json:<url> "
					+ "(docs/guide/observability.md#notifications)");
	public static final Variable<String> NOTIFY_SECRET = Variable.without("notify.secret", "required with a bare URL",
			Parsers.text(), "whsec_<base64>: the Standard Webhooks signing secret");
	public static final Variable<Duration> NOTIFY_TIMEOUT = Variable.of("notify.timeout", "10s", Parsers.duration(),
			"the longest delivery may delay a run's end (retries with back-off within it)");
	public static final Variable<Duration> NOTIFY_SLOW_AFTER = Variable.without("notify.slow-after", "none",
			Parsers.optional(Parsers.duration()), "run.slow for a run that takes longer, e.g. 45m");
	public static final Variable<PrivacyPolicy> PRIVACY = Variable.of("sync.privacy", "keep",
			(text, variable, example) -> PrivacyPolicy.parse(text, variable),
			"what personal fields become: keep, pseudonymize (keyed HMAC, needs WEBWORK_PRIVACY_KEY) or drop (docs/privacy.md)");
	public static final Variable<Map<String, PrivacyPolicy>> PRIVACY_COLUMNS = Variable.without("sync.privacy-columns",
			"none", (text, variable, example) -> PrivacyPolicy.parseColumns(text, variable),
			"table.column=policy pairs that override SYNC_PRIVACY, e.g. leaves.note=drop,members.email=pseudonymize");
	public static final Variable<PrivacyKey> PRIVACY_KEY = Variable.without("webwork.privacy-key",
			"required to pseudonymize", (text, variable, example) -> PrivacyKey.parse(text, variable),
			"<key id>:<base64 of 32 random bytes>, e.g. k1:$(openssl rand -base64 32): the HMAC key of the pseudonyms");
	public static final Variable<PrivacyKey> PRIVACY_PREVIOUS_KEY = Variable.without("webwork.privacy-previous-key",
			"none", (text, variable, example) -> PrivacyKey.parse(text, variable),
			"the key before WEBWORK_PRIVACY_KEY, during a key rotation: what is stored under its key id is re-keyed (docs/privacy.md)");
	public static final Variable<String> WEBHOOK_URL = Variable.without("webwork.webhook-url", "none: no webhooks",
			Parsers.optional((text, variable, example) -> Parsers.checkHttpUrl(text.trim(), variable,
					"https://sync.example.com/webhooks")),
			"the receiver's public base URL; each run keeps one webhook of ours per workspace at <url>/<connection> "
					+ "(docs/guide/webhooks.md); needs WEBWORK_CREDENTIALS_KEY");
	public static final Variable<Integer> RECEIVER_PORT = Variable.of("webwork.receiver-port", "8080",
			Parsers.whole(0, 65535), "the port of the receive command");
	public static final Variable<String> RECEIVER_SIGNATURE = Variable.of("webwork.receiver-signature",
			"standard-webhooks", (text, variable, example) -> {
				String value = text.trim();
				if (!value.equals("standard-webhooks") && !value.matches("hex-hmac:[A-Za-z0-9-]+")) {
					throw new ConfigurationException(variable + " must be standard-webhooks or hex-hmac:<header name> "
							+ "(e.g. hex-hmac:X-Webwork-Signature), got '" + value + "'");
				}
				return value;
			}, "how deliveries are signed: standard-webhooks, or hex-hmac:<header> (hex HMAC-SHA256 of the body)");
	public static final Variable<Integer> SANDBOX_PORT = Variable.of("sandbox.port", "8089", Parsers.whole(0, 65535),
			"the port of the sandbox command");

	public static final List<Variable<?>> ALL = List.of(API_URL, API_TOKEN, WORKSPACE_IDS, CONNECTIONS, OAUTH_CLIENT_ID,
			OAUTH_CLIENT_SECRET, OAUTH_REFRESH_TOKEN, OAUTH_TOKEN_URL, CREDENTIALS_KEY, CREDENTIAL_WARN_DAYS,
			REQUESTS_PER_MINUTE, READ_TIMEOUT, CONNECT_TIMEOUT, MAX_ATTEMPTS, INITIAL_BACKOFF, WAREHOUSE_URL,
			WAREHOUSE_USERNAME, WAREHOUSE_PASSWORD, EMBEDDED_DIRECTORY, EMBEDDED_PORT, STREAMS, LOOKBACK_DAYS, START_DATE,
			FRESHNESS_GOALS, DEADLINE, VERIFY_SHARE, SWEEP_SHARE, SHARD, SHARD_COUNT, NOW, LOG_FORMAT, PUSHGATEWAY_URL,
			NOTIFY_URLS, NOTIFY_SECRET, NOTIFY_TIMEOUT, NOTIFY_SLOW_AFTER, PRIVACY, PRIVACY_COLUMNS, PRIVACY_KEY,
			PRIVACY_PREVIOUS_KEY, WEBHOOK_URL, RECEIVER_PORT, RECEIVER_SIGNATURE, SANDBOX_PORT);

	private Variables() {
	}

	/** The environment block of {@code --help}. */
	public static String help() {
		StringBuilder text = new StringBuilder();
		for (Variable<?> v : ALL) {
			text.append(String.format("  %-30s %s (default: %s)%n", v.name(), v.meaning(), v.shownDefault()));
		}
		return text.toString();
	}
}
