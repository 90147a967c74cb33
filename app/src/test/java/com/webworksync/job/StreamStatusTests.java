package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;
import com.webworksync.observe.StatusReport;
import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.SandboxOptions;

/**
 * The freshness contract, analytics.stream_status: after a backfill, the history sweep and re-verification,
 * {@code verified_through} is what the ledger says (every day from synced_from up to it read after it had ended); a
 * partition that fails moves it back and turns the stream {@code failing}; {@code status} agrees; the run that
 * finishes the partition brings it forward again.
 */
class StreamStatusTests {

	/**
	 * The status compares with the database's now(), so the runs use the real clock (a pinned SYNC_NOW would make every
	 * stream late); the sandbox's today follows it, in UTC.
	 */
	private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
	private static final String STREAM = "report_attendance"; // a day stream that reads every day it covers

	private static SyncHarness harness;

	@BeforeAll
	static void start() {
		harness = SyncHarness.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withMembers(6)
			.withProjects(3)
			.withHistoryDays(90)
			.withOwnerTimeZones(List.of("UTC")));
		harness.with("sync.lookback-days", 14).with("sync.start-date", TODAY.minusDays(40).toString());
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	private static int run() {
		harness.restartContext();
		return harness.sync("sync");
	}

	@Test
	void verifiedThroughIsWhatTheLedgerHoldsMovesBackOnAFailureAndComesBack() {
		for (int i = 0; i < 3; i++) {
			assertThat(run()).isZero(); // the window; the backfill; a run with the sweep and re-verification
		}
		Record row = status(harness.dsl());
		assertThat(row.get("synced_from", LocalDate.class)).isEqualTo(TODAY.minusDays(40));
		assertThat(row.get("verified_through", LocalDate.class)).isEqualTo(verifiedByTheLedger(harness.dsl()))
			.isEqualTo(TODAY.minusDays(1));
		assertThat(row.get("status", String.class)).isEqualTo("ok");
		assertThat(row.get("backfill_days_left", Integer.class)).isZero();

		// every attendance read fails from now on: the run re-verifies at least one day of it, and cannot
		harness.sandbox().faults().inject(Fault.of(Fault.Kind.SERVER_ERROR).on("/reports/daily-attendance").times(1000));
		assertThat(run()).isEqualTo(ExitCodes.FAILED);
		LocalDate unread = harness.dsl().fetchOne("select min(sync.partition_day(q.partition_key)) from sync.pool_partitions q "
				+ "join sync.pool_plans p on p.plan_id = q.plan_id where not q.done and p.stream = ?", STREAM)
			.get(0, LocalDate.class);
		assertThat(unread).as("a day of the stream was left unread").isNotNull();
		row = status(harness.dsl());
		assertThat(row.get("verified_through", LocalDate.class)).isEqualTo(unread.minusDays(1))
			.isBefore(TODAY.minusDays(1));
		assertThat(row.get("status", String.class)).isEqualTo("failing");
		long workspace = harness.sandbox().data().workspaceIds().get(0);
		assertThat(harness.bean(StatusReport.class).render()).containsPattern("(?m)^  " + workspace + "\\s+" + STREAM
				+ "\\s+.*\\s" + unread.minusDays(1) + "\\s+failing$");

		harness.sandbox().faults().clear();
		assertThat(run()).isZero(); // resumes the failed run and reads what it left
		row = status(harness.dsl());
		assertThat(row.get("verified_through", LocalDate.class)).isEqualTo(verifiedByTheLedger(harness.dsl()))
			.isEqualTo(TODAY.minusDays(1));
		assertThat(row.get("status", String.class)).isEqualTo("ok");
		// the old view still answers, as a view over the new one
		assertThat(harness.dsl().fetchOne("select synced_from from analytics.data_freshness where stream = ?", STREAM)
			.get(0, LocalDate.class)).isEqualTo(TODAY.minusDays(40));
	}

	private static Record status(DSLContext dsl) {
		return dsl.fetchOne("select * from analytics.stream_status where stream = ?", STREAM);
	}

	/** The latest day D such that every day from synced_from to D has a ledger entry read after the day ended. */
	private static LocalDate verifiedByTheLedger(DSLContext dsl) {
		Map<LocalDate, OffsetDateTime> read = new TreeMap<>();
		dsl.fetch("select partition_key, fetched_at from sync.partitions where stream = ?", STREAM)
			.forEach(r -> read.put(LocalDate.parse(r.get(0, String.class)), r.get(1, OffsetDateTime.class)));
		LocalDate from = dsl.fetchOne("select synced_from from sync.streams where stream = ?", STREAM)
			.get(0, LocalDate.class);
		LocalDate verified = null;
		for (LocalDate day = from; read.containsKey(day); day = day.plusDays(1)) {
			LocalDate readOn = read.get(day).atZoneSameInstant(ZoneId.of("UTC")).toLocalDate();
			if (!readOn.isAfter(day)) {
				break;
			}
			verified = day;
		}
		return verified;
	}
}
