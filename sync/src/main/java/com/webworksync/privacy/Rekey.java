package com.webworksync.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key rotation's fallback for what cannot be re-read from the source (history, old report rows, free text, raw):
 * the new key applied to the old pseudonym, with a key id of its own, {@code <previous id>><current id>:} and the hex
 * HMAC-SHA256 under the current key of the whole old pseudonym ({@code k1:…} becomes {@code k1>k2:…}). No plain value
 * is needed, and one old pseudonym always becomes one new one, so values that were equal stay equal. A value under an
 * earlier rotation's fallback ({@code k0>k1:…}) is under the previous key too and becomes {@code k1>k2:…} as well.
 */
final class Rekey {

	private static final Pattern PSEUDONYM = Pattern.compile("([a-z][a-z0-9]{0,7}(?:>[a-z][a-z0-9]{0,7})?):[0-9a-f]{64}");

	private final String previousId;
	private final Pseudonyms current;
	private final String prefix;

	Rekey(String previousId, Pseudonyms current) {
		this.previousId = previousId;
		this.current = current;
		this.prefix = previousId + ">" + current.keyId() + ":";
	}

	/** The key id of a pseudonym ({@code k2}, {@code k1>k2}), or null when the text is not one. */
	static String keyId(String text) {
		Matcher matcher = PSEUDONYM.matcher(text);
		return matcher.matches() ? matcher.group(1) : null;
	}

	/** True when the text is a pseudonym under the previous key alone ({@code k1:…}, or {@code k0>k1:…}). */
	boolean isOld(String text) {
		String id = keyId(text);
		return id != null && (id.equals(previousId) || id.endsWith(">" + previousId));
	}

	/** True when the text is already re-keyed by this rotation (a rewrite stopped half-way and taken up again). */
	boolean isRekeyed(String text) {
		return text.startsWith(prefix) && keyId(text) != null;
	}

	/** {@code k1>k2:}: what every value re-keyed by this rotation starts with. */
	String prefix() {
		return prefix;
	}

	/** The fallback pseudonym of an old one. */
	String of(String old) {
		return prefix + current.hmac(old);
	}

	@Override
	public String toString() {
		return "Rekey[" + prefix + "]";
	}
}
