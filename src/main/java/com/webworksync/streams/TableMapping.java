package com.webworksync.streams;

import org.jooq.Table;

/**
 * One target table of a stream and how an API item becomes its rows.
 *
 * @param ownerDate for month partitions of rows that span days (timesheets, leaves): the date
 *        column whose month owns the row. Such a row comes back in every month it overlaps; it
 *        belongs to one, so re-reading the other neither rewrites it nor deletes it. Null: the
 *        partition that read the row owns it.
 */
public record TableMapping(Table<?> table, RowMapper mapper, String ownerDate) {
}
