package com.webworksync.job;

import static com.webworksync.job.CleanRun.atNoon;
import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.webworksync.SyncHarness;
import com.webworksync.WarehouseAssertions;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

/**
 * A sync started as its own JVM and killed with SIGKILL mid-run (in a dimension step, in the
 * middle of the time entries, near the end), then started again, ends with exactly the warehouse
 * a clean run of the same data gives, and the restart asks again only for what was in flight.
 * The dimensions' history tables are part of that comparison, and are in step with the current
 * tables even right after the kill (they are written in the same transaction).
 */
@Tag("scenario")
class CrashRestartTests {

	private static final int LOOKBACK = 5;
	private static final String TOKEN = "crash-restart-token-7c1e";

	@TempDir
	static Path logs;

	private static Sandbox sandbox;
	private static SyncHarness clean;
	private static List<RecordedRequest> cleanRequests;
	private static Map<String, List<String>> cleanSnapshot;
	private static Set<List<Object>> cleanLedger;

	@BeforeAll
	static void cleanRun() throws SQLException {
		sandbox = Sandbox.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withMembers(6)
			.withProjects(3)
			.withHistoryDays(20)
			.withToken(TOKEN));
		clean = atNoon(SyncHarness.onMigrated(sandbox)).with("sync.lookback-days", LOOKBACK);
		assertThat(clean.main("sync")).isEqualTo(ExitCodes.OK);
		cleanRequests = sandbox.requests().all();
		assertThat(cleanRequests.stream().map(ChildSync::key).distinct())
			.as("a clean run asks for each page once")
			.hasSize(cleanRequests.size());
		cleanSnapshot = CleanRun.read(clean.databaseUrl(), WarehouseAssertions::snapshot);
		cleanLedger = CleanRun.read(clean.databaseUrl(), CleanRun::ledger);
		assertThat(cleanSnapshot.get("time_entries")).hasSizeGreaterThan(10);
	}

	@AfterAll
	static void close() {
		clean.close();
		sandbox.close();
	}

	@Test
	void killedInADimensionStep() throws Exception {
		int secondTasksPage = nth("/tasks", 2);
		crashAndRestart("dimension", secondTasksPage + 1);
	}

	@Test
	void killedInTheMiddleOfTheTimeEntries() throws Exception {
		int first = nth("/time-entries", 1);
		long entries = cleanRequests.stream().filter(r -> r.path().equals("/time-entries")).count();
		assertThat(entries).isGreaterThan(10);
		crashAndRestart("time-entries", first + (int) entries / 2 + 1);
	}

	@Test
	void killedNearTheEnd() throws Exception {
		crashAndRestart("near-the-end", cleanRequests.size() - 2);
	}

	/** Kills a child run once the sandbox has answered {@code killAfter} requests, restarts, compares. */
	private void crashAndRestart(String name, int killAfter) throws Exception {
		try (SyncHarness crashed = atNoon(SyncHarness.onMigrated(sandbox)).with("sync.lookback-days", LOOKBACK)) {
			String db = crashed.databaseUrl();
			sandbox.requests().clear();
			ChildSync child = ChildSync.start(crashed, logs.resolve(name + ".log"), "--sync.lookback-days=" + LOOKBACK);
			child.killWhen(() -> sandbox.requests().count() >= killAfter);
			ChildSync.awaitNoOtherSessions(db);
			List<RecordedRequest> beforeKill = sandbox.requests().all();

			// the kill really interrupted the run
			assertThat(beforeKill.size()).isBetween(killAfter, killAfter + 1);
			assertThat(count(db, "select count(*) from sync.runs where status = 'STARTED'")).isEqualTo(1);
			assertThat(count(db, "select count(*) from sync.runs where status = 'COMPLETED'")).isZero();
			assertThat(CleanRun.read(db, WarehouseAssertions::snapshot)).isNotEqualTo(cleanSnapshot);
			assertThat(child.output()).doesNotContain(TOKEN);
			// history is written in the rows' transaction: whatever the kill point, it is in step
			CleanRun.read(db, dsl -> {
				CleanRun.assertHistoryInStep(dsl);
				return null;
			});

			assertThat(crashed.main("sync")).as("the restart").isEqualTo(ExitCodes.OK);
			List<RecordedRequest> all = sandbox.requests().all();
			List<RecordedRequest> afterRestart = all.subList(beforeKill.size(), all.size());

			// the same warehouse as the clean run, table by table
			CleanRun.assertSameAsClean(db, cleanSnapshot, cleanLedger);
			assertThat(count(db, "select count(*) from sync.runs where status = 'COMPLETED' and exit_code = 0")).isEqualTo(1);

			// what the restart asked for again: at most the page that was in flight at the kill
			Set<String> answeredBeforeKill = new HashSet<>();
			beforeKill.stream().filter(r -> r.status() == 200).forEach(r -> answeredBeforeKill.add(ChildSync.key(r)));
			List<String> askedAgain = afterRestart.stream().map(ChildSync::key).filter(answeredBeforeKill::contains).toList();
			assertThat(askedAgain).as("re-requested after the restart").hasSizeLessThanOrEqualTo(1);
			// and together the two runs asked for exactly what one clean run asks for
			Set<String> asked = new LinkedHashSet<>(answeredBeforeKill);
			afterRestart.forEach(r -> asked.add(ChildSync.key(r)));
			assertThat(asked).containsExactlyInAnyOrderElementsOf(cleanRequests.stream().map(ChildSync::key).toList());
		}
	}

	/** Index (1-based, in the clean run's order) of the n-th request to {@code path}. */
	private static int nth(String path, int n) {
		int seen = 0;
		for (int i = 0; i < cleanRequests.size(); i++) {
			if (cleanRequests.get(i).path().equals(path) && ++seen == n) {
				return i + 1;
			}
		}
		throw new IllegalStateException("the clean run asked " + path + " fewer than " + n + " times");
	}

}
