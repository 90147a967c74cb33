package com.webworksync.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.webworksync.config.PrivacyKey;
import com.webworksync.streams.PersonalKind;

/**
 * Pseudonyms under one key: {@code <key id>:} and the hex HMAC-SHA256 of the normalised value, so the same person
 * gets the same pseudonym in every table, and nobody without the key can test a guessed name or e-mail against it
 * (an unkeyed hash can be reversed by hashing a list of candidates). A pseudonym can be checked by hand:
 * {@code printf '%s' 'john.doe@example.com' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<key as hex>}.
 */
public final class Pseudonyms {

	/** Values remembered per kind before the memo starts over: the same names and texts recur on thousands of rows. */
	static final int MEMO_ENTRIES = 4096;
	/** Longer values are not remembered: free text rarely recurs, and the memo stays small. */
	static final int MEMO_LENGTH = 256;

	private final String prefix;
	private final ThreadLocal<Mac> mac;
	private final Map<PersonalKind, Map<String, String>> memo = new EnumMap<>(PersonalKind.class);

	public Pseudonyms(PrivacyKey key) {
		this.prefix = key.id() + ":";
		for (PersonalKind kind : PersonalKind.values()) {
			memo.put(kind, new ConcurrentHashMap<>());
		}
		SecretKeySpec spec = new SecretKeySpec(key.key().bytes(), "HmacSHA256");
		this.mac = ThreadLocal.withInitial(() -> {
			try {
				Mac m = Mac.getInstance("HmacSHA256");
				m.init(spec);
				return m;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
			}
		});
	}

	/** The key id these pseudonyms start with. */
	public String keyId() {
		return prefix.substring(0, prefix.length() - 1);
	}

	/**
	 * The pseudonym of a value of that kind. The last few thousand short values are remembered (in memory only, bounded,
	 * for this key): one HMAC and one normalisation per distinct value instead of one per row.
	 */
	public String of(PersonalKind kind, String value) {
		if (value.length() > MEMO_LENGTH) {
			return prefix + hmac(normalise(kind, value));
		}
		Map<String, String> known = memo.get(kind);
		String pseudonym = known.get(value);
		if (pseudonym == null) {
			pseudonym = prefix + hmac(normalise(kind, value));
			if (known.size() >= MEMO_ENTRIES) {
				known.clear(); // bounded: start over rather than grow with a warehouse of free text
			}
			known.put(value, pseudonym);
		}
		return pseudonym;
	}

	/** How many values of that kind are remembered now (never more than {@link #MEMO_ENTRIES}). */
	int remembered(PersonalKind kind) {
		return memo.get(kind).size();
	}

	/** True when {@code text} is a pseudonym under this key (a value rewritten before a rewrite was stopped). */
	boolean isPseudonym(String text) {
		return text.length() == prefix.length() + 64 && text.startsWith(prefix)
				&& text.substring(prefix.length()).chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
	}

	/** The hex HMAC-SHA256 of a text under this key. */
	String hmac(String text) {
		return HexFormat.of().formatHex(mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * What is hashed: e-mails trimmed and lower-cased (Ada@X.com and ada@x.com are one address); everything else
	 * NFKC-normalised and trimmed (a name typed with a composed or a decomposed é is one name).
	 */
	public static String normalise(PersonalKind kind, String value) {
		return kind == PersonalKind.EMAIL ? value.trim().toLowerCase(Locale.ROOT)
				: Normalizer.normalize(value, Normalizer.Form.NFKC).trim();
	}

	@Override
	public String toString() {
		return "Pseudonyms[key=" + keyId() + ", hidden]";
	}
}
