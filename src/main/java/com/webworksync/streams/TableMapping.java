package com.webworksync.streams;

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
 */
public record TableMapping(Table<?> table, RowMapper mapper, String ownerDate, Set<String> untyped) {

	public TableMapping {
		untyped = Set.copyOf(untyped);
	}

	TableMapping withUntyped(Set<String> fields) {
		return new TableMapping(table, mapper, ownerDate, fields);
	}
}
