package com.webworksync.hooks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import com.webworksync.signing.Signature;

/**
 * Who sent a delivery, decided on its raw bytes before anything reads them: the signature first (any of the
 * connection's workspace keys, any of the header's signatures, each compared in constant time), then the timestamp
 * within {@link #TOLERANCE} of now. The payload is not parsed here.
 */
final class DeliveryCheck {

	static final Duration TOLERANCE = Duration.ofMinutes(5);

	/** One workspace's key of the connection the delivery is addressed to. */
	record WorkspaceKey(long workspaceId, byte[] key) {
	}

	/** Verified: whose key it was, the webhook-id (or the body's hash) and the signed time. */
	record Verified(long workspaceId, String eventId, Instant signedAt) {
	}

	private DeliveryCheck() {
	}

	/**
	 * @param header reads a request header by name (null when absent)
	 * @param hexHeader null for Standard Webhooks, else the header of the hex alternative
	 * @return null when the delivery is not proven to come from a holder of one of the keys, or is stale
	 */
	static Verified check(HeaderReader header, byte[] body, List<WorkspaceKey> keys, String hexHeader, Instant now) {
		String id = header.get("webhook-id");
		Long timestamp = seconds(header.get("webhook-timestamp"));
		Long workspace = null;
		for (WorkspaceKey key : keys) {
			boolean verified = hexHeader == null
					? id != null && timestamp != null
							&& Signature.verifies(key.key(), id, timestamp, body, header.get("webhook-signature"))
					: Signature.verifiesHex(key.key(), body, header.get(hexHeader));
			if (verified && workspace == null) {
				workspace = key.workspaceId();
			}
		}
		if (workspace == null) {
			return null;
		}
		// the hex alternative may come without a time: then the 24-hour duplicate check is its only replay guard
		Instant signedAt = timestamp == null ? now : Instant.ofEpochSecond(timestamp);
		if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
			return null;
		}
		return new Verified(workspace, id != null ? id : "sha256:" + sha256(body), signedAt);
	}

	interface HeaderReader {
		String get(String name);
	}

	private static Long seconds(String text) {
		if (text == null || !text.matches("\\d{1,12}")) {
			return null;
		}
		return Long.valueOf(text);
	}

	private static String sha256(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
		}
	}
}
