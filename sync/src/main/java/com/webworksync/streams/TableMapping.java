package com.webworksync.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jooq.Table;

/**
 * One target table of a stream and how an API item becomes its rows.
 *
 * @param ownerDate for month partitions of rows that span days (timesheets, leaves): the date
 *        column whose month owns the row. Such a row comes back in every month it overlaps; it
 *        belongs to one, so re-reading the other neither rewrites it nor deletes it. Null: the
 *        partition that read the row owns it.
 * @param untyped fields of the API's items that have no column here on purpose (a nested list that lands in a child
 *        table, a value kept in raw only): schema drift does not report them as added
 * @param personal the table's personal fields (docs/privacy.md): what the privacy policy applies to
 * @param derivedKey a key column built from a personal value, or null
 * @param subject whose personal values a row holds (what an erasure finds the rows by), or null: the row is nobody's
 *        in particular (a project's notes, a task's description)
 */
public record TableMapping(Table<?> table, RowMapper mapper, String ownerDate, Set<String> untyped,
		List<PersonalField> personal, DerivedKey derivedKey, Subject subject) {

	/**
	 * The person a row is about: the member id in {@code column}, or, where the API gives only a full name
	 * ({@code byName}: expenses), the name in that column.
	 */
	public record Subject(String column, boolean byName) {
	}

	public TableMapping {
		untyped = Set.copyOf(untyped);
		personal = List.copyOf(personal);
		for (PersonalField field : personal) {
			if (field.column() && table.field(field.name()) == null) {
				throw new IllegalArgumentException(table.getName() + " has no column " + field.name() + " to declare personal");
			}
		}
		if (subject != null && table.field(subject.column()) == null) {
			throw new IllegalArgumentException(table.getName() + " has no column " + subject.column() + " to find its person by");
		}
		if (derivedKey != null && personal.stream().noneMatch(f -> f.name().equals(derivedKey.digested()))) {
			throw new IllegalArgumentException(table.getName() + "." + derivedKey.column() + " derives from "
					+ derivedKey.digested() + ", which is not declared personal");
		}
	}

	TableMapping(Table<?> table, RowMapper mapper, String ownerDate) {
		this(table, mapper, ownerDate, Set.of(), List.of(), null, null);
	}

	TableMapping withUntyped(Set<String> fields) {
		return new TableMapping(table, mapper, ownerDate, fields, personal, derivedKey, subject);
	}

	TableMapping withPersonal(List<PersonalField> fields) {
		List<PersonalField> all = new ArrayList<>(personal);
		all.addAll(fields);
		return new TableMapping(table, mapper, ownerDate, untyped, all, derivedKey, subject);
	}

	TableMapping withDerivedKey(DerivedKey key) {
		return new TableMapping(table, mapper, ownerDate, untyped, personal, key, subject);
	}

	TableMapping withSubject(Subject about) {
		return new TableMapping(table, mapper, ownerDate, untyped, personal, derivedKey, about);
	}

	/** The personal field of that name (a column or a raw path), or null. */
	public PersonalField personalField(String name) {
		return personal.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
	}
}
