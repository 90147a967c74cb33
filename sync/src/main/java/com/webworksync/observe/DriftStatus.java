package com.webworksync.observe;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.Record;

/** The part of {@code status} about schema drift: the findings in {@code sync.schema_drift}, newest first. */
final class DriftStatus {

	private DriftStatus() {
	}

	/** The schema-drift findings, newest first. */
	static void render(DSLContext ctx, StringBuilder out) {
		var findings = ctx.fetch("select stream, table_name, field, kind, json_type, first_seen, last_seen "
				+ "from sync.schema_drift order by last_seen desc, stream, table_name, field limit 50");
		out.append("\nschema drift (fields the API added, documented fields that stopped arriving, changed types):\n");
		if (findings.isEmpty()) {
			out.append("  none\n");
			return;
		}
		out.append(String.format("  %-28s %-28s %-24s %-8s %-10s %-20s %s%n", "stream", "table", "field", "kind", "json type",
				"first seen", "last seen"));
		for (Record f : findings) {
			String type = f.get("json_type", String.class);
			out.append(String.format("  %-28s %-28s %-24s %-8s %-10s %-20s %s%n", f.get("stream", String.class),
					f.get("table_name", String.class), f.get("field", String.class), f.get("kind", String.class),
					type == null ? "-" : type, StatusReport.time(f.get("first_seen", OffsetDateTime.class)),
					StatusReport.time(f.get("last_seen", OffsetDateTime.class))));
		}
	}

}
