package com.webworksync;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.env.PropertyResolver;

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
		Duration readTimeout, int maxAttempts, Duration initialBackoff, double verifyShare) {

	public static final String DEFAULT_API_URL = "https://api.webwork-tracker.com/api/v2";
	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

	public static Settings load(PropertyResolver env, Set<String> knownStreams, boolean tokenRequired) {
		String apiUrl = env.getProperty("webwork.api.url", DEFAULT_API_URL).trim();
		checkUrl(apiUrl, "WEBWORK_API_URL", "http", "https");
		String token = env.getProperty("webwork.api.token", "").trim();
		if (tokenRequired && token.isEmpty()) {
			throw new ConfigurationException("WEBWORK_API_TOKEN is not set: create a personal access token in WebWork "
					+ "(Settings > REST API > Create Token) and export WEBWORK_API_TOKEN, or run 'demo' to try the sandbox.");
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
		return new Settings(apiUrl, token, List.copyOf(workspaceIds), rpm, warehouseUrl,
				env.getProperty("warehouse.username", "postgres"), env.getProperty("warehouse.password", ""),
				Path.of(env.getProperty("warehouse.embedded.directory", "data/warehouse")),
				integer(env, "warehouse.embedded.port", "WAREHOUSE_EMBEDDED_PORT", 54329, 0, 65535), Set.copyOf(streams),
				lookback, deadline,
				duration(env.getProperty("webwork.connect-timeout", "10s"), "WEBWORK_CONNECT_TIMEOUT"),
				duration(env.getProperty("webwork.read-timeout", "60s"), "WEBWORK_READ_TIMEOUT"),
				integer(env, "webwork.max-attempts", "WEBWORK_MAX_ATTEMPTS", 6, 1, 100),
				duration(env.getProperty("webwork.initial-backoff", "2s"), "WEBWORK_INITIAL_BACKOFF"),
				share(env.getProperty("sync.verify-share", "0.10").trim()));
	}

	public boolean embeddedWarehouse() {
		return warehouseUrl.isEmpty();
	}

	public ClientSettings client() {
		return new ClientSettings(apiUrl, token, connectTimeout, readTimeout, maxAttempts, 50, initialBackoff,
				Duration.ofSeconds(60));
	}

	@Override
	public String toString() {
		return "Settings[apiUrl=" + apiUrl + ", token=(hidden), warehouse=" + withoutPassword(warehouseUrl) + "]";
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

	private static double share(String text) {
		try {
			double share = Double.parseDouble(text);
			if (share < 0 || share > 1) {
				throw new NumberFormatException();
			}
			return share;
		}
		catch (NumberFormatException ex) {
			throw new ConfigurationException("SYNC_VERIFY_SHARE must be a fraction from 0 to 1 such as 0.10, got '" + text + "'");
		}
	}

	private static List<String> list(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
	}
}
