package com.webworksync.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.webworksync.config.ConfigurationException;

/**
 * One entry of NOTIFY_URLS: a bare URL gets Standard Webhooks (signed), {@code slack:<url>} a Slack incoming-webhook
 * message, {@code json:<url>} the plain body, unsigned. The URL is a secret (a Slack webhook URL is a bearer
 * credential): it is never printed, logged or stored; {@link #masked()} and {@link #fingerprint()} stand for it.
 */
public record Receiver(Kind kind, URI uri) {

	public enum Kind {
		STANDARD(""), SLACK("slack:"), JSON("json:");

		private final String prefix;

		Kind(String prefix) {
			this.prefix = prefix;
		}

		public String prefix() {
			return prefix;
		}
	}

	/**
	 * Parses one entry; {@code position} (1-based) names it in the message of a bad one, which never quotes the entry.
	 */
	public static Receiver parse(String entry, String variable, int position) {
		String text = entry.strip();
		Kind kind = Kind.STANDARD;
		for (Kind k : List.of(Kind.SLACK, Kind.JSON)) {
			if (text.toLowerCase(Locale.ROOT).startsWith(k.prefix())) {
				kind = k;
				text = text.substring(k.prefix().length()).strip();
			}
		}
		try {
			URI uri = new URI(text);
			if (uri.getHost() != null && List.of("http", "https").contains(uri.getScheme())) {
				return new Receiver(kind, uri);
			}
		}
		catch (URISyntaxException ex) {
			// said below, without the entry
		}
		throw new ConfigurationException(variable + ": receiver " + position + " is not an http(s) URL (optionally "
				+ "prefixed slack: or json:); its value is a secret and is not shown");
	}

	/** The receiver as it may be shown: its kind, scheme, host and port; the path, query and any login masked. */
	public String masked() {
		return kind.prefix() + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
				+ "/***";
	}

	/** The first 16 hex digits of the SHA-256 of the entry: which receiver an outbox row is for, without its URL. */
	public String fingerprint() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((kind.prefix() + uri).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
		}
	}

	/** Never the URL: a record's own toString would print it. */
	@Override
	public String toString() {
		return masked();
	}
}
