package com.webworksync.job;

import static com.webworksync.job.ExitCodeTests.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.webworksync.Failures;
import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.WarehouseAssertions;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;
import com.webworksync.streams.TableMapping;
import com.webworksync.warehouse.generated.webwork.Webwork;

/**
 * A sync started as its own JVM and killed with SIGKILL mid-run (in a dimension step, in the
 * middle of the time entries, near the end), then started again, ends with exactly the warehouse
 * a clean run of the same data gives, and the restart asks again only for what was in flight.
 */
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
		clean = SyncHarness.on(sandbox).with("sync.lookback-days", LOOKBACK);
		assertThat(clean.main("sync")).isEqualTo(Failures.OK);
		cleanRequests = sandbox.requests().all();
		assertThat(cleanRequests.stream().map(ChildSync::key).distinct())
			.as("a clean run asks for each page once")
			.hasSize(cleanRequests.size());
		cleanSnapshot = read(clean.databaseUrl(), WarehouseAssertions::snapshot);
		cleanLedger = read(clean.databaseUrl(), CrashRestartTests::ledger);
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
		try (SyncHarness crashed = SyncHarness.on(sandbox).with("sync.lookback-days", LOOKBACK)) {
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
			assertThat(read(db, WarehouseAssertions::snapshot)).isNotEqualTo(cleanSnapshot);
			assertThat(child.output()).doesNotContain(TOKEN);

			assertThat(crashed.main("sync")).as("the restart").isEqualTo(Failures.OK);
			List<RecordedRequest> all = sandbox.requests().all();
			List<RecordedRequest> afterRestart = all.subList(beforeKill.size(), all.size());

			// the same warehouse as the clean run, table by table
			assertSameAsClean(db, cleanSnapshot, cleanLedger);
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

	/** Each ledger entry as (stream, workspace, partition, rows, pages, fingerprint). */
	/**
	 * The warehouse in {@code db} equals the clean run's, table by table and in the ledger, with no
	 * duplicate, no half-read partition and no run left STARTED.
	 */
	static void assertSameAsClean(String db, Map<String, List<String>> cleanSnapshot, Set<List<Object>> cleanLedger)
			throws SQLException {
		Map<String, List<String>> snapshot = read(db, WarehouseAssertions::snapshot);
		assertThat(snapshot.keySet()).isEqualTo(cleanSnapshot.keySet());
		snapshot.forEach((table, rows) -> assertThat(rows).as(table).isEqualTo(cleanSnapshot.get(table)));
		assertThat(read(db, CrashRestartTests::ledger)).as("partition ledger").isEqualTo(cleanLedger);
		read(db, dsl -> {
			assertLedgerMatchesRows(dsl);
			assertNoDuplicateIds(dsl);
			return null;
		});
		assertThat(count(db, "select count(*) from sync.partition_keys")).as("half-read partitions left").isZero();
		assertThat(count(db, "select count(*) from sync.runs where status = 'STARTED'")).as("runs left STARTED").isZero();
	}

	static Set<List<Object>> ledger(DSLContext dsl) {
		Set<List<Object>> ledger = new HashSet<>();
		for (Record r : dsl.fetch("select stream, workspace_id, partition_key, row_count, pages, fingerprint from sync.partitions")) {
			ledger.add(List.of(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)));
		}
		return ledger;
	}

	/** No partition is marked complete whose rows are missing: each ledger row count is what its tables hold. */
	static void assertLedgerMatchesRows(DSLContext dsl) {
		Catalog catalog = new Catalog();
		var entries = dsl.fetch("select stream, workspace_id, partition_key, row_count from sync.partitions");
		assertThat(entries).isNotEmpty();
		for (Record entry : entries) {
			StreamDef stream = catalog.get(entry.get(0, String.class));
			long ws = entry.get(1, Long.class);
			String key = entry.get(2, String.class);
			long rows = 0;
			for (TableMapping mapping : stream.tables()) {
				rows += dsl.fetchCount(mapping.table(), DSL.field(DSL.name("_partition")).eq(key)
					.and(ws == 0 ? DSL.noCondition() : DSL.field(DSL.name("workspace_id")).eq(ws))
					.and(DSL.field(DSL.name("_deleted_at")).isNull()));
			}
			assertThat(rows).as("live rows of " + stream.name() + " " + ws + "/" + key).isEqualTo(entry.get(3, Long.class));
		}
	}

	/** Where a table is keyed by the API's id, each id appears once and equals the id in raw. */
	static void assertNoDuplicateIds(DSLContext dsl) {
		int checked = 0;
		for (Table<?> table : Webwork.WEBWORK.getTables()) {
			if (!table.getPrimaryKey().getFields().stream().map(f -> f.getName()).toList().equals(List.of("workspace_id", "id"))) {
				continue;
			}
			checked++;
			Record counts = dsl.fetchOne("select count(*), count(distinct (workspace_id, raw->>'id')), "
					+ "count(*) filter (where id::text is distinct from raw->>'id') from webwork." + table.getName());
			assertThat(counts.get(1, Long.class)).as(table.getName() + " distinct ids").isEqualTo(counts.get(0, Long.class));
			assertThat(counts.get(2, Long.class)).as(table.getName() + " ids that differ from raw").isZero();
		}
		assertThat(checked).as("tables keyed by id").isGreaterThan(10);
	}

	static <T> T read(String databaseUrl, Function<DSLContext, T> query) throws SQLException {
		try (Connection connection = TestWarehouse.connect(databaseUrl)) {
			return query.apply(DSL.using(connection, SQLDialect.POSTGRES));
		}
	}
}
