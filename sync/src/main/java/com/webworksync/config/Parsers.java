package com.webworksync.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.webworksync.config.Variable.Parser;
import com.webworksync.streams.StreamDef;

/**
 * The checks of {@link Variables}: each turns a variable's text into its value, or throws one
 * {@link ConfigurationException} that starts with the variable's name and never quotes a secret.
 */
final class Parsers {

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

	private Parsers() {
	}

	/** The text as given: passwords, logins and secrets, which may carry spaces on purpose. */
	static Parser<String> text() {
		return (text, variable, example) -> text;
	}

	static Parser<String> trimmed() {
		return (text, variable, example) -> text.trim();
	}

	/** An http(s) URL with a host; the message shows the declared default as the example. */
	static Parser<String> httpUrl() {
		return (text, variable, example) -> checkHttpUrl(text.trim(), variable, example);
	}

	/** The one URL check: of WEBWORK_API_URL, WEBWORK_OAUTH_TOKEN_URL and their per-connection variants. */
	static String checkHttpUrl(String url, String variable, String example) {
		try {
			URI uri = new URI(url);
			if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
				throw new IllegalArgumentException();
			}
		}
		catch (Exception ex) {
			throw new ConfigurationException(variable + " must be an http(s) URL such as " + example + ", got '" + url + "'");
		}
		return url;
	}


	static Parser<Integer> whole(int min, int max) {
		return (text, variable, example) -> {
			String value = text.trim();
			try {
				int number = Integer.parseInt(value);
				if (number < min || number > max) {
					throw new NumberFormatException();
				}
				return number;
			}
			catch (NumberFormatException ex) {
				throw new ConfigurationException(variable + " must be a whole number from " + min + " to " + max + ", got '"
						+ value + "'");
			}
		};
	}

	/** A fraction from 0 to 1; the message shows the declared default as the example. */
	static Parser<Double> share() {
		return (text, variable, example) -> {
			String value = text.trim();
			try {
				double share = Double.parseDouble(value);
				if (share < 0 || share > 1) {
					throw new NumberFormatException();
				}
				return share;
			}
			catch (NumberFormatException ex) {
				throw new ConfigurationException(variable + " must be a fraction from 0 to 1 such as " + example + ", got '"
						+ value + "'");
			}
		};
	}

	static Parser<Duration> duration() {
		return (text, variable, example) -> {
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
		};
	}

	/** {@code time_entries=1h,members=48h}: a duration per stream name (the names are checked against the catalog). */
	static Parser<Map<String, Duration>> goals() {
		return (text, variable, example) -> {
			Map<String, Duration> goals = new LinkedHashMap<>();
			for (String entry : list(text)) {
				int equals = entry.indexOf('=');
				if (equals < 1) {
					throw new ConfigurationException(variable + " must be stream=duration pairs such as " + example
							+ ", got '" + entry + "'");
				}
				goals.put(entry.substring(0, equals).trim(),
						duration().parse(entry.substring(equals + 1), variable, example));
			}
			return goals;
		};
	}

	/** Empty text is no value (null); anything else goes through {@code parser}. */
	static <T> Parser<T> optional(Parser<T> parser) {
		return (text, variable, example) -> text.isBlank() ? null : parser.parse(text, variable, example);
	}

	static Parser<Path> path() {
		return (text, variable, example) -> Path.of(text);
	}

	static Parser<List<Long>> workspaceIds() {
		return (text, variable, example) -> {
			List<Long> ids = new ArrayList<>();
			for (String id : list(text)) {
				try {
					ids.add(Long.parseLong(id));
				}
				catch (NumberFormatException ex) {
					throw new ConfigurationException(variable + " must be comma-separated workspace ids, got '" + id + "'");
				}
			}
			return List.copyOf(ids);
		};
	}

	/**
	 * Stream names; "all" alone (or nothing) is the empty set, and "all" with names stays among them: what either reads
	 * is {@link StreamDef#selectedBy}'s rule. Whether each is known is checked against the catalog.
	 */
	static Parser<Set<String>> streams() {
		return (text, variable, example) -> {
			Set<String> streams = new LinkedHashSet<>(list(text));
			if (streams.equals(Set.of(StreamDef.ALL))) {
				streams.clear();
			}
			return Collections.unmodifiableSet(streams);
		};
	}

	/** text or json (true); empty is text. */
	static Parser<Boolean> logFormat() {
		return (text, variable, example) -> {
			String format = text.trim().toLowerCase(Locale.ROOT);
			if (!format.equals("text") && !format.equals("json") && !format.isEmpty()) {
				throw new ConfigurationException(variable + " must be text or json, got '" + format + "'");
			}
			return format.equals("json");
		};
	}

	static Parser<Instant> instant() {
		return (text, variable, example) -> {
			try {
				return Instant.parse(text.trim());
			}
			catch (DateTimeParseException ex) {
				throw new ConfigurationException(variable + " must be an ISO instant such as 2026-12-01T10:00:00Z, got '" + text.trim() + "'");
			}
		};
	}

	static Parser<LocalDate> date() {
		return (text, variable, example) -> {
			try {
				return LocalDate.parse(text.trim());
			}
			catch (DateTimeParseException ex) {
				throw new ConfigurationException(variable + " must be a date such as 2025-01-01, got '" + text.trim() + "'");
			}
		};
	}

	static List<String> list(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
	}
}
