package com.webworksync.job;

import static com.webworksync.job.CleanRun.read;
import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
 * Reports paged by user with more users than a page holds (250 members, at most 100 users a
 * page): every user's rows land, a row gone at the source is soft-deleted whichever page it was
 * on and no other row of the partition is, and a run killed between two pages of a report
 * resumes at the next page with the same warehouse as a clean run.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManyUsersReportTests {

	private static final int MEMBERS = 250;
	private static final int LOOKBACK = 2;
	private static final String STREAMS = "workspaces,members,report_tracked_hours,report_attendance";
	private static final String ATTENDANCE = "/reports/daily-attendance";
	/** A Wednesday: few members track time at weekends, and each day of the lookback needs more than a page of them. */
	private static final LocalDate TODAY = LocalDate.parse("2026-03-18");
	private static final String NOW = "2026-03-18T16:00:00Z";

	@TempDir
	static Path logs;

	private static Sandbox sandbox;
	private static SyncHarness clean;
	private static long ws;
	private static List<RecordedRequest> cleanRequests;
	private static Map<String, List<String>> cleanSnapshot;
	private static Set<List<Object>> cleanLedger;

	@BeforeAll
	static void aBigWorkspaceAndACleanRun() throws Exception {
		sandbox = Sandbox.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withMembers(MEMBERS)
			.withProjects(3)
			.withHistoryDays(5)
			.withToday(TODAY)
			.withToken("many-users-token"));
		ws = sandbox.data().workspaceIds().get(0);
		assertThat(sandbox.data().today(ws)).isEqualTo(TODAY);
		clean = harness();
		assertThat(clean.main("sync")).isEqualTo(ExitCodes.OK);
		cleanRequests = sandbox.requests().all();
		cleanSnapshot = read(clean.databaseUrl(), WarehouseAssertions::snapshot);
		cleanLedger = read(clean.databaseUrl(), CleanRun::ledger);
	}

	private static SyncHarness harness() {
		return SyncHarness.on(sandbox)
			.with("sync.lookback-days", LOOKBACK)
			.with("sync.streams", STREAMS)
			.with("sync.now", NOW);
	}

	@AfterAll
	static void close() {
		clean.close();
		sandbox.close();
	}

	@Test
	@Order(1)
	void everyUsersRowsLandFromEveryPage() throws Exception {
		String db = clean.databaseUrl();
		// attendance lists every member but project viewers and those who left
		long attending = sandbox.data().list("members", ws).stream()
			.filter(m -> !"Project viewer".equals(m.path("current_role").asString(""))
					&& !"left".equals(m.path("status").asString("")))
			.count();
		assertThat(attending).as("more users than two pages hold").isGreaterThan(200);
		for (int back = 0; back < LOOKBACK; back++) {
			LocalDate day = TODAY.minusDays(back);
			assertThat(count(db, "select count(distinct user_id) from webwork.report_attendance where date = '" + day
					+ "' and _deleted_at is null")).as("attendance users on " + day).isEqualTo(attending);
			assertThat(count(db, "select pages from sync.partitions where stream = 'report_attendance' and partition_key = '"
					+ day + "'")).as("pages of 100 users").isEqualTo(3);
			Set<Long> tracked = new TreeSet<>();
			sandbox.data().list("time_entries", ws).stream()
				.filter(e -> e.path("date").asString().equals(day.toString()))
				.forEach(e -> tracked.add(e.path("user_id").asLong()));
			assertThat(tracked).as("members with time on " + day).hasSizeGreaterThan(100);
			Set<Long> landed = new TreeSet<>(values(db, Long.class, "select distinct user_id from webwork.report_tracked_hours "
					+ "where date = ? and _deleted_at is null", day));
			assertThat(landed).as("tracked-hours users on " + day).isEqualTo(tracked);
		}
		assertThat(count(db, "select count(*) from webwork.report_tracked_hours where _deleted_at is not null")).isZero();
	}

	@Test
	@Order(2)
	void killedBetweenTwoPagesOfAReportResumesAtTheNextPage() throws Exception {
		List<RecordedRequest> attendance = cleanRequests.stream().filter(r -> r.path().equals(ATTENDANCE)).toList();
		int beforePage2 = -1;
		for (int i = 0; i < attendance.size() && beforePage2 < 0; i++) {
			if (page(attendance.get(i)) == 2) {
				beforePage2 = i;
			}
		}
		assertThat(beforePage2).as("a day of attendance has a page 2").isPositive();
		String date = attendance.get(beforePage2).query().get("date").get(0);
		try (SyncHarness crashed = harness()) {
			String db = crashed.databaseUrl();
			sandbox.requests().clear();
			sandbox.faults().clear();
			sandbox.faults().inject(Fault.of(Kind.SLOW).on(ATTENDANCE).skip(beforePage2).delay(Duration.ofMinutes(5)));
			ChildSync child = ChildSync.start(crashed, logs.resolve("attendance.log"), "--sync.lookback-days=" + LOOKBACK,
					"--sync.streams=" + STREAMS);
			String keys = "select count(*) from sync.partition_keys where stream = 'report_attendance' and partition_key = '"
					+ date + "'";
			try (ChildSync.Probe probe = new ChildSync.Probe(db)) {
				child.killWhen(() -> sandbox.faults().pending() == 0 && probe.count(keys) == 100);
			}
			ChildSync.awaitNoOtherSessions(db);
			List<RecordedRequest> beforeKill = sandbox.requests().all();
			assertThat(count(db, "select count(*) from webwork.report_attendance where _partition = '" + date + "'"))
				.as("page 1 committed").isEqualTo(100);
			assertThat(count(db, "select count(*) from sync.partitions where stream = 'report_attendance' and partition_key = '"
					+ date + "'")).as("the partition not closed").isZero();

			assertThat(crashed.main("sync")).as("the restart").isEqualTo(ExitCodes.OK);
			List<RecordedRequest> all = sandbox.requests().all();
			List<RecordedRequest> afterRestart = all.subList(beforeKill.size(), all.size());
			RecordedRequest first = afterRestart.stream().filter(r -> r.path().equals(ATTENDANCE)).findFirst().orElseThrow();
			assertThat(first.query().get("date")).containsExactly(date);
			assertThat(page(first)).as("resumed at the next page").isEqualTo(2);
			Set<String> answered = new HashSet<>();
			beforeKill.stream().filter(r -> r.status() == 200).forEach(r -> answered.add(ChildSync.key(r)));
			assertThat(afterRestart.stream().map(ChildSync::key).filter(answered::contains)).as("asked again").isEmpty();

			Map<String, List<String>> snapshot = read(db, WarehouseAssertions::snapshot);
			snapshot.forEach((table, rows) -> assertThat(rows).as(table).isEqualTo(cleanSnapshot.get(table)));
			assertThat(read(db, CleanRun::ledger)).isEqualTo(cleanLedger);
			assertThat(count(db, "select count(*) from sync.partition_keys")).isZero();
		}
	}

	@Test
	@Order(3)
	void aUserGoneFromOnePageIsDeletedAndNoOneElse() throws Exception {
		String db = clean.databaseUrl();
		LocalDate day = TODAY.minusDays(1);
		List<Long> members = values(db, Long.class, "select distinct user_id from webwork.report_tracked_hours where date = ? "
				+ "and _deleted_at is null order by user_id", day);
		// one user of the first page of users, one of the last
		Set<Long> gone = Set.of(members.get(0), members.get(members.size() - 1));
		Set<String> expected = new TreeSet<>(values(db, String.class, "select grain_key from webwork.report_tracked_hours "
				+ "where date = ? and user_id in (?, ?)", day, members.get(0), members.get(members.size() - 1)));
		assertThat(expected).isNotEmpty();
		long liveBefore = count(db, "select count(*) from webwork.report_tracked_hours where _deleted_at is null");
		for (ObjectNode entry : sandbox.data().list("time_entries", ws)) {
			if (entry.path("date").asString().equals(day.toString()) && gone.contains(entry.path("user_id").asLong())) {
				sandbox.data().remove("time_entries", ws, entry.path("id").asString());
			}
		}

		assertThat(clean.sync("sync")).isEqualTo(ExitCodes.OK);

		Set<String> deleted = new TreeSet<>(values(db, String.class, "select grain_key from webwork.report_tracked_hours "
				+ "where _deleted_at is not null"));
		assertThat(deleted).isEqualTo(expected);
		assertThat(count(db, "select count(*) from webwork.report_tracked_hours where _deleted_at is null"))
			.isEqualTo(liveBefore - expected.size());
	}

	private static <T> List<T> values(String db, Class<T> type, String sql, Object... binds) throws Exception {
		java.util.function.Function<org.jooq.DSLContext, List<T>> query = dsl -> dsl.fetch(sql, binds).getValues(0, type);
		return read(db, query);
	}

	private static int page(RecordedRequest request) {
		List<String> page = request.query().get("page");
		return page == null ? 1 : Integer.parseInt(page.get(0));
	}
}
