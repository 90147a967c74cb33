package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONFormat;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.config.Command;
import com.webworksync.plan.RefreshReport;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.TableMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code refresh --streams=… --from --to [--workspace]}: after edits and deletes made behind the reports' back (a
 * time entry's project name, which no report shows, so change detection cannot see it; an entry deleted; a whole
 * member-day deleted; a member renamed), a refresh of the 7 days makes exactly the requests {@code plan refresh} said,
 * and leaves the refreshed streams' tables equal to those of a clean warehouse synced from scratch over the same
 * days; the gone rows get {@code _deleted_at}. It is recorded as a refresh, leaves {@code sync.streams} to the syncs,
 * and the next sync is a sync. A refresh of one workspace reads that one only; a stopped refresh is continued by the
 * same refresh without a request twice, and dropped by a sync. What it is not given exits 2 and sends nothing.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, in {@code @Order} on purpose.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class RefreshTests {

	private static final LocalDate TODAY = LocalDate.parse("2026-03-18");
	private static final String NOW = TODAY.atTime(6, 0).toInstant(ZoneOffset.UTC).toString();
	private static final int DAYS = 7;
	private static final LocalDate FROM = TODAY.minusDays(DAYS - 1L);
	private static final List<String> STREAMS = List.of("members", "time_entries");
	private static final String[] REFRESH = { "refresh", "--streams=" + String.join(",", STREAMS), "--from=" + FROM,
			"--to=" + TODAY };

	private static Sandbox sandbox;
	private static SyncHarness harness;
	private static long ws;
	private static long other;

	@BeforeAll
	static void syncedOnce() {
		sandbox = Sandbox.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withWorkspaces(2)
			.withMembers(8)
			.withProjects(4)
			.withHistoryDays(30)
			.withToday(TODAY)
			.withOwnerTimeZones(List.of("UTC")));
		ws = sandbox.data().workspaceIds().get(0);
		other = sandbox.data().workspaceIds().get(1);
		harness = synced();
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
	}

	/** A warehouse synced as the hourly runs do: the 7-day window, at the pinned now. */
	private static SyncHarness synced() {
		return SyncHarness.onMigrated(sandbox).with("sync.lookback-days", DAYS).with("sync.now", NOW);
	}

	@AfterAll
	static void close() {
		harness.close();
		sandbox.close();
	}

	@Test
	@Order(1)
	void sevenDaysAfterEditsAndDeletesEqualACleanRunWithExactlyTheRequestsPlanSaid(CapturedOutput output) throws Exception {
		// 2026-03-18 is a Wednesday: the weekend before it has no time
		ObjectNode renamed = entry(ws, TODAY.minusDays(1), 1);
		ObjectNode deleted = entry(ws, TODAY.minusDays(2), 2);
		ObjectNode emptied = entry(ws, TODAY.minusDays(5), 1);
		sandbox.data().update("time_entries", ws, renamed.path("id").asString(), e -> e.put("project_name", "Renamed behind the reports"));
		sandbox.data().remove("time_entries", ws, deleted.path("id").asString());
		List<String> dayGone = new ArrayList<>();
		for (ObjectNode e : entriesOf(ws, emptied.path("user_id").asLong(), TODAY.minusDays(5))) {
			dayGone.add(e.path("id").asString());
			sandbox.data().remove("time_entries", ws, e.path("id").asString());
		}
		long member = renamed.path("user_id").asLong();
		sandbox.data().update("members", ws, Long.toString(member), m -> m.put("lastname", "Renamed"));
		long syncRun = harness.dsl().fetchOne("select max(run_id) from sync.runs").get(0, Long.class);

		sandbox.requests().clear();
		JsonNode plan = plan(REFRESH);
		assertThat(harness.main(planOf(REFRESH))).isEqualTo(ExitCodes.OK);
		assertThat(output.getOut()).contains("plan refresh at").contains("members, time_entries").contains(FROM + " to " + TODAY);
		assertThat(sandbox.requests().count()).as("plan refresh asks the API nothing").isZero();

		assertThat(harness.main(REFRESH)).isEqualTo(ExitCodes.OK);

		List<RecordedRequest> made = sandbox.requests().all();
		assertThat(made).as("exactly what plan refresh said").hasSize(plan.path("requests").asInt());
		Catalog catalog = new Catalog();
		for (JsonNode stream : plan.path("streams")) {
			String path = catalog.get(stream.path("stream").asString()).path();
			assertThat(made.stream().filter(r -> r.path().equals(path)).count()).as(stream.toString())
				.isEqualTo(stream.path("requests").asLong());
		}
		assertThat(plan.path("streams").findValuesAsString("stream")).isEqualTo(STREAMS);
		Record run = harness.dsl().fetchOne("select command, status, exit_code, requests from sync.runs order by run_id desc limit 1");
		assertThat(run.get(0, String.class)).as("recorded as what it was").isEqualTo(String.join(" ", REFRESH));
		assertThat(run.get(1, String.class)).isEqualTo("COMPLETED");
		assertThat(run.get(2, Integer.class)).isZero();
		assertThat(run.get(3, Long.class)).isEqualTo(plan.path("requests").asLong());
		// what change detection could not see arrived, what is gone is marked so
		assertThat(value("select project_name from webwork.time_entries where id = ?", renamed.path("id").asString()))
			.isEqualTo("Renamed behind the reports");
		assertThat(value("select lastname from webwork.members where workspace_id = ? and id = ?", ws, member)).isEqualTo("Renamed");
		List<String> gone = new ArrayList<>(dayGone);
		gone.add(deleted.path("id").asString());
		assertThat(harness.dsl().fetchCount(DSL.table("webwork.time_entries"),
				DSL.field("id").in(gone).and(DSL.field("_deleted_at").isNotNull()))).isEqualTo(gone.size());
		// freshness and what each stream holds stay the syncs'
		assertThat(harness.dsl().fetchOne("select max(last_run_id) from sync.streams").get(0, Long.class)).isEqualTo(syncRun);

		try (SyncHarness clean = synced()) {
			assertThat(clean.sync()).isEqualTo(ExitCodes.OK);
			for (String stream : STREAMS) {
				for (TableMapping mapping : catalog.get(stream).tables()) {
					assertThat(live(harness.dsl(), mapping.table())).as(mapping.table().getName())
						.isEqualTo(live(clean.dsl(), mapping.table()))
						.isNotEmpty();
				}
			}
		}
	}

	@Test
	@Order(2)
	void oneWorkspaceIsReadAloneAndTheNextSyncIsASync() throws Exception {
		ObjectNode here = entry(other, TODAY.minusDays(6), 1);
		ObjectNode there = entry(ws, TODAY.minusDays(6), 1);
		sandbox.data().update("time_entries", other, here.path("id").asString(), e -> e.put("project_name", "Here"));
		sandbox.data().update("time_entries", ws, there.path("id").asString(), e -> e.put("project_name", "There"));
		String[] one = { "refresh", "--streams=time_entries", "--workspace=" + other };

		sandbox.requests().clear();
		JsonNode plan = plan(one);
		assertThat(harness.main(one)).isEqualTo(ExitCodes.OK);

		List<RecordedRequest> made = sandbox.requests().all();
		assertThat(made).hasSize(plan.path("requests").asInt())
			.allSatisfy(r -> assertThat(r.query().get("workspace_id")).containsExactly(Long.toString(other)));
		assertThat(plan.path("lookback_days").asInt()).as("without --from: the lookback window").isEqualTo(DAYS);
		assertThat(value("select project_name from webwork.time_entries where id = ?", here.path("id").asString())).isEqualTo("Here");
		assertThat(value("select project_name from webwork.time_entries where id = ?", there.path("id").asString()))
			.as("the other workspace is not read").isNotEqualTo("There");
		assertThat(value("select command from sync.runs order by run_id desc limit 1"))
			.isEqualTo("refresh --streams=time_entries --workspace=" + other);

		assertThat(harness.main("sync")).isEqualTo(ExitCodes.OK);
		assertThat(value("select command from sync.runs order by run_id desc limit 1")).isEqualTo("sync");
	}

	@Test
	@Order(3)
	void aStoppedRefreshIsContinuedByTheSameRefreshWithoutARequestTwiceAndDroppedByASync() throws Exception {
		JsonNode plan = plan(REFRESH);
		long planned = plan.path("requests").asLong();
		assertThat(stoppedAfter(10)).isEqualTo(ExitCodes.DEADLINE);
		List<RecordedRequest> first = sandbox.requests().all();
		assertThat((long) first.size()).isBetween(10L, planned - 1);

		assertThat(harness.sync(REFRESH)).as("the same refresh continues it").isEqualTo(ExitCodes.OK);
		List<RecordedRequest> all = sandbox.requests().all();
		assertThat((long) all.size()).as("the plan read once, across the two runs").isEqualTo(planned);
		assertThat(all.stream().map(ChildSync::key).distinct().count()).as("no request twice").isEqualTo(planned);

		assertThat(stoppedAfter(10)).isEqualTo(ExitCodes.DEADLINE);
		assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);
		assertThat(value("select command from sync.runs order by run_id desc limit 1")).as("the sync stays a sync")
			.isEqualTo("sync");
		assertThat(value("select status from sync.runs order by run_id desc offset 1 limit 1")).isEqualTo("STOPPED");
	}

	@Test
	@Order(4)
	void whatItIsNotGivenExits2AndSendsNothing(CapturedOutput output) {
		sandbox.requests().clear();
		long runs = harness.dsl().fetchOne("select count(*) from sync.runs").get(0, Long.class);
		Map<String[], String> wrong = new LinkedHashMap<>();
		wrong.put(new String[] { "refresh" }, "refresh needs --streams");
		wrong.put(new String[] { "refresh", "--streams=time_entrys" }, "did you mean time_entries?");
		wrong.put(new String[] { "refresh", "--streams=members", "--workspace=42" }, "--workspace=42 is not a workspace");
		wrong.put(new String[] { "refresh", "--streams=members", "--workspace=abc" }, "--workspace must be a workspace id");
		wrong.put(new String[] { "sync", "--streams=members" }, "--streams only goes with refresh or plan refresh");
		wrong.put(new String[] { "plan", "refresh", "--streams=members", "--workspace=42" }, "--workspace=42");
		for (Map.Entry<String[], String> args : wrong.entrySet()) {
			assertThat(harness.main(args.getKey())).as(String.join(" ", args.getKey())).isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(output.getErr()).contains(args.getValue());
		}
		try (SyncHarness narrow = synced().with("sync.streams", "workspaces,members")) {
			assertThat(narrow.main("refresh", "--streams=time_entries")).isEqualTo(ExitCodes.CONFIGURATION);
			assertThat(output.getErr()).contains("which this configuration does not sync (SYNC_STREAMS=");
		}
		assertThat(sandbox.requests().count()).isZero();
		assertThat(harness.dsl().fetchOne("select count(*) from sync.runs").get(0, Long.class)).isEqualTo(runs);
	}

	/**
	 * A refresh stopped (as at its deadline) once its time-entry read after {@code requests} others is in flight. From
	 * there every time-entry page takes a second, so however late the stop lands, the refresh cannot finish first.
	 */
	private static int stoppedAfter(int requests) throws Exception {
		sandbox.requests().clear();
		sandbox.faults().clear();
		int slow = 1_000;
		sandbox.faults().inject(Fault.of(Fault.Kind.SLOW).on("/time-entries").skip(requests).times(slow)
			.delay(Duration.ofSeconds(1)));
		CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> harness.sync(REFRESH));
		while (sandbox.faults().pending() == slow && !run.isDone()) {
			Thread.sleep(5);
		}
		StopSignals signals = StopSignals.active(); // the run in progress's own (null once it ended)
		if (signals != null) {
			signals.stop("the test");
		}
		int exit = run.get(120, TimeUnit.SECONDS);
		sandbox.faults().clear();
		return exit;
	}

	private static JsonNode plan(String... refresh) {
		Command command = Command.parse(planOf(refresh, "--json"), true, harness.bean(Clock.class));
		return JsonMapper.builder().build().readTree(harness.bean(RefreshReport.class)
			.render(harness.bean(SyncRunner.class).window(command), true));
	}

	/** {@code plan} before a refresh's arguments, and {@code more} after them. */
	private static String[] planOf(String[] refresh, String... more) {
		List<String> args = new ArrayList<>(List.of("plan"));
		args.addAll(List.of(refresh));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	private static Object value(String sql, Object... binds) {
		return harness.dsl().fetchValue(sql, binds);
	}

	/** An entry on {@code day} in {@code workspace} of a member with at least {@code atLeast} entries that day. */
	private static ObjectNode entry(long workspace, LocalDate day, int atLeast) {
		return sandbox.data().list("time_entries", workspace).stream()
			.filter(e -> e.path("date").asString().equals(day.toString()) && !e.path("project_id").isNull())
			.filter(e -> entriesOf(workspace, e.path("user_id").asLong(), day).size() >= atLeast)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no entry on " + day + " in " + workspace));
	}

	private static List<ObjectNode> entriesOf(long workspace, long user, LocalDate day) {
		return sandbox.data().list("time_entries", workspace).stream()
			.filter(e -> e.path("user_id").asLong() == user && e.path("date").asString().equals(day.toString()))
			.toList();
	}

	/** A table's live rows, every column but the run's bookkeeping, in key order. */
	private static List<String> live(DSLContext dsl, Table<?> table) {
		List<Field<?>> fields = new ArrayList<>();
		for (Field<?> field : table.fields()) {
			if (!List.of("_synced_at", "_run_id", "_deleted_at").contains(field.getName())) {
				fields.add(field);
			}
		}
		List<String> rows = new ArrayList<>();
		for (Record row : dsl.select(fields).from(table).where(DSL.field(DSL.name("_deleted_at")).isNull())
			.orderBy(table.getPrimaryKey().getFields()).fetch()) {
			rows.add(row.formatJSON(JSONFormat.DEFAULT_FOR_RECORDS));
		}
		return rows;
	}
}
