package com.webworksync.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.Record;

import com.webworksync.warehouse.HintLedger;

/**
 * The part of {@code status} about the webhooks: our subscriptions, the hints of the last 24 hours with their latency
 * from delivery to commit, and what the last polling run found that no hint announced.
 */
final class HintStatus {

	private HintStatus() {
	}

	static void render(DSLContext ctx, HintLedger hints, Clock clock, StringBuilder out) {
		out.append("\nwebhooks (docs/guide/webhooks.md):\n");
		var subscriptions = ctx.fetch("select connection, workspace_id, webhook_id, checked_at "
				+ "from sync.webhook_subscriptions order by connection, workspace_id");
		if (subscriptions.isEmpty()) {
			out.append("  no subscription (WEBWORK_WEBHOOK_URL unset, or no run since it was set)\n");
		}
		for (Record s : subscriptions) {
			out.append(String.format("  subscription %-20s workspace %-10s webhook %-14s checked %s%n",
					s.get("connection", String.class), s.get("workspace_id", Long.class), s.get("webhook_id", String.class),
					StatusReport.time(s.get("checked_at", OffsetDateTime.class))));
		}
		Record last24 = ctx.fetchOne("""
				select count(*) as received, count(consumed_at) as consumed,
				       percentile_cont(0.5) within group (order by extract(epoch from consumed_at - received_at)) as p50,
				       percentile_cont(0.95) within group (order by extract(epoch from consumed_at - received_at)) as p95
				from sync.hints where received_at > cast(? as timestamptz)""", clock.instant().minus(Duration.ofHours(24)).toString());
		out.append(String.format("  hints, last 24 h: %d received, %d consumed; hint latency (delivery to commit) p50 %s s, "
				+ "p95 %s s%n", last24.get("received", Long.class), last24.get("consumed", Long.class),
				seconds(last24.get("p50", Double.class)), seconds(last24.get("p95", Double.class))));
		Long lastSync = ctx.fetchOne("select max(run_id) from sync.runs where status = 'COMPLETED' "
				+ "and command not like 'sync --hints%' and command not like 'refresh%'").get(0, Long.class);
		if (lastSync != null) {
			out.append("  changes without a hint in the last polling run (").append(lastSync).append("): ");
			out.append(hints.changesWithoutHint(lastSync)).append('\n');
		}
	}

	private static String seconds(Double value) {
		return value == null ? "-" : String.format("%.1f", value);
	}
}
