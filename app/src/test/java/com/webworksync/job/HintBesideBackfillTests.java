package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.postgresql.ds.PGSimpleDataSource;

import tools.jackson.databind.JsonNode;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.WebworkSyncApplication;
import com.webworksync.auth.CredentialsKey;
import com.webworksync.hooks.Receiver;
import com.webworksync.hooks.WebhookSettings;
import com.webworksync.sandbox.RecordedRequest;

/**
 * A hint beside a long backfill (sandbox over HTTP with a per-token limit, a real receiver, real PostgreSQL, the
 * backfill in a child JVM): a tracker stops while {@code sync --from --to} reads its time entries. The running
 * backfill serves the hint between its partitions, so the member-day reaches the warehouse while it still has
 * partitions to read; a {@code sync --hints} started beside it exits 0 at once and spends nothing. Both finish, no
 * partition is asked twice but the three the hint names (once more, after the stop), and the token stays under its
 * limit. Nothing depends on speed: the backfill is paced by the limit, the test polls.
 */
@Tag("scenario")
class HintBesideBackfillTests {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
	private static final String TIME_ENTRIES_LEFT = "select count(*) from sync.pool_partitions q join sync.pool_plans p "
			+ "using (plan_id) where p.stream = 'time_entries' and not p.hints and not q.done";

	@TempDir
	Path dir;

	private SyncHarness harness;

	private Receiver receiver;

	@BeforeEach
	void start() {
		harness = SyncHarness.start(SyncHarness.fastOptions()
			.withRequestsPerMinute(PoolFixture.REQUESTS_PER_MINUTE)
			.withMembers(8)
			.withHistoryDays(100));
		harness.with("sync.lookback-days", 2);
		assertThat(harness.main("status")).as("the warehouse migrated before the receiver starts").isZero();
		PGSimpleDataSource warehouse = new PGSimpleDataSource();
		warehouse.setURL(harness.databaseUrl());
		warehouse.setUser(TestWarehouse.username());
		warehouse.setPassword(TestWarehouse.password());
		receiver = Receiver.create(Set.of("default"), warehouse, CredentialsKey.parse(KEY),
				Clock.systemUTC(), new WebhookSettings(null, 0, null)).start();
		harness.with("webwork.webhook-url", "http://127.0.0.1:" + receiver.port() + "/webhooks")
			.with("webwork.credentials-key", KEY);
		assertThat(harness.main("sync")).as("the first sync, which subscribes").isZero();
	}

	@AfterEach
	void stop() {
		receiver.close();
		harness.close();
	}

	@Test
	void theRunningBackfillServesTheHintAndAHintRunBesideItExitsZero() throws Exception {
		long ws = harness.sandbox().data().workspaceIds().get(0);
		long member = harness.sandbox().data().list("members", ws).get(3).get("id").asLong();
		LocalDate today = harness.sandbox().data().today(ws);
		harness.sandbox().requests().clear();
		long runsBefore = count("select count(*) from sync.runs");
		ChildSync backfill = ChildSync.withProperties(harness, dir.resolve("backfill.log"),
				"--from=" + today.minusDays(90), "--to=" + today.minusDays(5));
		try (ChildSync.Probe probe = new ChildSync.Probe(harness.databaseUrl())) {
			backfill.awaitPoint(() -> probe.count("select count(*) from sync.pool_partitions q join sync.pool_plans p "
					+ "using (plan_id) where p.stream = 'time_entries' and q.done") >= 10);
			int stoppedAt = harness.sandbox().requests().all().size();
			JsonNode stopped = harness.sandbox().data().stopTracker(ws, member, 25, null, null);
			String entry = stopped.get("id").asString();
			// the day the hint names: the entry's, on the owner's calendar (America/New_York), not UTC's
			LocalDate day = LocalDate.parse(stopped.get("date").asString());
			assertThat(harness.sandbox().deliveries().awaitSent(Duration.ofSeconds(60))).isTrue();
			assertThat(probe.count("select count(*) from sync.hints")).isEqualTo(1);
			// paced by the token's limit, this many partitions outlast the hint run beside it and the hint's reads
			assertThat(probe.count(TIME_ENTRIES_LEFT)).as("time entries the backfill has left").isGreaterThan(100);

			String line = hintRunBeside();
			assertThat(line).startsWith("webwork-sync: the running webwork-sync run serves the hints");
			assertThat(count("select count(*) from sync.runs")).as("the hint run beside is not a run")
				.isEqualTo(runsBefore + 1);

			backfill.awaitPoint(() -> probe.count("select count(*) from webwork.time_entries where id = '" + entry + "'") == 1);
			assertThat(probe.count(TIME_ENTRIES_LEFT)).as("the entry is in while the backfill still reads").isPositive();
			assertThat(backfill.await(600)).as(backfill.output()).isZero();

			List<RecordedRequest> asked = harness.sandbox().requests().all();
			Predicate<RecordedRequest> hinted = r -> r.path().equals("/time-entries")
					&& r.query().get("date").equals(List.of(day.toString()))
					&& r.query().get("user_id").equals(List.of(Long.toString(member)));
			List<Integer> hintedAt = indexes(asked, hinted);
			assertThat(hintedAt).as("the hinted member-day, read after the stop").last().matches(i -> i >= stoppedAt);
			assertThat(asked.subList(hintedAt.get(hintedAt.size() - 1), asked.size()))
				.as("the backfill's time entries read after the hinted one")
				.anyMatch(r -> r.path().equals("/time-entries") && !r.query().get("date").equals(List.of(day.toString())));
			// GET /webhooks twice: the webhooks stream's partition, and keeping our subscription at the end (not a read)
			Map<String, Long> perPartition = PoolFixture.asked(asked.stream().filter(r -> !r.path().equals("/webhooks")).toList());
			perPartition.forEach((key, times) -> {
				boolean hintNamed = key.startsWith("/time-entries?date=" + day + "&") && key.contains("user_id=" + member)
						|| key.startsWith("/reports/daily-timeline?date=" + day + "&")
						|| key.startsWith("/reports/daily-attendance?date=" + day + "&");
				assertThat(times).as(key).isLessThanOrEqualTo(hintNamed ? 2 : 1);
			});
			PoolFixture.assertEachTokenUnderItsLimit(asked);
		}
		assertThat(sql("select consumed_run = (select max(run_id) from sync.runs) from sync.hints"))
			.as("consumed by the backfill, with the rows it brought").containsExactly("true");
		assertThat(sql("select count(*) from sync.hint_partitions where read_run is null")).containsExactly("0");
		assertThat(sql("select count(*) from sync.pool_plans where closed_at is null")).containsExactly("0");
	}

	/** {@code sync --hints} in-process while the backfill holds the lock: its exit code, and its one line. */
	private String hintRunBeside() {
		PrintStream err = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		int exit;
		try {
			System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
			exit = WebworkSyncApplication.run(new String[] { "sync", "--hints" }, harness.properties());
		}
		finally {
			System.setErr(err);
		}
		String lines = captured.toString(StandardCharsets.UTF_8);
		assertThat(exit).as(lines).isZero();
		assertThat(lines.lines().toList()).as(lines).hasSize(1);
		return lines.strip();
	}

	private static List<Integer> indexes(List<RecordedRequest> asked, Predicate<RecordedRequest> which) {
		return IntStream.range(0, asked.size())
			.filter(i -> which.test(asked.get(i)))
			.boxed()
			.toList();
	}

	private long count(String query) {
		return Long.parseLong(sql(query).get(0));
	}

	private List<String> sql(String query) {
		return harness.dsl().fetch(query).map(r -> String.valueOf(r.get(0)));
	}
}
