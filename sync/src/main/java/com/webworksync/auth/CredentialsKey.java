package com.webworksync.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.webworksync.config.ConfigurationException;
import com.webworksync.config.KeyBytes;

/**
 * WEBWORK_CREDENTIALS_KEY: a 256-bit key (base64, as {@code openssl rand -base64 32} prints it)
 * that encrypts the tokens kept in {@code sync.credentials} with AES-GCM. Each value gets a fresh
 * 96-bit IV and is bound (as associated data) to its connection and column, so a ciphertext
 * copied to another row or column does not decrypt. The key never leaves this class.
 */
public final class CredentialsKey {

	private static final String VERSION = "v1:";
	private static final int IV_BYTES = 12;
	private static final int TAG_BITS = 128;
	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec aes;
	private final SecretKeySpec hmac;

	private CredentialsKey(byte[] key) {
		this.aes = new SecretKeySpec(key, "AES");
		this.hmac = new SecretKeySpec(key, "HmacSHA256");
	}

	/** The cipher of a configured key (see {@link KeyBytes}); null for none. */
	public static CredentialsKey of(KeyBytes key) {
		return key == null ? null : new CredentialsKey(key.bytes());
	}

	/** As {@link #of}, from the variable's text (a {@link ConfigurationException} naming it for a bad one). */
	public static CredentialsKey parse(String text) {
		return of(KeyBytes.parse(text, "WEBWORK_CREDENTIALS_KEY"));
	}

	/** {@code v1:} + base64(IV + ciphertext and tag). */
	public String encrypt(String plain, String connection, String column) {
		try {
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(aad(connection, column));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available in this JVM", ex);
		}
	}

	/** The plain text, or a {@link ConfigurationException} when the key is not the one that encrypted it. */
	public String decrypt(String stored, String connection, String column) {
		try {
			if (!stored.startsWith(VERSION)) {
				throw new IllegalArgumentException();
			}
			byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
			cipher.updateAAD(aad(connection, column));
			return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new ConfigurationException("sync.credentials." + column + " of connection '" + connection
					+ "' cannot be decrypted with WEBWORK_CREDENTIALS_KEY: it was stored with another key. Set the key it was "
					+ "stored with, or delete that row and re-authorize (set a new refresh token)");
		}
	}

	/** A keyed, irreversible fingerprint (HMAC-SHA256, hex): tells whether a configured secret changed. */
	public String fingerprint(String... parts) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(hmac);
			for (String part : parts) {
				mac.update(part.getBytes(StandardCharsets.UTF_8));
				mac.update((byte) 0);
			}
			return HexFormat.of().formatHex(mac.doFinal());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

	private static byte[] aad(String connection, String column) {
		return ("webwork-sync/sync.credentials/" + connection + "/" + column).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "CredentialsKey(hidden)";
	}
}
