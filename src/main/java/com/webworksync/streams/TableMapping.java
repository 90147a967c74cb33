package com.webworksync.streams;

import org.jooq.Table;

/** One target table of a stream and how an API item becomes its rows. */
public record TableMapping(Table<?> table, RowMapper mapper) {
}
