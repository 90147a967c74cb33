package com.webworksync.notify;

import static com.webworksync.schema.sync.Tables.RECONCILIATION;
import static com.webworksync.schema.sync.Tables.SCHEMA_DRIFT;
import static com.webworksync.schema.sync.Tables.STREAMS;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import com.webworksync.config.Settings;
import com.webworksync.connections.CredentialExpiry;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;

/**
 * The events about what the warehouse holds, each told once: {@code stream.stale} when a stream's last success (what
 * {@code analytics.data_freshness} shows) is older than its freshness goal (SYNC_FRESHNESS_GOALS, or the
 * stream's default), once per breach; {@code credential.expiring} within WEBWORK_CREDENTIAL_WARN_DAYS of an expiry, once while it expires and
 * once when it has; {@code schema.drift} for the findings this run made first; {@code reconciliation.mismatch} for
 * member-days whose mismatch survived the re-read, once each.
 */
@Component
public class FindingEvents {

	/** Items listed in one event at most; the rest are counted (and the mismatches not listed are told later). */
	static final int LISTED = 50;

	private final DSLContext ctx;
	private final Outbox outbox;
	private final Catalog catalog;
	private final Settings settings;
	private final CredentialExpiry credentials;

	public FindingEvents(DSLContext ctx, Outbox outbox, Catalog catalog, Settings settings, CredentialExpiry credentials) {
		this.ctx = ctx;
		this.outbox = outbox;
		this.catalog = catalog;
		this.settings = settings;
		this.credentials = credentials;
	}

	public List<Event> of(long runId, Instant now) {
		List<Event> events = new ArrayList<>();
		stale(runId, now, events);
		credentials(runId, now, events);
		drift(runId, now, events);
		mismatches(runId, now, events);
		return events;
	}

	private void stale(long runId, Instant now, List<Event> events) {
		List<Map<String, Object>> stale = new ArrayList<>();
		for (StreamDef stream : catalog.all()) {
			if (!stream.selectedBy(settings.streams())) {
				continue;
			}
			Duration goal = settings.freshnessGoal(stream); // SYNC_FRESHNESS_GOALS, or the stream's default
			for (var row : ctx.select(STREAMS.WORKSPACE_ID, STREAMS.LAST_SUCCESS_AT)
				.from(STREAMS)
				.where(STREAMS.STREAM.eq(stream.name()))
				.and(STREAMS.LAST_SUCCESS_AT.lt(now.minus(goal).atOffset(ZoneOffset.UTC)))
				.orderBy(STREAMS.WORKSPACE_ID)
				.fetch()) {
				Map<String, Object> key = new LinkedHashMap<>();
				key.put("stream", stream.name());
				key.put("workspace_id", row.value1());
				key.put("last_success_at", row.value2().toInstant().toString());
				if (outbox.reportedContaining(Event.STREAM_STALE, Map.of("data", Map.of("streams", List.of(key))))) {
					continue; // told since that success
				}
				Map<String, Object> item = new LinkedHashMap<>(key);
				item.put("hours_since_success", Duration.between(row.value2().toInstant(), now).toMinutes() / 6 / 10.0);
				item.put("goal_hours", goal.toHours());
				stale.add(item);
			}
		}
		if (!stale.isEmpty()) {
			List<String> named = stale.stream().limit(5).map(s -> s.get("stream") + " (workspace " + s.get("workspace_id")
					+ ", " + s.get("hours_since_success") + " h, goal " + s.get("goal_hours") + " h)").toList();
			events.add(Event.of(Event.STREAM_STALE, "stale:" + runId, runId, now, stale.size() + " stream"
					+ (stale.size() == 1 ? "" : "s") + " past the freshness goal: " + String.join(", ", named)
					+ (stale.size() > named.size() ? ", …" : ""), Map.of("streams", stale)));
		}
	}

	private void credentials(long runId, Instant now, List<Event> events) {
		for (CredentialExpiry.Expiry expiry : credentials.current()) {
			Long left = credentials.secondsLeft(expiry);
			if (left == null || expiry.renewsItself() || left > credentials.warnWindow().toSeconds()) {
				continue;
			}
			boolean expired = left <= 0;
			String subject = "credential:" + expiry.connection() + ":" + expiry.kind() + ":" + expiry.expiresAt() + ":"
					+ (expired ? "expired" : "expiring");
			if (outbox.reported(Event.CREDENTIAL_EXPIRING, subject)) {
				continue;
			}
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("connection", expiry.connection());
			data.put("kind", expiry.kind());
			data.put("expires_at", expiry.expiresAt().toString());
			data.put("days_left", Math.floorDiv(left, 86_400));
			String what = "connection '" + expiry.connection() + "': its " + expiry.kind().replace('_', ' ');
			events.add(Event.of(Event.CREDENTIAL_EXPIRING, subject, runId, now, what + (expired ? " expired at "
					: " expires in " + Math.floorDiv(left, 86_400) + " days, at ") + expiry.expiresAt(), data));
		}
	}

	private void drift(long runId, Instant now, List<Event> events) {
		List<Map<String, Object>> findings = ctx.selectFrom(SCHEMA_DRIFT)
			.where(SCHEMA_DRIFT.FIRST_RUN_ID.eq(runId))
			.orderBy(SCHEMA_DRIFT.STREAM, SCHEMA_DRIFT.TABLE_NAME, SCHEMA_DRIFT.FIELD, SCHEMA_DRIFT.KIND)
			.fetch(r -> {
				Map<String, Object> finding = new LinkedHashMap<>();
				finding.put("stream", r.getStream());
				finding.put("table", r.getTableName());
				finding.put("field", r.getField());
				finding.put("kind", r.getKind());
				finding.put("json_type", r.getJsonType());
				finding.put("column_type", r.getColumnType());
				return finding;
			});
		if (!findings.isEmpty()) {
			List<String> named = findings.stream().limit(5).map(f -> f.get("table") + "." + f.get("field") + " " + f.get("kind"))
				.toList();
			events.add(Event.of(Event.SCHEMA_DRIFT, "drift:" + runId, runId, now, "the API's schema changed: "
					+ findings.size() + " new finding" + (findings.size() == 1 ? "" : "s") + " (" + String.join(", ", named)
					+ (findings.size() > named.size() ? ", …" : "") + ")",
					Map.of("count", findings.size(), "findings", findings.subList(0, Math.min(LISTED, findings.size())))));
		}
	}

	private void mismatches(long runId, Instant now, List<Event> events) {
		List<Map<String, Object>> fresh = new ArrayList<>();
		for (var r : ctx.selectFrom(RECONCILIATION)
			.where(RECONCILIATION.STATUS.eq("mismatch"))
			.and(RECONCILIATION.REREADS.ge(1))
			.and(RECONCILIATION._RUN_ID.eq(runId))
			.orderBy(RECONCILIATION.WORKSPACE_ID, RECONCILIATION.DATE, RECONCILIATION.USER_ID)
			.fetch()) {
			Map<String, Object> key = new LinkedHashMap<>();
			key.put("workspace_id", r.getWorkspaceId());
			key.put("date", r.getDate().toString());
			key.put("user_id", r.getUserId());
			if (fresh.size() >= LISTED
					|| outbox.reportedContaining(Event.RECONCILIATION_MISMATCH, Map.of("data", Map.of("member_days", List.of(key))))) {
				continue;
			}
			key.put("entries_minutes", r.getEntriesMinutes());
			key.put("report_minutes", r.getReportMinutes());
			fresh.add(key);
		}
		if (!fresh.isEmpty()) {
			events.add(Event.of(Event.RECONCILIATION_MISMATCH, "mismatch:" + runId, runId, now, fresh.size() + " member-day"
					+ (fresh.size() == 1 ? "" : "s") + " where the time entries and the tracked-hours report still disagree "
					+ "after a re-read (analytics.data_quality)", Map.of("member_days", fresh)));
		}
	}
}
