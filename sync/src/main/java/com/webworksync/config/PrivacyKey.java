package com.webworksync.config;

import java.util.regex.Pattern;

/**
 * WEBWORK_PRIVACY_KEY: {@code <key id>:<base64 of 32 random bytes>}, e.g. {@code k1:$(openssl rand -base64 32)}. The
 * key id (a lower-case letter, then up to 7 letters or digits) prefixes every pseudonym made with the key, so a
 * rotation can tell old values from new. The key itself never prints: {@link #toString()} shows the id only.
 */
public record PrivacyKey(String id, KeyBytes key) {

	private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]{0,7}");

	/** Null for an empty value; a {@link ConfigurationException} naming the variable (never quoting the value) otherwise. */
	public static PrivacyKey parse(String text, String variable) {
		String value = text == null ? "" : text.trim();
		if (value.isEmpty()) {
			return null;
		}
		int colon = value.indexOf(':');
		String id = colon < 0 ? "" : value.substring(0, colon);
		if (!ID.matcher(id).matches()) {
			throw new ConfigurationException(variable + " must be <key id>:<base64 of 32 random bytes>, the key id a "
					+ "lower-case letter and up to 7 letters or digits, such as k1:$(openssl rand -base64 32); the value given is not");
		}
		return new PrivacyKey(id, KeyBytes.parse(value.substring(colon + 1), variable));
	}

	@Override
	public String toString() {
		return "PrivacyKey[id=" + id + ", key=hidden]";
	}
}
