package com.webworksync.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.webworksync.config.ConfigurationException;

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): the secret is written
 * {@code whsec_<base64>}, the HMAC-SHA256 key is the decoded base64, and a request is signed over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}; the header is {@code v1,<base64 of the MAC>}.
 */
public final class Signature {

	static final String PREFIX = "whsec_";
	private static final String ALGORITHM = "HmacSHA256";

	private Signature() {
	}

	/**
	 * The key of a {@code whsec_<base64>} secret (the prefix may be left out, as the spec's libraries allow). A bad one
	 * is a {@link ConfigurationException} naming {@code variable}, never quoting the secret.
	 */
	public static byte[] key(String secret, String variable) {
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
			throw new ConfigurationException(variable + " must be a Standard Webhooks secret, whsec_ and the base64 of at "
					+ "least 16 random bytes (e.g. whsec_$(openssl rand -base64 32))");
		}
		return key;
	}

	/** The {@code webhook-signature} header's value: {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}. */
	public static String sign(byte[] key, String id, long timestampSeconds, String body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(key, ALGORITHM));
			byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", ex);
		}
	}
}
