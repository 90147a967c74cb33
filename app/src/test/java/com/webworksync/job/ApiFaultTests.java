package com.webworksync.job;

import static com.webworksync.job.CleanRun.assertLedgerMatchesRows;
import static com.webworksync.job.CleanRun.assertNoDuplicateIds;
import static com.webworksync.job.CleanRun.atNoon;
import static com.webworksync.job.CleanRun.read;
import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.WarehouseAssertions;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.Fault.Kind;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every sandbox fault kind alone, and a mixed storm drawn from a fixed seed, against a fresh
 * warehouse each: the run completes and equals a clean run's, or fails (exit 1 or 2) with one line
 * naming the endpoint and the problem. Either way no partition is marked complete with rows a
 * clean run would not have, and a run after the faults end reaches the clean warehouse.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiFaultTests {

	static final long SEED = Long.getLong("reliability.seed", 6L);
	private static final String PATH = "/time-entries";
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Sandbox sandbox;
	private static SyncHarness clean;
	private static Map<String, List<String>> cleanSnapshot;
	private static Set<List<Object>> cleanLedger;

	@BeforeAll
	static void cleanRun() throws SQLException {
		sandbox = Sandbox.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withMembers(4)
			.withProjects(2)
			.withHistoryDays(7)
			.withToken(Secrets.TOKEN));
		clean = atNoon(SyncHarness.onMigrated(sandbox)).with("sync.lookback-days", 3);
		assertThat(clean.main("sync")).isEqualTo(ExitCodes.OK);
		cleanSnapshot = read(clean.databaseUrl(), WarehouseAssertions::snapshot);
		cleanLedger = read(clean.databaseUrl(), CleanRun::ledger);
		assertThat(cleanSnapshot.get("time_entries")).hasSizeGreaterThan(5);
	}

	@AfterAll
	static void close() {
		clean.close();
		sandbox.close();
	}

	private static SyncHarness harness() {
		return atNoon(SyncHarness.onMigrated(sandbox))
			.with("sync.lookback-days", 3)
			.with("webwork.read-timeout", "300ms")
			.with("webwork.max-attempts", 6)
			.with("warehouse.username", Secrets.role())
			.with("warehouse.password", Secrets.PASSWORD);
	}

	/** The fault each kind is tested with: bursts of the transient ones, one page for the rest. */
	static Fault faultFor(Kind kind) {
		Fault fault = Fault.of(kind).on(PATH);
		return switch (kind) {
			case TOO_MANY_REQUESTS -> Fault.of(kind).times(5); // a storm on every endpoint, no Retry-After
			case LYING_REMAINING -> Fault.of(kind).times(20);
			case SERVER_ERROR, BAD_GATEWAY, UNAVAILABLE -> fault.times(3);
			case SLOW -> fault.delay(Duration.ofMillis(1500)).times(2); // beyond the 300 ms read timeout
			case RESET_CONNECTION, TRUNCATED_JSON, HTML_200, SUCCESS_FALSE_200 -> fault.times(2);
			default -> fault.times(1);
		};
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Kind.class)
	void eachFaultKindAlone(Kind kind, CapturedOutput output) throws Exception {
		try (SyncHarness harness = harness()) {
			sandbox.faults().clear();
			sandbox.faults().inject(faultFor(kind));
			int code = harness.main("sync");
			sandbox.faults().clear();
			String db = harness.databaseUrl();
			switch (kind) {
				case TOO_MANY_REQUESTS, LYING_REMAINING, SERVER_ERROR, BAD_GATEWAY, UNAVAILABLE, SLOW, RESET_CONNECTION,
						TRUNCATED_JSON, HTML_200, SUCCESS_FALSE_200 -> {
					assertThat(code).as(kind + " is retried and the run completes").isEqualTo(ExitCodes.OK);
					assertSameAsClean(db);
				}
				case EXTRA_FIELD -> {
					assertThat(code).isEqualTo(ExitCodes.OK);
					assertOnlyRawDiffers(db, (faulted, cleanRow) -> {
						ObjectNode expected = ((ObjectNode) cleanRow.deepCopy());
						expected.putObject("x_new_field").put("a", 1);
						assertThat(faulted).as("the unknown field is kept in raw").isEqualTo(expected);
					});
					read(db, dsl -> {
						assertLedgerMatchesRows(dsl);
						return null;
					});
				}
				case MISSING_FIELD -> {
					assertThat(code).isEqualTo(ExitCodes.OK);
					assertMissingFieldIsNull(db);
					read(db, dsl -> {
						assertLedgerMatchesRows(dsl);
						return null;
					});
				}
				case WRONG_TYPE -> {
					// the first numeric field of each item (user_id on /time-entries) becomes "abc": a typed column, so the run fails
					assertThat(code).isEqualTo(ExitCodes.FAILED);
					assertOneLineNaming(output, "GET " + PATH, "field '", "unexpected value \"abc\"");
					assertCompletePartitionsAreClean(db);
					assertThat(harness.main("sync")).as("the next run, the API healed").isEqualTo(ExitCodes.OK);
					assertSameAsClean(db);
				}
				case UNAUTHORIZED -> {
					assertThat(code).isEqualTo(ExitCodes.CONFIGURATION);
					assertOneLineNaming(output, "WEBWORK_API_TOKEN");
					assertCompletePartitionsAreClean(db);
					assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
					assertSameAsClean(db);
				}
				case FORBIDDEN, NOT_FOUND -> {
					// a 403/404 on one page of a fact endpoint: whatever the code decides, it is said and honest
					if (code == ExitCodes.OK) {
						assertThat(output.getAll()).contains(PATH);
					}
					else {
						assertOneLineNaming(output, PATH);
					}
					assertCompletePartitionsAreClean(db);
					assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
					assertSameAsClean(db);
				}
			}
			RunChecks.assertNoStackTrace(output);
			Secrets.assertNone(output.getAll(), db);
		}
	}

	@Test
	void aMixedStormFromAFixedSeedCompletesOrFailsCleanlyAndTheNextRunIsClean(CapturedOutput output) throws Exception {
		Random random = new Random(SEED);
		List<Kind> transient_ = List.of(Kind.TOO_MANY_REQUESTS, Kind.LYING_REMAINING, Kind.SERVER_ERROR, Kind.BAD_GATEWAY,
				Kind.UNAVAILABLE, Kind.SLOW, Kind.RESET_CONNECTION, Kind.TRUNCATED_JSON, Kind.HTML_200, Kind.SUCCESS_FALSE_200);
		List<String> paths = List.of("", "/members", "/projects", "/tasks", "/time-entries", "/reports/", "/timesheets",
				"/leaves", "/expenses");
		List<Fault> storm = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			Kind kind = transient_.get(random.nextInt(transient_.size()));
			Fault fault = Fault.of(kind).on(paths.get(random.nextInt(paths.size()))).skip(random.nextInt(6)).times(1 + random.nextInt(2));
			if (kind == Kind.TOO_MANY_REQUESTS && random.nextBoolean()) {
				fault = fault.retryAfter(1);
			}
			if (kind == Kind.SLOW) {
				fault = fault.delay(Duration.ofMillis(600));
			}
			storm.add(fault);
		}
		try (SyncHarness harness = harness()) {
			sandbox.faults().clear();
			storm.forEach(sandbox.faults()::inject);
			int code = harness.main("sync");
			sandbox.faults().clear();
			String db = harness.databaseUrl();
			assertThat(code).as("storm " + storm).isIn(ExitCodes.OK, ExitCodes.FAILED);
			if (code == ExitCodes.OK) {
				assertSameAsClean(db);
			}
			else {
				assertOneLineNaming(output, "GET /");
				assertCompletePartitionsAreClean(db);
				assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
				assertSameAsClean(db);
			}
			RunChecks.assertNoStackTrace(output);
			Secrets.assertNone(output.getAll(), db);
		}
	}

	@Test
	void aRetryAfterStormIsWaitedOut(CapturedOutput output) throws Exception {
		try (SyncHarness harness = harness()) {
			sandbox.faults().clear();
			sandbox.faults().inject(Fault.of(Kind.TOO_MANY_REQUESTS).retryAfter(1).times(3));
			assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
			assertSameAsClean(harness.databaseUrl());
			Secrets.assertNone(output.getAll(), harness.databaseUrl());
		}
	}

	static void assertOneLineNaming(CapturedOutput output, String... parts) {
		List<String> lines = output.getErr().lines().filter(l -> l.startsWith("webwork-sync: ")).toList();
		assertThat(lines).as("the failure line").hasSize(1);
		for (String part : parts) {
			assertThat(lines.get(0)).contains(part);
		}
	}

	private static void assertSameAsClean(String db) throws SQLException {
		CleanRun.assertSameAsClean(db, cleanSnapshot, cleanLedger);
	}

	/** What a failed run marked complete is exactly what a clean run has for that partition; the rest is unmarked. */
	static void assertCompletePartitionsAreClean(String db) throws SQLException {
		Set<List<Object>> ledger = read(db, CleanRun::ledger);
		assertThat(cleanLedger).as("complete partitions (stream, ws, key, rows, pages)").containsAll(ledger);
		if (!ledger.isEmpty()) {
			read(db, dsl -> {
				assertLedgerMatchesRows(dsl);
				return null;
			});
		}
	}

	/** Rows of the faulted warehouse that differ from the clean one differ in raw only (and there is at least one). */
	private static void assertOnlyRawDiffers(String db, java.util.function.BiConsumer<JsonNode, JsonNode> rawCheck)
			throws SQLException {
		int differing = forEachDifferingRow(db, (faulted, cleanRow) -> {
			int raw = rawIndex(cleanRow);
			for (int c = 0; c < cleanRow.size(); c++) {
				if (c != raw) {
					assertThat(faulted.get(c)).as("column " + c).isEqualTo(cleanRow.get(c));
				}
			}
			rawCheck.accept(faulted.get(raw), cleanRow.get(raw));
		});
		assertThat(differing).as("rows the fault changed").isPositive();
	}

	/** Each changed row lacks one field in raw, and any column that changed is NULL (never 0). */
	private static void assertMissingFieldIsNull(String db) throws SQLException {
		int differing = forEachDifferingRow(db, (faulted, cleanRow) -> {
			int raw = rawIndex(cleanRow);
			List<String> dropped = new ArrayList<>(cleanRow.get(raw).propertyNames());
			dropped.removeAll(faulted.get(raw).propertyNames());
			assertThat(dropped).as("fields missing from raw").hasSize(1);
			for (int c = 0; c < cleanRow.size(); c++) {
				if (c != raw && !faulted.get(c).equals(cleanRow.get(c))) {
					assertThat(faulted.get(c).isNull()).as("column of the missing field " + dropped + " is NULL, was " + faulted.get(c))
						.isTrue();
				}
			}
		});
		assertThat(differing).as("rows the fault changed").isPositive();
	}

	/** Calls back with (faulted, clean) rows, as JSON arrays of their columns, for each row (in key order) that differs. */
	private static int forEachDifferingRow(String db, java.util.function.BiConsumer<JsonNode, JsonNode> check) throws SQLException {
		Map<String, List<String>> snapshot = read(db, WarehouseAssertions::snapshot);
		int differing = 0;
		for (Map.Entry<String, List<String>> table : snapshot.entrySet()) {
			List<String> cleanRows = cleanSnapshot.get(table.getKey());
			assertThat(table.getValue()).as(table.getKey() + " rows").hasSameSizeAs(cleanRows);
			for (int i = 0; i < cleanRows.size(); i++) {
				if (!table.getValue().get(i).equals(cleanRows.get(i))) {
					differing++;
					JsonNode faulted = JSON.readTree(table.getValue().get(i));
					JsonNode cleanRow = JSON.readTree(cleanRows.get(i));
					assertThat(rawIndex(cleanRow)).as(table.getKey() + " row differs but has no raw: " + faulted + "\nclean: " + cleanRow)
						.isNotNegative();
					check.accept(faulted, cleanRow);
				}
			}
		}
		return differing;
	}

	/** The position of raw in a row: its one JSON object column; -1 when there is none. */
	private static int rawIndex(JsonNode row) {
		int found = -1;
		for (int c = 0; c < row.size(); c++) {
			if (row.get(c).isObject()) {
				assertThat(found).as("one object column per row").isNegative();
				found = c;
			}
		}
		return found;
	}

}
