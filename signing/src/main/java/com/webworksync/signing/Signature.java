package com.webworksync.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com), for both directions: our notifications sign with
 * it, the sandbox signs its deliveries with it and the receiver verifies with it. The secret is written
 * {@code whsec_<base64>}, the HMAC-SHA256 key is the decoded base64, and a request is signed over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}; the header is {@code v1,<base64 of the MAC>}, several of them
 * separated by spaces while a secret is rotated. Depends on nothing of ours: the lowest layer.
 */
public final class Signature {

	public static final String PREFIX = "whsec_";
	private static final String ALGORITHM = "HmacSHA256";

	private Signature() {
	}

	/** A secret that is not {@code whsec_} and the base64 of at least 16 bytes; the message never quotes it. */
	public static final class BadSecret extends IllegalArgumentException {

		private BadSecret() {
			super("must be a Standard Webhooks secret, whsec_ and the base64 of at least 16 random bytes "
					+ "(e.g. whsec_$(openssl rand -base64 32))");
		}
	}

	/** The key of a {@code whsec_<base64>} secret (the prefix may be left out, as the spec's libraries allow). */
	public static byte[] key(String secret) {
		String text = secret.strip();
		String base64 = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			key = new byte[0];
		}
		if (key.length < 16) {
			throw new BadSecret();
		}
		return key;
	}

	/** A new secret of 32 random bytes, as a sender hands it out. */
	public static String newSecret(RandomGenerator random) {
		byte[] bytes = new byte[32];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) random.nextInt(256);
		}
		return PREFIX + Base64.getEncoder().encodeToString(bytes);
	}

	/** The {@code webhook-signature} header's value: {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}. */
	public static String sign(byte[] key, String id, long timestampSeconds, String body) {
		return sign(key, id, timestampSeconds, body.getBytes(StandardCharsets.UTF_8));
	}

	public static String sign(byte[] key, String id, long timestampSeconds, byte[] body) {
		return "v1," + Base64.getEncoder().encodeToString(mac(key, id, timestampSeconds, body));
	}

	/**
	 * Whether any {@code v1,} signature of the header is the MAC of these raw bytes under {@code key}: each compared in
	 * constant time; other versions are skipped, as the spec says.
	 */
	public static boolean verifies(byte[] key, String id, long timestampSeconds, byte[] body, String header) {
		if (header == null) {
			return false;
		}
		byte[] expected = mac(key, id, timestampSeconds, body);
		boolean any = false;
		for (String signature : header.trim().split(" +")) {
			if (signature.startsWith("v1,")) {
				any |= MessageDigest.isEqual(expected, decode(signature.substring(3)));
			}
		}
		return any;
	}

	/** The alternative some senders use: the hex HMAC-SHA256 of the body alone, compared in constant time. */
	public static boolean verifiesHex(byte[] key, byte[] body, String header) {
		if (header == null) {
			return false;
		}
		String hex = header.trim().toLowerCase();
		hex = hex.startsWith("sha256=") ? hex.substring("sha256=".length()) : hex;
		byte[] given;
		try {
			given = HexFormat.of().parseHex(hex);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(hmac(key, body), given);
	}

	/** The hex form {@link #verifiesHex} checks (for the sandbox and the tests). */
	public static String hex(byte[] key, byte[] body) {
		return HexFormat.of().formatHex(hmac(key, body));
	}

	private static byte[] mac(byte[] key, String id, long timestampSeconds, byte[] body) {
		byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
		byte[] signed = new byte[prefix.length + body.length];
		System.arraycopy(prefix, 0, signed, 0, prefix.length);
		System.arraycopy(body, 0, signed, prefix.length, body.length);
		return hmac(key, signed);
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(key, ALGORITHM));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", ex);
		}
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return new byte[0];
		}
	}
}
