package com.webworksync.streams;

import java.util.List;

/**
 * A personal field of a table, declared with its stream: the typed column (if it has one) and the places in the
 * {@code raw} JSON the same value sits. A path is dot-separated; {@code list[].field} is that field of every element
 * of the array {@code list}.
 *
 * @param name the column's name, or for a value kept in raw only its path: what SYNC_PRIVACY_COLUMNS names after the
 *        table (members.email, timesheets.member.email)
 * @param column true when {@code name} is a typed column of the table
 */
public record PersonalField(String name, PersonalKind kind, boolean column, List<String> rawPaths) {

	public PersonalField {
		rawPaths = List.copyOf(rawPaths);
	}

	/** A typed column whose value also sits in raw under the same name. */
	static PersonalField column(PersonalKind kind, String name) {
		return new PersonalField(name, kind, true, List.of(name));
	}

	/** A value kept in raw only, at {@code path}. */
	static PersonalField rawOnly(PersonalKind kind, String path) {
		return new PersonalField(path, kind, false, List.of(path));
	}
}
