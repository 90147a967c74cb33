package com.webworksync.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.ConfigurableApplicationContext;

import com.webworksync.auth.CredentialsKey;
import com.webworksync.config.Launcher;
import com.webworksync.hooks.Receiver;
import com.webworksync.hooks.WebhookSettings;
import com.webworksync.job.SyncRunner;
import com.webworksync.sandbox.Deliveries;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.warehouse.HintLedger;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code bench --size=hints} (issue 23): a {@value #MEMBERS}-member workspace synced once, a real receiver subscribed,
 * then {@value #STOPS} tracker stops, {@value #SIMULATED_MINUTES} minutes of activity compressed into
 * {@link #ACTIVITY} of wall clock, delivered lossy ({@value #DROP} dropped, {@value #DUPLICATE} sent twice, every
 * {@value #REORDER_EVERY}th stop opening a window of three sent newest first). Nothing else is compressed: the sandbox
 * limits the token to {@value #REQUESTS_PER_MINUTE} requests a minute (the API's), the job's budget matches, and
 * {@code sync --hints} runs in process on a real {@link HintSchedule} every {@link HintSchedule#EVERY}, all on the
 * real clock. Then the hourly {@code sync}, and the warehouse against a clean backfill of the same days.
 */
final class HintsBench {

	static final int MEMBERS = 50;

	static final int STOPS = 100;

	static final int SIMULATED_MINUTES = 30;

	static final Duration ACTIVITY = Duration.ofMinutes(5);

	static final double DROP = 0.05;

	static final double DUPLICATE = 0.05;

	static final int REORDER_EVERY = 20;

	static final int REQUESTS_PER_MINUTE = 60;

	/** The sandbox's history, all of it in the lookback: the warehouse can equal the source. */
	static final int DAYS = 2;

	private HintsBench() {
	}

	static boolean measure(Bench bench, StringBuilder line) throws Exception {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
			.withMembers(MEMBERS)
			.withProjects(12)
			.withHistoryDays(DAYS)
			.withRequestsPerMinute(REQUESTS_PER_MINUTE))) {
			long ws = sandbox.data().workspaceIds().get(0);
			String from = "--from=" + sandbox.data().today(ws).minusDays(DAYS - 1);
			String key = newKey();
			int port = freePort();
			String database = bench.database();
			Map<String, Object> properties = Bench.properties(sandbox, database, REQUESTS_PER_MINUTE);
			properties.put("sync.lookback-days", DAYS);
			properties.put("webwork.webhook-url", "http://127.0.0.1:" + port + "/webhooks");
			properties.put("webwork.credentials-key", key);
			try (ConfigurableApplicationContext context = Launcher.start(new String[0], properties);
					Receiver receiver = Receiver.create(Set.of("default"), context.getBean(DataSource.class),
							CredentialsKey.parse(key), context.getBean(Clock.class), new WebhookSettings(null, port, null)).start()) {
				SyncRunner runner = context.getBean(SyncRunner.class);
				DSLContext dsl = context.getBean(DSLContext.class);
				long started = System.nanoTime();
				List<RecordedRequest> first = Bench.run(sandbox, runner, "sync", from);
				bench.row("hints: first sync (subscribes): requests, wall time",
						first.size() + String.format(", %.0f s", (System.nanoTime() - started) / 1e9));

				sandbox.deliveries().lossy(DROP, DUPLICATE);
				long activityStarted = System.nanoTime();
				HintSchedule schedule = HintSchedule.start(sandbox, runner);
				activity(sandbox, ws);
				sandbox.deliveries().awaitSent(Duration.ofSeconds(30));
				int open = schedule.drain(dsl, Duration.ofSeconds(150));
				double activitySeconds = (System.nanoTime() - activityStarted) / 1e9;
				int delivered = STOPS - sandbox.deliveries().dropped().size();
				Record latency = dsl.fetchOne("""
						select count(*) as hints, count(consumed_at) as consumed,
						       percentile_cont(0.5) within group (order by extract(epoch from consumed_at - received_at)) as p50,
						       percentile_cont(0.95) within group (order by extract(epoch from consumed_at - received_at)) as p95,
						       max(extract(epoch from consumed_at - received_at))::float8 as max
						from sync.hints""");
				double p95 = latency.get("p95", Double.class) == null ? Double.NaN : latency.get("p95", Double.class);
				long duplicated = sandbox.deliveries()
					.attempts()
					.stream()
					.filter(a -> a.attempt() == 1)
					.collect(Collectors.groupingBy(Deliveries.Attempt::messageId, Collectors.counting()))
					.values()
					.stream()
					.filter(n -> n > 1)
					.count();
				bench.row("hints: stops / delivered / dropped / sent twice / hints recorded", STOPS + " / " + delivered
						+ " / " + sandbox.deliveries().dropped().size() + " / " + duplicated + " / "
						+ latency.get("hints", Long.class));
				double[] answers = sandbox.deliveries().attempts().stream().filter(a -> a.status() / 100 == 2)
					.mapToDouble(Deliveries.Attempt::answerMillis).sorted().toArray();
				double answerP95 = percentile(answers, 0.95);
				bench.row("receiver: answer time per delivery, p50 / p95 / max (deliveries)", String.format(
						"%.1f / %.1f / %.1f ms (%d)", percentile(answers, 0.5), answerP95, percentile(answers, 1), answers.length));
				bench.row("hints: activity + last hint run, wall time", String.format("%.0f s", activitySeconds));
				bench.row("hint runs: runs, requests, failed, hints left open", schedule.runs() + ", " + schedule.requests()
						+ ", " + schedule.failures() + ", " + open);
				bench.row("hint latency, delivery to commit: p50 / p95 / max", String.format("%.1f / %.1f / %.1f s",
						latency.get("p50", Double.class), p95, latency.get("max", Double.class)));

				List<RecordedRequest> hourly = Bench.run(sandbox, runner, "sync");
				long hourlyRun = dsl.fetchOne("select max(run_id) from sync.runs").get(0, Long.class);
				bench.row("hourly run after: requests, changes without hint (member-days)", hourly.size() + ", "
						+ context.getBean(HintLedger.class).changesWithoutHint(hourlyRun));
				Map<String, Integer> differences = cleanBackfillDifferences(bench, sandbox, dsl, from);
				bench.row("hints: warehouse after the hourly run vs a clean backfill",
						differences.isEmpty() ? "identical" : differences.toString());
				if (differences.containsKey("time_entries")) {
					bench.row("hints: time entries not in both the hinted warehouse and the source", notInBoth(sandbox, ws, dsl));
				}
				boolean fidelity = differences.isEmpty() && open == 0 && schedule.failures() == 0;
				line.append(String.format(" hint_p95_s=%.1f hint_requests_per_change=%.2f hint_fidelity=%s"
						+ " hint_answer_p95_ms=%.1f", p95, Bench.ratio(schedule.requests(), delivered),
						fidelity ? "ok" : "FAIL", answerP95));
				return fidelity;
			}
		}
	}

	/**
	 * The stops, evenly spread over {@link #ACTIVITY}: a seeded active member (not a project viewer) each, a tracked
	 * span of 5 to 60 minutes ending now (the sandbox's clock is the real one).
	 */
	private static void activity(Sandbox sandbox, long ws) throws InterruptedException {
		Random random = new Random(23);
		List<ObjectNode> members = sandbox.data()
			.list("members", ws)
			.stream()
			.filter(m -> "active".equals(m.path("status").asString()))
			// a project viewer is a client: no tracker, and polling reads no viewer's time (trackingMembers)
			.filter(m -> !"Project viewer".equals(m.path("current_role").asString()))
			.toList();
		long interval = ACTIVITY.toNanos() / STOPS;
		long start = System.nanoTime();
		for (int i = 0; i < STOPS; i++) {
			long wait = start + i * interval - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			if (i % REORDER_EVERY == REORDER_EVERY / 2) {
				sandbox.deliveries().reorderNext(3);
			}
			long member = members.get(random.nextInt(members.size())).path("id").asLong();
			sandbox.data().stopTracker(ws, member, 5 + random.nextInt(56), null, null);
		}
	}

	/** The tables whose live rows differ from a clean backfill's of the same days, in a fresh context and database. */
	private static Map<String, Integer> cleanBackfillDifferences(Bench bench, Sandbox sandbox, DSLContext hinted,
			String from) throws Exception {
		Map<String, Object> properties = Bench.properties(sandbox, bench.database(), REQUESTS_PER_MINUTE);
		properties.put("sync.lookback-days", DAYS);
		try (ConfigurableApplicationContext fresh = Launcher.start(new String[0], properties)) {
			Bench.run(sandbox, fresh.getBean(SyncRunner.class), "sync", from);
			Map<String, List<String>> ours = Snapshot.live(hinted);
			Map<String, List<String>> clean = Snapshot.live(fresh.getBean(DSLContext.class));
			Map<String, Integer> differences = Snapshot.differences(ours, clean);
			if (differences.containsKey("time_entries")) { // what differs, row by row: the diagnosis
				onlyIn("hinted", ours.get("time_entries"), clean.get("time_entries"));
				onlyIn("clean", clean.get("time_entries"), ours.get("time_entries"));
			}
			return differences;
		}
	}

	private static void onlyIn(String side, List<String> these, List<String> others) {
		List<String> left = new ArrayList<>(these);
		others.forEach(left::remove);
		left.forEach(row -> System.out.println("  hints: time entry only in the " + side + " warehouse: " + row));
	}

	/** Each time entry live in only one of the hinted warehouse and the source: where, and its member, day and span. */
	private static String notInBoth(Sandbox sandbox, long ws, DSLContext hinted) {
		Map<String, ObjectNode> source = new TreeMap<>();
		Bench.entries(sandbox, ws).forEach(e -> source.put(e.path("id").asString(), e));
		Map<String, String> warehouse = new TreeMap<>();
		hinted.fetch("select id, user_id || ' ' || date || ' ' || start_time || ' ' || end_time from webwork.time_entries "
				+ "where _deleted_at is null").forEach(r -> warehouse.put(r.get(0, String.class), r.get(1, String.class)));
		StringBuilder out = new StringBuilder();
		source.forEach((id, e) -> {
			if (!warehouse.containsKey(id)) {
				out.append("source only ").append(id).append(' ').append(e.path("user_id").asLong()).append(' ')
					.append(e.path("date").asString()).append(' ').append(e.path("start_time").asString()).append(' ')
					.append(e.path("end_time").asString()).append("; ");
			}
		});
		warehouse.forEach((id, e) -> {
			if (!source.containsKey(id)) {
				out.append("warehouse only ").append(id).append(' ').append(e).append("; ");
			}
		});
		return out.isEmpty() ? "none (the entries differ in content, or the clean backfill differs from the source)"
				: out.toString();
	}

	/** The nearest-rank percentile of sorted values (NaN for none). */
	private static double percentile(double[] sorted, double share) {
		return sorted.length == 0 ? Double.NaN : sorted[(int) Math.ceil(share * sorted.length) - 1];
	}

	private static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	/** A port free now, for the receiver: the job's settings must name it before the receiver can start. */
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
