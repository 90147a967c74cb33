package com.webworksync.observe;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import com.webworksync.connections.Connections;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job's meters (names and tags in docs/guide/observability.md). Counters count from the start of
 * the process, which for the CLI is one run: what the Pushgateway receives at its end.
 */
@Component
public class SyncMetrics {

	public static final String REQUESTS = "webwork.sync.api.requests";
	public static final String RATE_LIMIT_WAITS = "webwork.sync.rate.limit.waits";
	public static final String RATE_LIMIT_WAIT_SECONDS = "webwork.sync.rate.limit.wait.seconds";
	public static final String ROWS_UPSERTED = "webwork.sync.rows.upserted";
	public static final String ROWS_DELETED = "webwork.sync.rows.deleted";
	public static final String STREAM_REQUESTS = "webwork.sync.stream.requests";
	public static final String PARTITIONS_PLANNED = "webwork.sync.partitions.planned";
	public static final String PARTITIONS_DONE = "webwork.sync.partitions.done";
	public static final String RUN = "webwork.sync.run";
	public static final String RUN_EXIT_CODE = "webwork.sync.run.exit.code";
	public static final String RUN_FINISHED = "webwork.sync.run.finished.timestamp.seconds";
	public static final String LAST_SUCCESS = "webwork.sync.last.success.timestamp.seconds";
	public static final String FAILED_RUNS_IN_A_ROW = "webwork.sync.failed.runs.in.a.row";
	public static final String RECONCILIATION_MISMATCHES = "webwork.sync.reconciliation.mismatches";

	public static final String HINT_LATENCY = "webwork.sync.hint.latency.seconds";
	public static final String CHANGES_WITHOUT_HINT = "webwork.sync.changes.without.hint";
	public static final String WEBHOOK_SUBSCRIPTIONS = "webwork.sync.webhook.subscriptions";

	public static final String STREAM_LAST_SUCCESS = "webwork.sync.stream.last.success.timestamp.seconds";
	public static final String BACKFILL_DAYS_LEFT = "webwork.sync.backfill.days.left";
	public static final String STREAM_FRESHNESS_GOAL = "webwork.sync.stream.freshness.goal.seconds";

	private final MeterRegistry registry;
	private final Clock clock;
	private final RunResult result;
	private final Map<Long, AtomicLong> mismatches = new ConcurrentHashMap<>();
	private final Map<String, AtomicLong> upkeep = new ConcurrentHashMap<>();
	private final Map<List<String>, AtomicLong> streamSuccess = new ConcurrentHashMap<>();
	private final Map<List<String>, AtomicLong> backfillLeft = new ConcurrentHashMap<>();
	private final Map<List<String>, AtomicLong> freshnessGoal = new ConcurrentHashMap<>();

	public SyncMetrics(MeterRegistry registry, Connections connections, Clock clock) {
		this.clock = clock;
		this.registry = registry;
		this.result = new RunResult(registry);
		connections.clients().forEach(client -> client.listener(this::request));
		// one budget per token: the waits of every connection add up
		FunctionCounter.builder(RATE_LIMIT_WAITS, connections,
				c -> c.clients().stream().mapToLong(client -> client.budget().waits()).sum())
			.description("Times a request waited for the server's rate limit (429 Retry-After, X-RateLimit-Remaining: 0) or a retry back-off")
			.register(registry);
		FunctionCounter.builder(RATE_LIMIT_WAIT_SECONDS, connections,
				c -> c.clients().stream().mapToDouble(client -> client.budget().waited().toNanos() / 1e9).sum())
			.description("Seconds spent in those waits")
			.register(registry);
	}

	public MeterRegistry registry() {
		return registry;
	}

	void request(String path, int status, long nanos) {
		Timer.builder(REQUESTS)
			.description("WebWork API requests (retries included) by endpoint and HTTP status; status io_error: no response")
			.tag("endpoint", path)
			.tag("status", status == 0 ? "io_error" : Integer.toString(status))
			.register(registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	/** The planner's partitions for a stream, as a step starts reading them. */
	public void partitionsPlanned(String stream, int planned) {
		counter(PARTITIONS_PLANNED, stream, "Partitions planned for the stream (a restarted step counts its plan again)")
			.increment(planned);
	}

	/**
	 * A finished run: per-stream counts as in sync.runs.rows_by_stream, its duration and result. The last success is a
	 * sync's only: a refresh's does not say the hourly runs work.
	 */
	void runFinished(Map<String, Map<String, Long>> byStream, Duration duration, String status, int exit) {
		byStream.forEach((stream, counts) -> {
			counter(ROWS_UPSERTED, stream, "Rows inserted or changed").increment(counts.getOrDefault("upserted", 0L));
			counter(ROWS_DELETED, stream, "Rows marked deleted").increment(counts.getOrDefault("deleted", 0L));
			counter(PARTITIONS_DONE, stream, "Partitions read completely").increment(counts.getOrDefault("partitions", 0L));
			counter(STREAM_REQUESTS, stream, "Requests the stream's pages took").increment(counts.getOrDefault("requests", 0L));
		});
		Timer.builder(RUN)
			.description("Run duration by result")
			.tag("status", status)
			.tag("exit_code", Integer.toString(exit))
			.register(registry)
			.record(duration);
	}

	/** The result of the sync command: exit code, end, last success, failed runs in a row. */
	public RunResult result() {
		return result;
	}

	/** Records the end of a sync command, now, with the failed runs in a row it makes. */
	void ended(int exit, long failedInARow) {
		result.record(exit, clock.instant(), failedInARow);
	}

	/** Records the end of a refresh, now. */
	void endedRefresh(int exit) {
		result.recordRefresh(exit, clock.instant());
	}

	/**
	 * Per stream and workspace of this process: when a run last read all of it, and, with a start date, the days of
	 * history still to backfill (as {@code analytics.data_freshness} shows them).
	 */
	void streams(Collection<StreamFreshness.Row> rows) {
		for (StreamFreshness.Row row : rows) {
			List<String> key = List.of(row.stream(), Long.toString(row.workspaceId()), row.kind());
			if (row.lastSuccess() != null) {
				streamSuccess.computeIfAbsent(key, k -> gauge(STREAM_LAST_SUCCESS, k,
						"When a run last read all of the stream for the workspace (sync.streams.last_success_at, Unix seconds); "
								+ "kind: dimension, fact or report"))
					.set(row.lastSuccess().getEpochSecond());
				freshnessGoal.computeIfAbsent(key, k -> gauge(STREAM_FRESHNESS_GOAL, k,
						"How old the stream's last success may be (SYNC_FRESHNESS_GOALS, or the stream's default), seconds"))
					.set(row.freshnessGoal().toSeconds());
			}
			if (row.backfillDaysLeft() != null) {
				backfillLeft.computeIfAbsent(key, k -> gauge(BACKFILL_DAYS_LEFT, k,
						"Days of history from SYNC_START_DATE to the first day the stream holds, still to backfill "
								+ "(analytics.data_freshness.backfill_days_left)"))
					.set(row.backfillDaysLeft());
			}
		}
	}

	private AtomicLong gauge(String name, List<String> key, String description) {
		AtomicLong value = new AtomicLong();
		Gauge.builder(name, value, AtomicLong::get)
			.description(description)
			.tag("stream", key.get(0))
			.tag("workspace_id", key.get(1))
			.tag("kind", key.get(2))
			.strongReference(true)
			.register(registry);
		return value;
	}

	/** Member-days whose time entries and tracked-hours report disagree, per workspace, after the run. */
	void reconciliation(Map<Long, Long> mismatchesByWorkspace, Collection<Long> workspaces) {
		Set<Long> all = new TreeSet<>(workspaces);
		all.addAll(mismatchesByWorkspace.keySet());
		all.addAll(mismatches.keySet()); // a workspace whose mismatches cleared goes back to 0
		for (long workspace : all) {
			AtomicLong value = mismatches.computeIfAbsent(workspace, w -> {
				AtomicLong v = new AtomicLong();
				Gauge.builder(RECONCILIATION_MISMATCHES, v, AtomicLong::get)
					.description("Member-days where the time entries and the tracked-hours report disagree (sync.reconciliation)")
					.tag("workspace_id", Long.toString(w))
					.register(registry);
				return v;
			});
			value.set(mismatchesByWorkspace.getOrDefault(workspace, 0L));
		}
	}

	/** The hints the run consumed (seconds from delivery to commit), and the changes it found that no hint announced. */
	void hints(List<Double> latencies, Map<String, Long> withoutHint) {
		DistributionSummary latency = DistributionSummary.builder(HINT_LATENCY)
			.description("Seconds from a webhook delivery's receipt to the commit that consumed its hint")
			.register(registry);
		latencies.forEach(latency::record);
		withoutHint.forEach((stream, count) -> counter(CHANGES_WITHOUT_HINT, stream,
				"Changes a polling run found that no webhook hint announced (WebWork's delivery reliability)")
			.increment(count));
	}

	/**
	 * What the run's upkeep of our webhooks found, as workspaces per outcome (unchanged, created, repaired, removed,
	 * none_needed), or {@code failed} 1 when it could not finish.
	 */
	public void webhookUpkeep(Map<String, Long> byOutcome) {
		upkeep.values().forEach(v -> v.set(0)); // an outcome of an earlier upkeep in this process is now 0
		byOutcome.forEach((outcome, workspaces) -> upkeep.computeIfAbsent(outcome, o -> {
			AtomicLong v = new AtomicLong();
			Gauge.builder(WEBHOOK_SUBSCRIPTIONS, v, AtomicLong::get)
				.description("Workspaces by what this run's upkeep of our webhook subscription found (docs/guide/webhooks.md)")
				.tag("outcome", o)
				.register(registry);
			return v;
		}).set(workspaces));
	}

	private Counter counter(String name, String stream, String description) {
		return Counter.builder(name).description(description).tag("stream", stream).register(registry);
	}
}
