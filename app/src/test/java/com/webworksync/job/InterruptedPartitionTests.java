package com.webworksync.job;

import static com.webworksync.job.CleanRun.atNoon;
import static com.webworksync.job.CleanRun.read;
import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.webworksync.SyncHarness;
import com.webworksync.WarehouseAssertions;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.Fault.Kind;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

import tools.jackson.databind.node.ObjectNode;

/**
 * A run interrupted inside a time-entries partition of two pages, after its first page was
 * committed, resumes at the second page: the same warehouse as a clean run, and nothing that was
 * already answered is asked for again. Once as a crash (a child JVM killed with SIGKILL while it
 * waits for page 2), once as a failed step (page 2 keeps failing until the client gives up).
 */
class InterruptedPartitionTests {

	private static final int LOOKBACK = 3;

	@TempDir
	static Path logs;

	private static Sandbox sandbox;
	private static SyncHarness clean;
	private static String partitionKey;
	private static long member;
	private static LocalDate day;
	/** /time-entries requests before page 2 of the big partition, in a clean run. */
	private static int entriesRequestsBeforePage2;
	private static List<RecordedRequest> cleanRequests;
	private static Map<String, List<String>> cleanSnapshot;
	private static Set<List<Object>> cleanLedger;

	@BeforeAll
	static void aMemberDayOfTwoPagesAndACleanRun() throws Exception {
		sandbox = Sandbox.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withMembers(6)
			.withProjects(2)
			.withHistoryDays(10)
			.withToken("interrupted-partition-token"));
		long ws = sandbox.data().workspaceIds().get(0);
		ObjectNode contract = sandbox.data().list("contracts", ws).get(0);
		member = contract.path("user_id").asLong();
		day = sandbox.data().today(ws).minusDays(1);
		for (int i = 0; i < 60; i++) {
			sandbox.data().addTimeEntry(ws, member, day, LocalTime.MIDNIGHT.plusMinutes(6L * i), 5,
					contract.path("project_id").asLong(), null, "short slice " + i);
		}
		long entries = sandbox.data().list("time_entries", ws).stream()
			.filter(e -> e.path("user_id").asLong() == member && e.path("date").asString().equals(day.toString()))
			.count();
		assertThat(entries).as("entries of the member-day").isBetween(51L, 100L);
		partitionKey = member + "@" + day;

		clean = atNoon(SyncHarness.onMigrated(sandbox)).with("sync.lookback-days", LOOKBACK);
		assertThat(clean.main("sync")).isEqualTo(ExitCodes.OK);
		cleanRequests = sandbox.requests().all();
		List<RecordedRequest> entryRequests = cleanRequests.stream().filter(r -> r.path().equals("/time-entries")).toList();
		entriesRequestsBeforePage2 = -1;
		for (int i = 0; i < entryRequests.size(); i++) {
			if (isPage(entryRequests.get(i), 2)) {
				entriesRequestsBeforePage2 = i;
			}
		}
		assertThat(entriesRequestsBeforePage2).as("the partition has a page 2").isPositive();
		assertThat(entryRequests.stream().filter(r -> isPage(r, 3))).isEmpty();
		cleanSnapshot = read(clean.databaseUrl(), WarehouseAssertions::snapshot);
		cleanLedger = read(clean.databaseUrl(), CleanRun::ledger);
		assertThat(cleanLedger).anySatisfy(entry -> {
			assertThat(entry.get(2)).isEqualTo(partitionKey);
			assertThat(entry.get(4)).as("pages").isEqualTo(2);
		});
	}

	@AfterAll
	static void close() {
		clean.close();
		sandbox.close(); // also wakes the request still held back by the SLOW fault
	}

	@Test
	void killedWhileWaitingForPage2() throws Exception {
		try (SyncHarness crashed = atNoon(SyncHarness.onMigrated(sandbox)).with("sync.lookback-days", LOOKBACK)) {
			String db = crashed.databaseUrl();
			sandbox.requests().clear();
			sandbox.faults().clear();
			// page 2 is held back long enough for the kill to land while the child waits for it
			sandbox.faults()
				.inject(Fault.of(Kind.SLOW).on("/time-entries").skip(entriesRequestsBeforePage2).delay(Duration.ofMinutes(5)));
			ChildSync child = ChildSync.start(crashed, logs.resolve("page2.log"), "--sync.lookback-days=" + LOOKBACK);
			try (ChildSync.Probe probe = new ChildSync.Probe(db)) {
				// the SLOW rule taken: the child has sent page 2 and waits for it
				child.killWhen(() -> sandbox.faults().pending() == 0 && probe.count(keysOfThePartition()) == 50);
			}
			ChildSync.awaitNoOtherSessions(db);
			List<RecordedRequest> beforeKill = sandbox.requests().all();
			assertThat(beforeKill).as("page 2 never answered").noneMatch(r -> isPage(r, 2));
			assertThat(beforeKill).anyMatch(r -> isPage(r, 1));

			assertInterruptedAfterPage1(db);
			restartAndCompare(crashed, beforeKill);
		}
	}

	@Test
	void failedForGoodOnPage2() throws Exception {
		try (SyncHarness failed = atNoon(SyncHarness.onMigrated(sandbox)).with("sync.lookback-days", LOOKBACK).with("webwork.max-attempts", 2)) {
			String db = failed.databaseUrl();
			sandbox.requests().clear();
			sandbox.faults().clear();
			sandbox.faults()
				.inject(Fault.of(Kind.UNAVAILABLE).on("/time-entries").skip(entriesRequestsBeforePage2).times(2));

			assertThat(failed.main("sync")).isEqualTo(ExitCodes.FAILED);

			List<RecordedRequest> beforeRestart = sandbox.requests().all();
			assertThat(beforeRestart.stream().filter(r -> isPage(r, 2))).extracting(RecordedRequest::status)
				.containsExactly(503, 503);
			assertThat(count(db, "select count(*) from sync.runs where status = 'FAILED' and exit_code = 1")).isEqualTo(1);
			assertInterruptedAfterPage1(db);
			restartAndCompare(failed, beforeRestart);
		}
	}

	/** Page 1 committed (its keys remembered), the partition not closed, the run not finished. */
	private static void assertInterruptedAfterPage1(String db) throws Exception {
		assertThat(count(db, keysOfThePartition())).isEqualTo(50);
		assertThat(count(db, "select count(*) from sync.partitions where stream = 'time_entries' and partition_key = '"
				+ partitionKey + "'")).isZero();
		assertThat(count(db, "select count(*) from webwork.time_entries where _partition = '" + partitionKey + "'"))
			.isEqualTo(50);
		assertThat(count(db, "select count(*) from sync.runs where status = 'COMPLETED'")).isZero();
	}

	private static void restartAndCompare(SyncHarness harness, List<RecordedRequest> beforeRestart) throws Exception {
		String db = harness.databaseUrl();
		assertThat(harness.main("sync")).as("the restart").isEqualTo(ExitCodes.OK);
		List<RecordedRequest> all = sandbox.requests().all();
		List<RecordedRequest> afterRestart = all.subList(beforeRestart.size(), all.size());

		// the restart went on with page 2 of the interrupted partition, and asked nothing answered before
		RecordedRequest firstEntries = afterRestart.stream().filter(r -> r.path().equals("/time-entries")).findFirst().orElseThrow();
		assertThat(isPage(firstEntries, 2)).as(ChildSync.key(firstEntries)).isTrue();
		Set<String> answered = new HashSet<>();
		beforeRestart.stream().filter(r -> r.status() == 200).forEach(r -> answered.add(ChildSync.key(r)));
		assertThat(afterRestart.stream().map(ChildSync::key).filter(answered::contains)).as("asked again").isEmpty();
		Set<String> asked = new LinkedHashSet<>(answered);
		afterRestart.forEach(r -> asked.add(ChildSync.key(r)));
		assertThat(asked).containsExactlyInAnyOrderElementsOf(cleanRequests.stream().map(ChildSync::key).toList());

		Map<String, List<String>> snapshot = read(db, WarehouseAssertions::snapshot);
		snapshot.forEach((table, rows) -> assertThat(rows).as(table).isEqualTo(cleanSnapshot.get(table)));
		assertThat(read(db, CleanRun::ledger)).isEqualTo(cleanLedger);
		read(db, dsl -> {
			CleanRun.assertLedgerMatchesRows(dsl);
			return null;
		});
		assertThat(count(db, "select count(*) from sync.partition_keys")).isZero();
		assertThat(count(db, "select count(*) from webwork.time_entries where _partition = '" + partitionKey
				+ "' and _deleted_at is null")).isGreaterThan(50);
	}

	private static String keysOfThePartition() {
		return "select count(*) from sync.partition_keys where stream = 'time_entries' and partition_key = '" + partitionKey + "'";
	}

	private static boolean isPage(RecordedRequest r, int page) {
		return r.path().equals("/time-entries") && r.query().get("user_id").get(0).equals(Long.toString(member))
				&& r.query().get("date").get(0).equals(day.toString()) && r.query().get("page").get(0).equals(Integer.toString(page));
	}
}
