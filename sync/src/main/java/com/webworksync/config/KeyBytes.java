package com.webworksync.config;

import java.util.Arrays;
import java.util.Base64;

/**
 * A configured 256-bit key, as {@code openssl rand -base64 32} prints it: checked here, used by whoever encrypts or
 * signs with it. It never prints: {@link #toString()} shows no byte of it.
 */
public final class KeyBytes {

	private final byte[] bytes;

	private KeyBytes(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * Null for an empty value; a {@link ConfigurationException} naming the variable (never the value) for one that is
	 * not the base64 of exactly 32 bytes.
	 */
	public static KeyBytes parse(String text, String variable) {
		String value = text == null ? "" : text.trim();
		if (value.isEmpty()) {
			return null;
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			key = new byte[0];
		}
		if (key.length != 32) {
			throw new ConfigurationException(variable + " must be the base64 of 32 random bytes (a 256-bit key), "
					+ "as 'openssl rand -base64 32' prints it; the value given is not");
		}
		return new KeyBytes(key);
	}

	/** A copy of the key's bytes. */
	public byte[] bytes() {
		return Arrays.copyOf(bytes, bytes.length);
	}

	@Override
	public String toString() {
		return "KeyBytes[hidden]";
	}
}
