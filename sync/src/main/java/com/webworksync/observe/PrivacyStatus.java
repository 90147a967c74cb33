package com.webworksync.observe;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import com.webworksync.privacy.KeyIdCounts;

/**
 * status: the rewrites of stored values to a changed privacy policy or key (sync.privacy_rewrites), under way or done,
 * and how many stored values carry each key id.
 */
@Component
public class PrivacyStatus {

	private final DSLContext ctx;
	private final KeyIdCounts keyIds;

	public PrivacyStatus(DSLContext ctx, KeyIdCounts keyIds) {
		this.ctx = ctx;
		this.keyIds = keyIds;
	}

	void render(StringBuilder out) {
		rewrites(out);
		if (keyIds.anyPseudonymized()) {
			out.append("\npseudonyms per key id (values in columns and raw, history included; docs/privacy.md, key rotation):\n");
			keyIds.count().forEach((id, values) -> out.append(String.format("  %-20s %12d%n", id, values)));
		}
	}

	private void rewrites(StringBuilder out) {
		var rows = ctx.fetch("select relation, rows_total, rows_checked, rows_rewritten, started_at, finished_at "
				+ "from sync.privacy_rewrites order by finished_at is null desc, started_at desc, relation limit 40");
		if (rows.isEmpty()) {
			return;
		}
		out.append("\nprivacy rewrites (stored values brought to a changed SYNC_PRIVACY or key; docs/privacy.md):\n");
		out.append(String.format("  %-44s %10s %10s %10s  %s%n", "table", "rows", "checked", "rewritten", "state"));
		for (Record row : rows) {
			OffsetDateTime finished = row.get("finished_at", OffsetDateTime.class);
			long total = row.get("rows_total", Long.class);
			long checked = row.get("rows_checked", Long.class);
			out.append(String.format("  %-44s %10d %10d %10d  %s%n", row.get("relation", String.class), total, checked,
					row.get("rows_rewritten", Long.class), finished != null ? "done " + finished.toInstant()
							: "under way, " + (total == 0 ? 100 : Math.min(100, 100 * checked / total)) + " % (the next run goes on)"));
		}
	}
}
