package com.webworksync.streams;

import java.util.List;

/**
 * A key column built from a personal value: {@code parts} joined by '|', then the md5 of {@code digested} as stored.
 * Under {@code keep} the mapper's key stands (the md5 of the plain text); otherwise the key is rebuilt from what is
 * stored (the md5 of the pseudonym), and where the value is dropped, from the row's ordinal among the item's rows
 * with the same parts, so the rows are still told apart without the value.
 */
public record DerivedKey(String column, String digested, List<String> parts) {

	public DerivedKey {
		parts = List.copyOf(parts);
	}
}
