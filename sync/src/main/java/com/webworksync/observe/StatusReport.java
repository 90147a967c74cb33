package com.webworksync.observe;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.DSLContext;

import com.webworksync.warehouse.HintLedger;
import org.jooq.JSONB;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partitioning;
import com.webworksync.streams.StreamDef;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import com.webworksync.connections.CredentialExpiry;

/**
 * The {@code status} command: the last runs from {@code sync.runs} and each stream's freshness per
 * workspace (the {@code analytics.data_freshness} view over {@code sync.streams} and
 * {@code sync.partitions}). Reads the warehouse only; sends no API request.
 */
@Component
public class StatusReport {

	static final int RUNS = 10;
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

	private final DSLContext ctx;
	private final JsonMapper json = JsonMapper.builder().build();
	private final CredentialExpiry credentials;

	private final Catalog catalog;
	private final Clock clock;

	private final BackfillStatus history;
	private final PrivacyStatus privacy;
	private final HintLedger hints;

	public StatusReport(DSLContext ctx, CredentialExpiry credentials, Catalog catalog, Clock clock,
			BackfillStatus history, PrivacyStatus privacy, HintLedger hints) {
		this.privacy = privacy;
		this.hints = hints;
		this.history = history;
		this.catalog = catalog;
		this.clock = clock;
		this.ctx = ctx;
		this.credentials = credentials;
	}

	public String render() {
		StringBuilder out = new StringBuilder();
		var runs = ctx.fetch("""
				select run_id, command, started_at, ended_at, status, exit_code, requests, rate_limit_waits,
				       rows_by_stream, error_message
				from sync.runs order by run_id desc limit ?""", RUNS);
		out.append("last runs (newest first, times in UTC):\n");
		if (runs.isEmpty()) {
			out.append("  none yet: run `sync` first\n");
		}
		else {
			out.append(String.format("  %-6s %-36s %-20s %-20s %-9s %4s %8s %6s %9s %8s  %s%n", "run", "command",
					"started", "ended", "status", "exit", "requests", "waits", "upserted", "deleted", "error"));
			for (Record run : runs) {
				long[] rows = rows(run.get("rows_by_stream"));
				Integer exit = run.get("exit_code", Integer.class);
				String error = run.get("error_message", String.class);
				out.append(String.format("  %-6d %-36s %-20s %-20s %-9s %4s %8d %6d %9d %8d  %s%n",
						run.get("run_id", Long.class), cut(run.get("command", String.class), 36),
						time(run.get("started_at", OffsetDateTime.class)), time(run.get("ended_at", OffsetDateTime.class)),
						run.get("status", String.class), exit == null ? "-" : exit.toString(),
						run.get("requests", Integer.class), run.get("rate_limit_waits", Integer.class), rows[0], rows[1],
						error == null ? "" : cut(error, 200)));
			}
		}
		var streams = ctx.fetch("""
				select stream, workspace_id, workspace_name, last_success_at, last_run_id, newest_fetched_at,
				       partitions, synced_through, verified_through, status
				from analytics.stream_status order by workspace_id, stream""");
		out.append("\nstreams (per workspace, from analytics.stream_status; synced through: the latest day held in full; "
				+ "verified through: every day up to it read in full, none left unread; status against the freshness goal):\n");
		if (streams.isEmpty()) {
			out.append("  none synced yet\n");
		}
		else {
			out.append(String.format("  %-12s %-30s %-20s %-8s %-20s %10s  %-14s %-16s %s%n", "workspace", "stream",
					"last success", "by run", "newest partition", "partitions", "synced through", "verified through",
					"status"));
			for (Record stream : streams) {
				long workspace = stream.get("workspace_id", Long.class);
				Long lastRun = stream.get("last_run_id", Long.class);
				Object through = stream.get("synced_through");
				Object verified = stream.get("verified_through");
				out.append(String.format("  %-12s %-30s %-20s %-8s %-20s %10d  %-14s %-16s %s%n",
						workspace == 0 ? "(list)" : Long.toString(workspace), stream.get("stream", String.class),
						time(stream.get("last_success_at", OffsetDateTime.class)), lastRun == null ? "-" : lastRun.toString(),
						time(stream.get("newest_fetched_at", OffsetDateTime.class)),
						stream.get("partitions", Long.class) == null ? 0 : stream.get("partitions", Long.class),
						through == null ? "-" : through.toString(), verified == null ? "-" : verified.toString(),
						stream.get("status", String.class)));
			}
		}
		history.render(out);
		rechecks(out);
		credentials(out);
		driftStatus(out);
		privacy.render(out);
		var checks = ctx.fetch("""
				select workspace_id, count(*) as days, count(*) filter (where status = 'mismatch') as mismatches,
				       count(*) filter (where status = 'mismatch' and rereads > 0) as survived, max(checked_at) as checked
				from sync.reconciliation group by workspace_id order by workspace_id""");
		out.append("\nreconciliation (time entries vs the tracked-hours report, per member-day; see analytics.data_quality):\n");
		if (checks.isEmpty()) {
			out.append("  nothing checked yet\n");
		}
		else {
			out.append(String.format("  %-12s %12s %10s %22s  %s%n", "workspace", "member-days", "mismatches",
					"survived a re-read", "last checked"));
			for (Record check : checks) {
				out.append(String.format("  %-12d %12d %10d %22d  %s%n", check.get("workspace_id", Long.class),
						check.get("days", Long.class), check.get("mismatches", Long.class), check.get("survived", Long.class),
						time(check.get("checked", OffsetDateTime.class))));
			}
		}
		return out.toString();
	}

	private static final String OLDEST_DAYS = """
			select s.stream, s.workspace_id,
			       (select min(sync.partition_day(p.partition_key)) from sync.partitions p
			         where p.stream = s.stream and p.workspace_id = s.workspace_id
			           and sync.partition_day(p.partition_key) is not null) as oldest
			  from sync.streams s where s.workspace_id <> 0 order by s.workspace_id, s.stream""";

	/**
	 * Per workspace and date-addressed stream: the oldest day it holds, and the oldest day not
	 * re-checked in the last 24 hours. A month stream's day is re-checked when its month was
	 * re-read; a change-detected stream's day (time entries, timeline, attendance) when the month
	 * reports its fingerprints are made of were, since the planner then compares that day.
	 */
	private void rechecks(StringBuilder out) {
		OffsetDateTime since = OffsetDateTime.now(clock).minusHours(24);
		// per workspace and stream, month by month: when that month partition was last read (months are few)
		Map<String, TreeMap<LocalDate, OffsetDateTime>> months = new HashMap<>();
		ctx.fetch("select workspace_id, stream, sync.partition_day(partition_key), fetched_at from sync.partitions "
				+ "where partition_key ~ '^[0-9]{4}-[0-9]{2}$'")
			.forEach(r -> months.computeIfAbsent(r.get(0, Long.class) + "/" + r.get(1, String.class), k -> new TreeMap<>())
				.put(r.get(2, LocalDate.class), r.get(3, OffsetDateTime.class)));
		out.append("\nhistory re-checks (per workspace: the oldest day held, and the oldest day not re-checked in the last "
				+ "24 hours by the window or the history sweep; - = none):\n");
		out.append(String.format("  %-12s %-30s %-12s %s%n", "workspace", "stream", "oldest day", "not re-checked in 24 h"));
		for (Record row : ctx.fetch(OLDEST_DAYS)) {
			String name = row.get(0, String.class);
			long workspace = row.get(1, Long.class);
			LocalDate oldest = row.get(2, LocalDate.class);
			if (oldest == null || !catalog.contains(name)) {
				continue;
			}
			StreamDef stream = catalog.get(name);
			List<String> checkedBy = switch (stream.partitioning()) {
				case MONTH -> List.of(name);
				// the month reports among the sources of its fingerprints
				case DAY, USER_DAY -> stream.changeDetection().enabled() ? catalog.memberDaySources()
					.stream()
					.filter(source -> source.partitioning() == Partitioning.MONTH)
					.map(StreamDef::name)
					.toList() : List.of();
				default -> List.of();
			};
			if (checkedBy.isEmpty()) {
				continue;
			}
			// a month is as fresh as the least recently read of the reports that check it
			TreeMap<LocalDate, OffsetDateTime> checks = new TreeMap<>();
			for (String report : checkedBy) {
				months.getOrDefault(workspace + "/" + report, new TreeMap<>())
					.forEach((month, at) -> checks.merge(month, at, (a, b) -> a.isBefore(b) ? a : b));
			}
			LocalDate stale = checks.entrySet()
				.stream()
				.filter(e -> !e.getKey().isBefore(oldest.withDayOfMonth(1)) && e.getValue().isBefore(since))
				.map(e -> e.getKey().isBefore(oldest) ? oldest : e.getKey())
				.findFirst()
				.orElse(null);
			out.append(String.format("  %-12d %-30s %-12s %s%n", workspace, name, oldest, stale == null ? "-" : stale));
		}
	}

	/** Days left per connection's credential; unknown when it cannot be read. */
	private void credentials(StringBuilder out) {
		var all = credentials.current();
		out.append("\ncredentials (days until they expire):\n");
		if (all.isEmpty()) {
			out.append("  none configured\n");
			return;
		}
		out.append(String.format("  %-20s %-22s %-20s %s%n", "connection", "kind", "expires", "days left"));
		for (var expiry : all) {
			Long left = credentials.secondsLeft(expiry);
			String days = left == null ? "unknown" : left <= 0 ? "expired" : Long.toString(Math.floorDiv(left, 86_400));
			if (expiry.renewsItself() && left != null) {
				days += " (renews itself)";
			}
			out.append(String.format("  %-20s %-22s %-20s %s%n", expiry.connection(), expiry.kind(),
					expiry.expiresAt() == null ? "-" : time(expiry.expiresAt().atOffset(ZoneOffset.UTC)), days));
		}
	}

	private void driftStatus(StringBuilder out) {
		DriftStatus.render(ctx, out);
		HintStatus.render(ctx, hints, clock, out);
	}

	/** Rows upserted and deleted over all streams of a run. */
	private long[] rows(Object rowsByStream) {
		long[] sums = new long[2];
		if (rowsByStream == null) {
			return sums;
		}
		String text = rowsByStream instanceof JSONB jsonb ? jsonb.data() : rowsByStream.toString();
		JsonNode node = json.readTree(text);
		for (JsonNode counts : node) {
			sums[0] += counts.path("upserted").asLong(0);
			sums[1] += counts.path("deleted").asLong(0);
		}
		return sums;
	}

	static String time(OffsetDateTime time) {
		return time == null ? "-" : time.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
	}

	private static String cut(String text, int max) {
		String line = text.replace('\n', ' ');
		return line.length() <= max ? line : line.substring(0, max - 1) + "…";
	}
}
