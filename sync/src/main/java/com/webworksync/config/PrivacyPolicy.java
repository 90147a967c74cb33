package com.webworksync.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the sync writes for a personal field (docs/privacy.md): the value as the API gives it, a keyed pseudonym of
 * it, or NULL.
 */
public enum PrivacyPolicy {
	KEEP, PSEUDONYMIZE, DROP;

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** SYNC_PRIVACY: keep, pseudonymize or drop. */
	static PrivacyPolicy parse(String text, String variable) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter(p -> p.label().equals(value))
			.findFirst()
			.orElseThrow(() -> new ConfigurationException(variable + " must be keep, pseudonymize or drop, got '" + value + "'"));
	}

	/**
	 * SYNC_PRIVACY_COLUMNS: {@code table.column=policy} pairs, comma-separated. Whether each names a personal field is
	 * checked against the catalog's declarations.
	 */
	static Map<String, PrivacyPolicy> parseColumns(String text, String variable) {
		Map<String, PrivacyPolicy> columns = new LinkedHashMap<>();
		for (String entry : Parsers.list(text)) {
			int equals = entry.indexOf('=');
			String column = equals < 0 ? entry : entry.substring(0, equals).trim();
			if (equals < 0 || column.indexOf('.') < 1) {
				throw new ConfigurationException(variable + " must be table.column=policy pairs such as "
						+ "leaves.note=drop,members.email=pseudonymize, got '" + entry + "'");
			}
			if (columns.put(column, parse(entry.substring(equals + 1), variable + " (" + column + ")")) != null) {
				throw new ConfigurationException(variable + " names " + column + " twice");
			}
		}
		return Map.copyOf(columns);
	}
}
