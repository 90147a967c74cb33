package com.webworksync.job;

import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.webworksync.SyncHarness;
import com.webworksync.WarehouseAssertions;
import com.webworksync.config.Clocks;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.Fault.Kind;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.schema.webwork.Webwork;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The job, the sandbox and the expectations run at pinned instants where calendars bite: a week
 * across two months, a month's last day, a year turn the owner has not reached yet, leap days,
 * both DST switches of two zones (with an entry that straddles the switch), and owners at UTC+13
 * and UTC−10 on a month boundary; plus one seeded instant (the same on every run; more on request). At each:
 * a clean run equals the sandbox's data; a run cut off halfway and restarted equals the clean
 * run; edits and deletes inside the lookback (an entry, a leave that spans two months, a
 * timesheet's status, a time request across midnight) reach the warehouse as a clean run of the
 * changed data would see them, with the deleted rows soft-deleted; and the ledger agrees with
 * the tables after every step. The cut is where the calendar enters a restart (the plan it
 * resumes, made at the pinned instant): at one moment a child JVM killed with SIGKILL, at the
 * others, in-process, a run the API fails for good halfway (a child JVM per moment would test
 * the kill, which {@link CrashSuiteTests} covers, a dozen times over).
 */
@Tag("scenario")
class CalendarTests {

	private static final int LOOKBACK = 10;
	private static final String TOKEN = "calendar-token-5e2a";

	/** How the first run of the restarted warehouse is cut off halfway. */
	enum Cut {
		/** a child JVM killed with SIGKILL: the run is left STARTED */
		SIGKILL,
		/** in-process, every request from the halfway one on fails until the client gives up: the run FAILED */
		API_FAILS
	}

	/** One pinned moment: the instant, the owner's zone, what makes it worth a case, and how its run is cut off. */
	record Moment(String why, Instant at, String zone, Cut cut) {

		Moment(String why, Instant at, String zone) {
			this(why, at, zone, Cut.API_FAILS);
		}

		LocalDate ownerToday() {
			return at.atZone(ZoneId.of(zone)).toLocalDate();
		}

		@Override
		public String toString() {
			return why + " (" + at + ", owner in " + zone + ", owner's today " + ownerToday() + ", cut by " + cut + ")";
		}
	}

	static Stream<Moment> moments() {
		return Stream.concat(Stream.of(new Moment("a week spanning two months", Instant.parse("2026-12-01T15:00:00Z"), "America/New_York"),
				new Moment("the last day of a 31-day month", Instant.parse("2026-08-31T16:00:00Z"), "Europe/Berlin"),
				new Moment("the year turns in UTC, not yet for the owner", Instant.parse("2027-01-01T03:30:00Z"), "America/New_York",
						Cut.SIGKILL),
				new Moment("a leap day", Instant.parse("2028-02-29T15:00:00Z"), "America/New_York"),
				new Moment("a leap day in UTC, March 1 for the owner", Instant.parse("2028-02-29T12:00:00Z"), "Pacific/Auckland"),
				new Moment("New York springs forward", Instant.parse("2026-03-08T16:00:00Z"), "America/New_York"),
				new Moment("New York falls back", Instant.parse("2026-11-01T16:00:00Z"), "America/New_York"),
				new Moment("Berlin springs forward", Instant.parse("2026-03-29T12:00:00Z"), "Europe/Berlin"),
				new Moment("Berlin falls back", Instant.parse("2026-10-25T12:00:00Z"), "Europe/Berlin"),
				new Moment("an owner at UTC+13 on a month's first day", Instant.parse("2026-06-30T12:30:00Z"), "Pacific/Tongatapu"),
				new Moment("an owner at UTC-10 on a month's last day", Instant.parse("2026-07-01T08:00:00Z"), "Pacific/Honolulu")),
				seededMoments());
	}

	/**
	 * The same seeded instant on every run (-Dcalendar.seed=… picks another), so the suite's verdict never changes
	 * between two runs of one commit; -Dcalendar.random=N adds N instants from fresh seeds, each printed, to explore.
	 */
	private static Stream<Moment> seededMoments() {
		LongStream fresh = new SecureRandom().longs(Long.getLong("calendar.random", 0));
		return LongStream.concat(LongStream.of(Long.getLong("calendar.seed", 20_261_205L)), fresh).mapToObj(CalendarTests::seeded);
	}

	private static Moment seeded(long seed) {
		java.util.Random random = new java.util.Random(seed);
		List<String> zones = List.of("America/New_York", "Europe/Berlin", "Pacific/Tongatapu", "Pacific/Honolulu",
				"Asia/Kolkata", "Australia/Adelaide", "America/St_Johns", "UTC");
		Instant from = Instant.parse("2026-01-01T00:00:00Z");
		long span = Duration.between(from, Instant.parse("2030-12-31T00:00:00Z")).toMinutes();
		Instant at = from.plus(Duration.ofMinutes(Math.floorMod(random.nextLong(), span)));
		String zone = zones.get(random.nextInt(zones.size()));
		// a run must not cross the owner's midnight: keep an hour away from it
		LocalTime local = at.atZone(ZoneId.of(zone)).toLocalTime();
		if (local.isAfter(LocalTime.of(22, 45)) || local.isBefore(LocalTime.of(1, 0))) {
			at = at.plus(Duration.ofHours(3));
		}
		System.out.println("CalendarTests: instant from seed " + seed + " (rerun with -Dcalendar.seed=" + seed + ")");
		return new Moment("the instant of seed " + seed, at, zone);
	}

	@TempDir
	Path logs;

	@ParameterizedTest(name = "{0}")
	@MethodSource("moments")
	void cleanRunCrashRestartAndChangesHoldAt(Moment moment) throws Exception {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withMembers(4)
			.withProjects(2)
			.withHistoryDays(50)
			.withOwnerTimeZones(List.of(moment.zone()))
			.withClock(Clocks.startingAt(moment.at()))
			.withToken(TOKEN))) {
			long ws = sandbox.data().workspaceIds().get(0);
			LocalDate today = sandbox.data().today(ws);
			assertThat(today).as("the sandbox's today is the owner's").isEqualTo(moment.ownerToday());
			straddleTheDstSwitch(sandbox, ws, today);

			// a clean run equals the sandbox
			SyncHarness clean = harness(sandbox, moment);
			assertThat(clean.main("sync")).as("the clean run").isEqualTo(ExitCodes.OK);
			long cleanRequests = sandbox.requests().count();
			String cleanDb = clean.databaseUrl();
			assertMatchesSandbox(cleanDb, sandbox, ws, today);
			Map<String, List<String>> cleanSnapshot = CleanRun.read(cleanDb, WarehouseAssertions::snapshot);
			Set<List<Object>> cleanLedger = CleanRun.read(cleanDb, CleanRun::ledger);

			// cut off halfway, restarted: the clean run's warehouse
			try (SyncHarness crashed = harness(sandbox, moment)) {
				String db = crashed.databaseUrl();
				sandbox.requests().clear();
				cutOffHalfway(crashed, moment, cleanRequests);
				assertThat(count(db, "select count(*) from sync.runs where status = 'COMPLETED'")).isZero();
				assertThat(crashed.sync("sync")).as("the restart").isEqualTo(ExitCodes.OK);
				CleanRun.assertSameAsClean(db, cleanSnapshot, cleanLedger);

				// edits and deletes in the lookback reach the warehouse on the next run
				Changes changes = change(sandbox, ws, today);
				assertThat(crashed.sync("sync")).as("the run after the changes").isEqualTo(ExitCodes.OK);
				assertMatchesSandbox(db, sandbox, ws, today);
				CleanRun.read(db, dsl -> {
					CleanRun.assertLedgerMatchesRows(dsl);
					CleanRun.assertNoDuplicateIds(dsl);
					changes.deleted.forEach((table, id) -> assertThat(dsl.fetchOne("select _deleted_at is not null from webwork."
							+ table + " where workspace_id = " + ws + " and id::text = '" + id + "'").get(0, Boolean.class))
						.as(table + " " + id + " soft-deleted").isTrue());
					return null;
				});
				try (SyncHarness fresh = harness(sandbox, moment)) {
					assertThat(fresh.main("sync")).isEqualTo(ExitCodes.OK);
					assertSameRows(CleanRun.read(db, CalendarTests::liveRows),
							CleanRun.read(fresh.databaseUrl(), CalendarTests::liveRows));
				}
			}
			finally {
				clean.close();
			}
		}
	}

	/** The first run of {@code crashed} stops after about half the clean run's requests, as the moment's cut says. */
	private void cutOffHalfway(SyncHarness crashed, Moment moment, long cleanRequests) throws Exception {
		Sandbox sandbox = crashed.sandbox();
		if (moment.cut() == Cut.SIGKILL) {
			ChildSync child = ChildSync.start(crashed, logs.resolve("child.log"), "--sync.lookback-days=" + LOOKBACK,
					"--sync.now=" + moment.at());
			child.killWhen(() -> sandbox.requests().count() >= cleanRequests / 2);
			ChildSync.awaitNoOtherSessions(crashed.databaseUrl());
			return;
		}
		int half = (int) (cleanRequests / 2);
		sandbox.faults().inject(Fault.of(Kind.UNAVAILABLE).skip(half).times(2));
		assertThat(crashed.main("sync", "--webwork.max-attempts=2")).as("the run the API fails halfway").isEqualTo(ExitCodes.FAILED);
		assertThat(sandbox.requests().all().stream().filter(r -> r.status() == 200)).as("requests answered before the cut")
			.hasSize(half);
		sandbox.faults().clear();
	}

	private static SyncHarness harness(Sandbox sandbox, Moment moment) {
		return SyncHarness.onMigrated(sandbox).with("sync.lookback-days", LOOKBACK).with("sync.now", moment.at().toString());
	}

	/** On a DST switch day in the window, an entry from 01:30 that runs across the switch. */
	private static void straddleTheDstSwitch(Sandbox sandbox, long ws, LocalDate today) {
		ZoneId zone = sandbox.data().ownerZone(ws);
		for (LocalDate day = today.minusDays(LOOKBACK - 1); !day.isAfter(today); day = day.plusDays(1)) {
			java.time.zone.ZoneOffsetTransition next = zone.getRules().nextTransition(day.atStartOfDay(zone).toInstant());
			if (next != null && next.getInstant().isBefore(day.plusDays(1).atStartOfDay(zone).toInstant())) {
				ObjectNode contract = sandbox.data().list("contracts", ws).get(0);
				ObjectNode entry = sandbox.data().addTimeEntry(ws, contract.path("user_id").asLong(), day,
						LocalTime.of(1, 30), 120, contract.path("project_id").asLong(), null, "across the DST switch");
				Duration wall = Duration.between(
						java.time.OffsetDateTime.parse(entry.path("start_time").asString()).atZoneSameInstant(zone).toLocalTime(),
						java.time.OffsetDateTime.parse(entry.path("end_time").asString()).atZoneSameInstant(zone).toLocalTime());
				assertThat(wall).as("120 minutes on a switch day are not 120 minutes on the wall clock")
					.isNotEqualTo(Duration.ofMinutes(120));
			}
		}
	}

	/** What the test changed at the source, and which rows it deleted (table → id). */
	private record Changes(Map<String, String> deleted) {
	}

	/**
	 * Inside the lookback: deletes an entry (the half of a late session after midnight, when the
	 * window holds a month turn), edits another's description, deletes a leave that spans two
	 * months (or any leave in the window), approves a timesheet (one that spans two months if
	 * there is one) and deletes a time request.
	 */
	private static Changes change(Sandbox sandbox, long ws, LocalDate today) {
		LocalDate first = today.minusDays(LOOKBACK - 1);
		Map<String, String> deleted = new LinkedHashMap<>();
		// the after-midnight half of a late session at a month turn comes first, if the window has one
		List<ObjectNode> entries = sandbox.data()
			.list("time_entries", ws)
			.stream()
			.filter(e -> inWindow(LocalDate.parse(e.path("date").asString()), first, today))
			.sorted(java.util.Comparator.comparing((ObjectNode e) -> !afterMidnightAtAMonthTurn(e))
				.thenComparing(e -> e.path("start_time").asString()))
			.toList();
		assertThat(entries).as("entries in the window").hasSizeGreaterThan(2);
		ObjectNode gone = entries.get(0);
		sandbox.data().remove("time_entries", ws, gone.path("id").asString());
		deleted.put("time_entries", gone.path("id").asString());
		ObjectNode edited = entries.get(entries.size() - 1);
		sandbox.data().update("time_entries", ws, edited.path("id").asString(),
				e -> e.put("activity_description", "edited at " + today));

		sandbox.data()
			.list("leaves", ws)
			.stream()
			.filter(l -> overlaps(l, "start_date", "end_date", first, today))
			.min(java.util.Comparator.comparing((ObjectNode l) -> !spansMonths(l, "start_date", "end_date")))
			.ifPresent(leave -> {
				sandbox.data().remove("leaves", ws, leave.path("id").asString());
				deleted.put("leaves", leave.path("id").asString());
			});
		sandbox.data()
			.list("timesheets", ws)
			.stream()
			.filter(t -> overlaps(t, "date_from", "date_to", first, today) && !"approved".equals(t.path("status").asString()))
			.min(java.util.Comparator.comparing((ObjectNode t) -> !spansMonths(t, "date_from", "date_to")))
			.ifPresent(t -> sandbox.data().update("timesheets", ws, t.path("id").asString(), s -> s.put("status", "approved")));
		sandbox.data()
			.list("time_requests", ws)
			.stream()
			.filter(r -> inWindow(startDay(sandbox, ws, r), first, today))
			.findFirst()
			.ifPresent(r -> {
				sandbox.data().remove("time_requests", ws, r.path("id").asString());
				deleted.put("time_requests", r.path("id").asString());
			});
		return new Changes(deleted);
	}

	private static boolean afterMidnightAtAMonthTurn(JsonNode entry) {
		return "Month-end close".equals(entry.path("activity_description").asString(""))
				&& LocalDate.parse(entry.path("date").asString()).getDayOfMonth() == 1;
	}

	/**
	 * The warehouse holds exactly the source's rows for what the run covers: every time entry of
	 * the window's days, and, for the month lists, every row the covered months return; each with
	 * the source's current object. Nothing else is live.
	 */
	private static void assertMatchesSandbox(String db, Sandbox sandbox, long ws, LocalDate today) throws Exception {
		LocalDate first = today.minusDays(LOOKBACK - 1);
		// the months read: the window's, and the month before it for the lists whose rows span months
		LocalDate monthsFrom = YearMonth.from(first.minusDays(30)).atDay(1);
		Map<String, Map<String, JsonNode>> expected = new TreeMap<>();
		expected.put("time_entries", byId(sandbox.data().list("time_entries", ws).stream()
			.filter(e -> inWindow(LocalDate.parse(e.path("date").asString()), first, today))));
		// a row spanning months lands through the read of the month it starts in
		expected.put("timesheets", byId(sandbox.data().list("timesheets", ws).stream()
			.filter(t -> inWindow(LocalDate.parse(t.path("date_from").asString()), monthsFrom, today))));
		expected.put("leaves", byId(sandbox.data().list("leaves", ws).stream()
			.filter(l -> inWindow(LocalDate.parse(l.path("start_date").asString()), monthsFrom, today))));
		LocalDate requestsFrom = YearMonth.from(first).atDay(1);
		expected.put("time_requests", byId(sandbox.data().list("time_requests", ws).stream()
			.filter(r -> inWindow(startDay(sandbox, ws, r), requestsFrom, today))));
		Map<String, Map<String, JsonNode>> actual = new TreeMap<>();
		CleanRun.read(db, dsl -> {
			for (String table : expected.keySet()) {
				actual.put(table, WarehouseAssertions.rawById(dsl, table, "id"));
			}
			return null;
		});
		for (String table : expected.keySet()) {
			assertThat(actual.get(table).keySet()).as(table + " ids").containsExactlyInAnyOrderElementsOf(expected.get(table).keySet());
			expected.get(table).forEach((id, raw) -> assertThat(actual.get(table).get(id)).as(table + " " + id).isEqualTo(raw));
		}
		assertThat(expected.get("time_entries")).as("entries in the window").isNotEmpty();
	}

	private static Map<String, JsonNode> byId(Stream<ObjectNode> rows) {
		return rows.collect(Collectors.toMap(r -> r.path("id").asString(), WarehouseAssertions::canonical, (a, b) -> b,
				TreeMap::new));
	}

	/**
	 * Every table's live rows (without the bookkeeping of when and by which run). The history
	 * tables are left out: a fresh warehouse has seen fewer versions, by design (CleanRun checks
	 * that their current versions equal the live rows).
	 */
	static Map<String, List<String>> liveRows(DSLContext dsl) {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		for (Table<?> table : Webwork.WEBWORK.getTables()) {
			if (table.getName().endsWith("_history")) {
				continue;
			}
			var fields = java.util.Arrays.stream(table.fields())
				.filter(f -> !f.getName().startsWith("_") || f.getName().equals("_partition"))
				.toList();
			List<String> live = new ArrayList<>();
			for (Record r : dsl.select(fields)
				.from(table)
				.where(DSL.field(DSL.name("_deleted_at")).isNull())
				.orderBy(table.getPrimaryKey().getFields())
				.fetch()) {
				live.add(r.formatJSON(org.jooq.JSONFormat.DEFAULT_FOR_RECORDS));
			}
			rows.put(table.getName(), live);
		}
		return rows;
	}

	/** Table by table, the rows only one side has: empty on both sides when they hold the same. */
	private static void assertSameRows(Map<String, List<String>> incremental, Map<String, List<String>> clean) {
		assertThat(incremental.keySet()).isEqualTo(clean.keySet());
		Map<String, List<String>> onlyIncremental = new TreeMap<>();
		Map<String, List<String>> onlyClean = new TreeMap<>();
		incremental.forEach((table, rows) -> {
			List<String> mine = new ArrayList<>(rows);
			mine.removeAll(clean.get(table));
			List<String> theirs = new ArrayList<>(clean.get(table));
			theirs.removeAll(rows);
			if (!mine.isEmpty() || !theirs.isEmpty()) {
				onlyIncremental.put(table, mine);
				onlyClean.put(table, theirs);
			}
		});
		assertThat(onlyIncremental).as("live rows only the incremental warehouse has (the clean run of the changed data has "
				+ onlyClean + ")").isEmpty();
	}

	private static boolean inWindow(LocalDate day, LocalDate first, LocalDate last) {
		return day != null && !day.isBefore(first) && !day.isAfter(last);
	}

	private static boolean overlaps(JsonNode row, String startField, String endField, LocalDate first, LocalDate last) {
		LocalDate start = LocalDate.parse(row.path(startField).asString());
		LocalDate end = LocalDate.parse(row.path(endField).asString());
		return !start.isAfter(last) && !end.isBefore(first);
	}

	private static boolean spansMonths(JsonNode row, String startField, String endField) {
		return !YearMonth.from(LocalDate.parse(row.path(startField).asString()))
			.equals(YearMonth.from(LocalDate.parse(row.path(endField).asString())));
	}

	private static LocalDate startDay(Sandbox sandbox, long ws, JsonNode request) {
		return Instant.parse(request.path("start").asString()).atZone(sandbox.data().ownerZone(ws)).toLocalDate();
	}
}
