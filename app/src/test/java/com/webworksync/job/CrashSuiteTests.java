package com.webworksync.job;

import static com.webworksync.job.CleanRun.assertLedgerMatchesRows;
import static com.webworksync.job.CleanRun.assertNoDuplicateIds;
import static com.webworksync.job.CleanRun.atNoon;
import static com.webworksync.job.CleanRun.read;
import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.WarehouseAssertions;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.Fault.Kind;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

/**
 * Crash anywhere: kill points drawn from a fixed seed over the clean run's requests (dimension
 * steps, fact partitions, a page held in flight, a chunk's open transaction, the bookkeeping
 * after the last request). Each: SIGKILL the child JVM, run again until exit 0, then the warehouse
 * equals a clean run's, the ledger is honest, no key is duplicated, and the restart re-fetches at
 * most one partition's worth. The default build runs one point per kind ({@link #ciKillPoints});
 * {@code ./mvnw verify -Preliability} runs them all ({@link #allKillPoints}, tag "reliability").
 * Also SIGTERM: exit 3 at the next chunk boundary, and the next run continues to the same warehouse.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag("scenario")
class CrashSuiteTests {

	static final long SEED = Long.getLong("reliability.seed", 6L);
	private static final int LOOKBACK = 5;

	/** Per kind, how many kill points the full suite draws. */
	private static final Map<Where, Integer> POINTS = Map.of(Where.DIMENSION, 5, Where.FACT, 6, Where.MID_PAGE, 4,
			Where.MID_CHUNK, 4, Where.BOOKKEEPING, 2);

	enum Where {
		/** killed right after the k-th answer, k a request of a dimension step */
		DIMENSION,
		/** killed right after the k-th answer, k a request of a fact partition (time entries, reports, months) */
		FACT,
		/** the (k+1)-th request held by a SLOW fault and the child killed while it waits for the answer */
		MID_PAGE,
		/** after the k-th answer, killed while the child has a database transaction open (writing its chunk) */
		MID_CHUNK,
		/** after the last request: killed while the run closes its books */
		BOOKKEEPING
	}

	record KillPoint(Where where, int afterRequests, String path) {

		@Override
		public String toString() {
			return where + " after request " + afterRequests + " (" + path + ")";
		}
	}

	private static final Set<String> DIMENSION_PATHS = Set.of("/workspaces", "/members", "/projects", "/tasks",
			"/contracts", "/project-viewers", "/leaves/policies", "/expenses/categories", "/webhooks");

	@TempDir
	static Path logs;

	private static Sandbox sandbox;
	private static SyncHarness clean;
	private static List<RecordedRequest> cleanRequests;
	private static Map<String, List<String>> cleanSnapshot;
	private static Set<List<Object>> cleanLedger;
	private static long maxPagesPerPartition;
	private static List<KillPoint> killPoints;
	private static final List<String> results = new ArrayList<>();

	static SandboxOptions options() {
		return SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withMembers(5)
			.withProjects(3)
			.withHistoryDays(14)
			.withToken(Secrets.TOKEN);
	}

	@BeforeAll
	static synchronized void cleanRun() throws SQLException {
		if (sandbox != null) {
			return;
		}
		sandbox = Sandbox.start(options());
		clean = atNoon(SyncHarness.onMigrated(sandbox)).with("sync.lookback-days", LOOKBACK);
		assertThat(clean.main("sync")).isEqualTo(ExitCodes.OK);
		cleanRequests = sandbox.requests().all();
		cleanSnapshot = read(clean.databaseUrl(), WarehouseAssertions::snapshot);
		cleanLedger = read(clean.databaseUrl(), CleanRun::ledger);
		maxPagesPerPartition = count(clean.databaseUrl(), "select max(pages) from sync.partitions");
		killPoints = draw(cleanRequests, SEED);
	}

	@AfterAll
	static void close() throws IOException {
		if (!results.isEmpty()) {
			Path report = Path.of("target", "reliability-crash-results.txt");
			Files.createDirectories(report.getParent());
			Files.write(report, results, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		clean.close();
		sandbox.close();
	}

	/** The deterministic list: for each kind, distinct request positions drawn with {@code seed}. */
	static List<KillPoint> draw(List<RecordedRequest> requests, long seed) {
		Random random = new Random(seed);
		int n = requests.size();
		List<Integer> dimension = IntStream.rangeClosed(2, n - 1)
			.filter(i -> DIMENSION_PATHS.contains(requests.get(i - 1).path()))
			.boxed()
			.toList();
		List<Integer> fact = IntStream.rangeClosed(2, n - 1)
			.filter(i -> !DIMENSION_PATHS.contains(requests.get(i - 1).path()))
			.boxed()
			.toList();
		List<Integer> any = IntStream.rangeClosed(2, n - 2).boxed().toList();
		List<KillPoint> points = new ArrayList<>();
		for (Where where : Where.values()) {
			if (where == Where.BOOKKEEPING) {
				for (int i = 0; i < POINTS.get(where); i++) {
					points.add(new KillPoint(where, n, requests.get(n - 1).path()));
				}
				continue;
			}
			List<Integer> from = switch (where) {
				case DIMENSION -> dimension;
				case FACT -> fact;
				default -> any;
			};
			Set<Integer> chosen = new TreeSet<>();
			while (chosen.size() < Math.min(POINTS.get(where), from.size())) {
				chosen.add(from.get(random.nextInt(from.size())));
			}
			// keep the drawn order for the CI subset (the first of each kind), the positions sorted otherwise
			chosen.forEach(k -> points.add(new KillPoint(where, k, requests.get(k - 1).path())));
		}
		return points;
	}

	static Stream<Integer> ciKillPoints() {
		// the first drawn point of each kind: 5 kill points, one per kind
		List<Integer> indexes = new ArrayList<>();
		Set<Where> seen = new HashSet<>();
		List<KillPoint> points = drawnPoints();
		for (int i = 0; i < points.size(); i++) {
			if (seen.add(points.get(i).where())) {
				indexes.add(i);
			}
		}
		return indexes.stream();
	}

	static Stream<Integer> allKillPoints() {
		return IntStream.range(0, drawnPoints().size()).boxed();
	}

	/** The points are drawn from the clean run, which the parameter sources run before {@code @BeforeAll}. */
	private static synchronized List<KillPoint> drawnPoints() {
		if (killPoints == null) {
			try {
				cleanRun();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return killPoints;
	}

	@ParameterizedTest(name = "kill point {0}")
	@MethodSource("ciKillPoints")
	void ciKillPoint(int index, CapturedOutput output) throws Exception {
		crashAndRestart(killPoints.get(index), "ci-" + index, output);
	}

	@Tag("reliability")
	@ParameterizedTest(name = "kill point {0}")
	@MethodSource("allKillPoints")
	void everyKillPoint(int index, CapturedOutput output) throws Exception {
		crashAndRestart(killPoints.get(index), "all-" + index, output);
	}

	@Test
	void sigtermStopsAtTheNextChunkBoundaryWithExit3AndTheNextRunContinues(CapturedOutput output) throws Exception {
		try (SyncHarness stopped = harness()) {
			String db = stopped.databaseUrl();
			sandbox.requests().clear();
			int half = cleanRequests.size() / 2;
			ChildSync child = ChildSync.start(stopped, logs.resolve("sigterm.log"), "--sync.lookback-days=" + LOOKBACK);
			while (sandbox.requests().count() < half) {
				assertThat(child.isAlive()).as("the child still runs").isTrue();
				Thread.sleep(2);
			}
			long requestsAtSignal = sandbox.requests().count();

			assertThat(child.terminate()).as("exit code after SIGTERM").isEqualTo(ExitCodes.DEADLINE);

			long requestsAfterStop = sandbox.requests().count();
			// the chunk in flight is finished, no new partition is started
			assertThat(requestsAfterStop - requestsAtSignal).as("requests after SIGTERM").isLessThanOrEqualTo(maxPagesPerPartition + 1);
			assertThat(requestsAfterStop).isLessThan(cleanRequests.size());
			assertThat(child.output()).contains("SIGTERM");
			ChildSync.awaitNoOtherSessions(db);
			assertThat(count(db, "select count(*) from sync.runs where status = 'STARTED'")).as("runs left STARTED").isZero();
			read(db, dsl -> {
				assertLedgerMatchesRows(dsl);
				return null;
			});
			Secrets.assertNone(child.output(), db);

			assertThat(stopped.main("sync")).as("the next run").isEqualTo(ExitCodes.OK);

			assertSameAsClean(db);
			Secrets.assertNone(output.getAll(), db);
			results.add("SIGTERM after " + requestsAtSignal + " requests: exit 3, " + (requestsAfterStop - requestsAtSignal)
					+ " requests after the signal, next run exit 0, warehouse equal");
		}
	}

	private SyncHarness harness() {
		return atNoon(SyncHarness.onMigrated(sandbox))
			.with("sync.lookback-days", LOOKBACK)
			.with("warehouse.username", Secrets.role())
			.with("warehouse.password", Secrets.PASSWORD);
	}

	private void crashAndRestart(KillPoint point, String name, CapturedOutput output) throws Exception {
		long started = System.nanoTime();
		try (SyncHarness crashed = harness()) {
			String db = crashed.databaseUrl();
			sandbox.requests().clear();
			sandbox.faults().clear();
			int k = point.afterRequests();
			Duration hold = Duration.ofSeconds(4);
			if (point.where() == Where.MID_PAGE) {
				sandbox.faults().inject(Fault.of(Kind.SLOW).delay(hold).skip(k).times(1));
			}
			ChildSync child = ChildSync.start(crashed, logs.resolve(name + ".log"), "--sync.lookback-days=" + LOOKBACK);
			boolean finishedFirst = false;
			String note = "";
			try (ChildSync.Probe probe = new ChildSync.Probe(db)) {
				while (sandbox.requests().count() < k) {
					if (!child.isAlive()) {
						break;
					}
					Thread.sleep(1);
				}
				switch (point.where()) {
					case MID_PAGE -> {
						Thread.sleep(300); // request k+1 has arrived and is held
						assertThat(sandbox.requests().count()).as("answers while the page is held").isEqualTo(k);
					}
					case MID_CHUNK -> {
						long until = System.nanoTime() + 3_000_000_000L;
						boolean open = false;
						while (!open && System.nanoTime() < until && child.isAlive()) {
							open = probe.count("select count(*) from pg_stat_activity where datname = current_database() "
									+ "and pid <> pg_backend_pid() and xact_start is not null") > 0;
						}
						note = open ? "in an open transaction" : "no open transaction seen";
					}
					default -> {
					}
				}
				if (child.isAlive()) {
					child.kill();
				}
				else {
					finishedFirst = true;
				}
			}
			assertThat(finishedFirst && point.where() != Where.BOOKKEEPING)
				.as("the child ended before a kill point that is not the last request: " + child.output())
				.isFalse();
			if (finishedFirst) {
				assertThat(child.exitValue()).isEqualTo(ExitCodes.OK);
				note = "the child finished before the kill";
			}
			else {
				assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
			}
			ChildSync.awaitNoOtherSessions(db);
			if (point.where() == Where.MID_PAGE) {
				// the held request is answered to nobody; wait for the sandbox to log it, then count it as in flight
				long until = System.nanoTime() + hold.toNanos() + 5_000_000_000L;
				while (sandbox.requests().count() < k + 1 && System.nanoTime() < until) {
					Thread.sleep(20);
				}
			}
			List<RecordedRequest> beforeKill = sandbox.requests().all();
			// mid-page, the (k+1)-th was logged after the kill and answered to nobody; otherwise every logged
			// request was answered before the kill (mid-chunk, the child may have gone on past k while we waited)
			List<RecordedRequest> answeredBeforeKill = point.where() == Where.MID_PAGE
					? beforeKill.subList(0, Math.min(k, beforeKill.size())) : beforeKill;
			if (!finishedFirst) {
				assertThat(count(db, "select count(*) from sync.runs where status = 'STARTED'")).as("a run left STARTED").isEqualTo(1);
			}
			Secrets.assertNone(child.output(), db);

			int restarts = 0;
			int code;
			do {
				code = crashed.main("sync");
				restarts++;
			}
			while (code != ExitCodes.OK && restarts < 3);
			assertThat(code).as("the restart").isEqualTo(ExitCodes.OK);
			List<RecordedRequest> all = sandbox.requests().all();
			List<RecordedRequest> afterRestart = all.subList(beforeKill.size(), all.size());

			assertSameAsClean(db);

			Set<String> answered = new HashSet<>();
			answeredBeforeKill.stream().filter(r -> r.status() == 200).forEach(r -> answered.add(ChildSync.key(r)));
			List<String> askedAgain = afterRestart.stream().map(ChildSync::key).filter(answered::contains).toList();
			assertThat(askedAgain).as("re-requested after the restart: at most one partition's pages")
				.hasSizeLessThanOrEqualTo((int) maxPagesPerPartition);
			Set<String> asked = new LinkedHashSet<>(answered);
			afterRestart.forEach(r -> asked.add(ChildSync.key(r)));
			assertThat(asked).containsExactlyInAnyOrderElementsOf(cleanRequests.stream().map(ChildSync::key).toList());
			Secrets.assertNone(output.getAll(), db);
			results.add(String.format("%s | %s | killed %s | restarts to exit 0: %d | re-fetched: %d | %.1f s", name, point,
					note.isEmpty() ? "" : "(" + note + ")", restarts, askedAgain.size(), (System.nanoTime() - started) / 1e9));
		}
	}

	private static void assertSameAsClean(String db) throws SQLException {
		CleanRun.assertSameAsClean(db, cleanSnapshot, cleanLedger);
	}
}
