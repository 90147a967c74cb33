package com.webworksync.streams;

import java.util.Locale;

/**
 * What kind of personal value a field holds: it decides how the value is normalised before it is pseudonymized, and
 * which policies it can take (docs/privacy.md).
 */
public enum PersonalKind {
	/** A first, last or full name, or a text built from one (a contract's "project - member"). */
	NAME,
	/** An e-mail address: trimmed and lower-cased before it is pseudonymized. */
	EMAIL,
	/** An avatar image's file name or URL. */
	AVATAR,
	/** A job title. */
	TITLE,
	/** Text people type: notes, descriptions, comments, reasons. */
	FREE_TEXT,
	/**
	 * Keyboard-and-mouse activity: a number, not an identifier. A pseudonym of a number says nothing, so it is kept
	 * under {@code pseudonymize} and NULL under {@code drop}.
	 */
	MONITORING;

	/** The policy's name in SYNC_PRIVACY_COLUMNS and in the documentation: free_text, monitoring, … */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}
}
