package com.webworksync.observe;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.webworksync.config.ConfigurationException;
import com.webworksync.config.Variables;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes the registry to a Prometheus Pushgateway at the end of a run, when {@code PUSHGATEWAY_URL}
 * (property {@code pushgateway.url}) is set, or Boot's
 * {@code management.prometheus.metrics.export.pushgateway.enabled=true} with its {@code address},
 * {@code scheme}, {@code job}, {@code grouping-key.*} and {@code username}/{@code password} or
 * {@code token}. A POST: it replaces the metrics of the same names in the group and keeps the
 * others, so {@code webwork_sync_last_success_timestamp_seconds} survives a failed run. A push
 * that fails is logged and changes nothing else. Before it, {@link #previous} reads what the last
 * run left in the group (the gateway's query API), to count failed runs in a row across pods.
 */
@Component
public class Pushgateway {

	private static final Logger log = LoggerFactory.getLogger(Pushgateway.class);
	static final String BOOT = "management.prometheus.metrics.export.pushgateway";

	private final URI target;
	private final String authorization;
	/** The group's labels as the gateway lists them: job and the grouping key. */
	private final Map<String, String> group;
	/** The gateway's root, where its query API is. */
	private final String root;

	public Pushgateway(Environment environment) {
		Binder binder = Binder.get(environment);
		String url = Variables.PUSHGATEWAY_URL.read(environment);
		boolean bootEnabled = binder.bind(BOOT + ".enabled", Boolean.class).orElse(false);
		String base;
		if (!url.isEmpty()) {
			base = url;
		}
		else if (bootEnabled) {
			base = environment.getProperty(BOOT + ".scheme", "http") + "://"
					+ environment.getProperty(BOOT + ".address", "localhost:9091");
		}
		else {
			target = null;
			authorization = null;
			group = Map.of();
			root = null;
			return;
		}
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		String job = environment.getProperty(BOOT + ".job", "webwork-sync");
		Map<String, String> groupingKey = new TreeMap<>(
				binder.bind(BOOT + ".grouping-key", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
		StringBuilder path = new StringBuilder("/metrics").append(segment("job", job));
		new LinkedHashMap<>(groupingKey).forEach((k, v) -> path.append(segment(k, v)));
		Map<String, String> labels = new TreeMap<>(groupingKey);
		labels.put("job", job);
		group = Map.copyOf(labels);
		root = base;
		try {
			URI uri = URI.create(base + path);
			if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
				throw new IllegalArgumentException();
			}
			target = uri;
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new ConfigurationException("PUSHGATEWAY_URL must be an http(s) URL such as http://pushgateway:9091");
		}
		String token = environment.getProperty(BOOT + ".token");
		String user = environment.getProperty(BOOT + ".username");
		if (token != null && !token.isBlank()) {
			authorization = "Bearer " + token;
		}
		else if (user != null && !user.isBlank()) {
			String password = environment.getProperty(BOOT + ".password", "");
			authorization = "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		}
		else {
			authorization = null;
		}
	}

	public boolean enabled() {
		return target != null;
	}

	/** Where the metrics go: the gateway's group URL (no credentials in it). */
	public URI target() {
		return target;
	}

	/** Pushes {@code body} (Prometheus text) to the group; true when the gateway accepted it. */
	public boolean push(String body) {
		return push(body, RunSummary.SYNC);
	}

	/**
	 * Pushes {@code body} as a run of {@code kind} ({@code sync}, or {@code refresh}): a refresh goes to a group of its
	 * own, {@code …/kind/refresh}, so it neither replaces the hourly runs' metrics nor is taken for one of them.
	 */
	public boolean push(String body, String kind) {
		if (target == null) {
			return false;
		}
		URI group = RunSummary.SYNC.equals(kind) ? target : URI.create(target + segment("kind", kind));
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			HttpRequest.Builder request = HttpRequest.newBuilder(group)
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				log.warn("the Pushgateway at {} answered {}: metrics not pushed", safe(group), response.statusCode());
				return false;
			}
			log.info("metrics pushed to {}", safe(group));
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			log.warn("interrupted while pushing metrics to {}", safe(group));
			return false;
		}
		catch (Exception ex) {
			log.warn("cannot push metrics to {}: {}", safe(group), ex.getClass().getSimpleName());
			return false;
		}
	}

	/**
	 * The values this group holds at the gateway now, before this run pushes, of the gauges named (Prometheus names,
	 * no labels besides the group's): what the last run that pushed left. Empty when the gateway is off, cannot be read
	 * (logged) or holds none of them. Read from the gateway's query API, {@code GET /api/v1/metrics}.
	 */
	public Map<String, Double> previous(Set<String> gauges) {
		if (target == null) {
			return Map.of();
		}
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + "/api/v1/metrics"))
				.timeout(Duration.ofSeconds(10))
				.GET();
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				log.warn("the Pushgateway at {} answered {} to a query: the last run's values are unknown", safe(target),
						response.statusCode());
				return Map.of();
			}
			return values(response.body(), group, gauges);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Map.of();
		}
		catch (Exception ex) {
			log.warn("cannot read the last run's values from {}: {}", safe(target), ex.getClass().getSimpleName());
			return Map.of();
		}
	}

	/** From a {@code /api/v1/metrics} answer: the gauges of the group whose labels are exactly {@code group}. */
	static Map<String, Double> values(String answer, Map<String, String> group, Set<String> gauges) {
		Map<String, Double> values = new TreeMap<>();
		JsonNode data = Json.MAPPER.readTree(answer).path("data");
		for (JsonNode entry : data) {
			Map<String, String> labels = new TreeMap<>();
			entry.path("labels").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asString()));
			if (!labels.equals(group)) {
				continue;
			}
			for (String gauge : gauges) {
				JsonNode metrics = entry.path(gauge).path("metrics");
				if (metrics.size() == 1) {
					try {
						values.put(gauge, Double.parseDouble(metrics.get(0).path("value").asString()));
					}
					catch (NumberFormatException ignored) {
						// not a number: as if absent
					}
				}
			}
		}
		return values;
	}

	/** The group's labels: job and the grouping key. */
	public Map<String, String> group() {
		return group;
	}

	/** A group's URL without user info, for log lines. */
	private static String safe(URI group) {
		return group.getScheme() + "://" + group.getHost() + (group.getPort() < 0 ? "" : ":" + group.getPort())
				+ group.getRawPath();
	}

	/** One grouping-key path segment; a value that is empty or holds a slash goes base64url-encoded. */
	static String segment(String label, String value) {
		if (value.isEmpty() || value.contains("/")) {
			return "/" + label + "@base64/"
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8))
					+ (value.isEmpty() ? "=" : "");
		}
		return "/" + label + "/" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Built on first use: checking PUSHGATEWAY_URL, as every command does first, must not build a JSON mapper. */
	private static final class Json {
		static final JsonMapper MAPPER = JsonMapper.builder().build();
	}
}
