package com.webworksync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partition;
import com.webworksync.streams.Partitioning.MemberDay;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.Ledger;

/**
 * The selector on plain values: a ledger and the reports' fingerprints as maps, no warehouse, no sandbox. Each
 * case states which partitions a run must read and why.
 */
@Tag("plain")
class SelectorTests {

	private static final Catalog CATALOG = new Catalog();
	private static final StreamDef TIME_ENTRIES = CATALOG.get("time_entries"); // only rows with time
	private static final StreamDef ATTENDANCE = CATALOG.get("report_attendance"); // rows even without time
	private static final StreamDef MEMBERS = CATALOG.get("members"); // not change-detected
	private static final long WS = 7001;
	private static final LocalDate DAY = LocalDate.of(2026, 2, 27);
	private static final OffsetDateTime READ = OffsetDateTime.of(2026, 2, 28, 3, 0, 0, 0, ZoneOffset.UTC);

	/** The warehouse as maps: ledger entries by key, fingerprints by key. */
	private static final class Values implements Selector.Inputs {
		final Map<String, Ledger.Entry> ledger = new HashMap<>();
		final Map<String, String> reports = new HashMap<>();

		Values read(String key, OffsetDateTime at, int pages, String fingerprint) {
			ledger.put(key, new Ledger.Entry(at, 1, pages, fingerprint));
			return this;
		}

		Values reported(String key, String fingerprint) {
			reports.put(key, fingerprint);
			return this;
		}

		@Override
		public Map<String, Ledger.Entry> entries(StreamDef stream, long workspaceId, Slice slice) {
			return ledger;
		}

		@Override
		public Map<String, String> fingerprints(StreamDef stream, long workspaceId, LocalDate from, LocalDate to) {
			return reports;
		}
	}

	private static RunWindow window(double verifyShare) {
		return new RunWindow(Instant.parse("2026-03-01T06:00:00Z"), null, null, 3, Set.of(), verifyShare,
				Map.of(), Map.of());
	}

	private static Partition memberDay(long user, LocalDate day) {
		return new MemberDay(user, day).partition(WS);
	}

	private static List<String> select(Values values, StreamDef stream, double verifyShare, List<Slice> slices,
			StreamPlan[] plan) {
		List<String> chosen = new ArrayList<>();
		plan[0] = new Selector(values).select(stream, window(verifyShare), WS, slices, p -> chosen.add(p.key()));
		return chosen;
	}

	@Test
	void aChangedFingerprintIsReadAndOneUnchangedPartitionIsReVerified() {
		Values values = new Values().read("1@2026-02-27", READ, 1, "a")
			.reported("1@2026-02-27", "a2") // changed since the last read
			.read("2@2026-02-27", READ.minusDays(3), 2, "b") // unchanged, read longest ago
			.reported("2@2026-02-27", "b")
			.read("3@2026-02-27", READ, 1, "c")
			.reported("3@2026-02-27", "c");
		StreamPlan[] plan = new StreamPlan[1];
		List<String> chosen = select(values, TIME_ENTRIES, 0.10,
				List.of(Slice.whole(List.of(memberDay(1, DAY), memberDay(2, DAY), memberDay(3, DAY)))), plan);
		assertThat(chosen).containsExactly("1@2026-02-27", "2@2026-02-27");
		assertThat(plan[0]).isEqualTo(new StreamPlan("time_entries", 2, 3, 1, 1, 1 + 2, 0));
		assertThat(plan[0].skipped()).isEqualTo(1);
	}

	@Test
	void aNeverReadMemberDayIsReadOnlyWhenTheReportsShowTimeUnlessTheStreamHasRowsWithoutTime() {
		Values values = new Values().reported("1@2026-02-27", "a"); // member 1 tracked time; member 2 did not
		List<Partition> candidates = List.of(memberDay(1, DAY), memberDay(2, DAY));
		StreamPlan[] plan = new StreamPlan[1];
		assertThat(select(values, TIME_ENTRIES, 0.10, List.of(Slice.whole(candidates)), plan))
			.containsExactly("1@2026-02-27");
		assertThat(plan[0].verified()).isZero(); // nothing read before: nothing to re-verify
		assertThat(select(values, ATTENDANCE, 0.10, List.of(Slice.whole(candidates)), plan))
			.containsExactly("1@2026-02-27", "2@2026-02-27");
	}

	@Test
	void aMemberDayWhoseTimeWasAllDeletedIsReadAgainToDeleteItsRows() {
		// read before with rows, and the reports now show nothing for it: its entries were deleted
		Values values = new Values().read("1@2026-02-27", READ, 1, "a");
		StreamPlan[] plan = new StreamPlan[1];
		assertThat(select(values, TIME_ENTRIES, 0.10, List.of(Slice.whole(List.of(memberDay(1, DAY)))), plan))
			.containsExactly("1@2026-02-27");
		assertThat(plan[0].changed()).isEqualTo(1);
	}

	@Test
	void theVerifyShareIsOfTheChangedCountAndTheOldestGoFirst() {
		Values values = new Values();
		List<Partition> candidates = new ArrayList<>();
		for (int user = 1; user <= 30; user++) {
			String key = user + "@2026-02-27";
			candidates.add(memberDay(user, DAY));
			if (user <= 10) {
				values.read(key, READ, 1, "old").reported(key, "new"); // 10 changed
			}
			else {
				values.read(key, READ.minusHours(user), 1, "same").reported(key, "same"); // 20 unchanged; 30 oldest
			}
		}
		StreamPlan[] plan = new StreamPlan[1];
		List<String> chosen = select(values, TIME_ENTRIES, 0.25, List.of(Slice.whole(candidates)), plan);
		// ceil(0.25 × 10) = 3 re-verified: the three read longest ago (users 30, 29, 28), in candidate order
		assertThat(chosen).hasSize(13).endsWith("28@2026-02-27", "29@2026-02-27", "30@2026-02-27");
		assertThat(plan[0].verified()).isEqualTo(3);
	}

	@Test
	void theSweepsUnchangedCandidatesAreNeverReVerified() {
		LocalDate old = DAY.minusDays(90);
		Values values = new Values().read("1@" + old, READ.minusDays(90), 1, "a")
			.reported("1@" + old, "a")
			.read("2@" + old, READ.minusDays(90), 1, "b")
			.reported("2@" + old, "b2");
		StreamPlan[] plan = new StreamPlan[1];
		List<String> chosen = select(values, TIME_ENTRIES, 1.0,
				List.of(Slice.sweep(List.of(memberDay(1, old), memberDay(2, old)))), plan);
		assertThat(chosen).containsExactly("2@" + old);
		assertThat(plan[0]).isEqualTo(new StreamPlan("time_entries", 1, 2, 1, 0, 1, 1));
	}

	@Test
	void aStreamWithoutChangeDetectionReadsEveryCandidateAndPricesItFromTheLedger() {
		Values values = new Values().read("all", READ, 4, null);
		StreamPlan[] plan = new StreamPlan[1];
		assertThat(select(values, MEMBERS, 0.10, List.of(Slice.whole(List.of(Partition.of(WS, "all")))), plan))
			.containsExactly("all");
		assertThat(plan[0]).isEqualTo(new StreamPlan("members", 1, 1, 1, 0, 4, 0));
	}

	@Test
	void aRefreshReadsEveryCandidateWhateverTheReportsSayAndPricesItFromTheLedger() {
		// unchanged (a sync would skip it), changed, never read without time (a sync: empty, skipped), read in 3 pages
		Values values = new Values().read("1@2026-02-27", READ, 1, "a")
			.reported("1@2026-02-27", "a")
			.read("2@2026-02-27", READ, 1, "b")
			.reported("2@2026-02-27", "b2")
			.read("4@2026-02-27", READ, 3, "d")
			.reported("4@2026-02-27", "d");
		List<Partition> candidates = List.of(memberDay(1, DAY), memberDay(2, DAY), memberDay(3, DAY), memberDay(4, DAY));
		StreamPlan[] plan = new StreamPlan[1];
		assertThat(select(values, TIME_ENTRIES, 0.10, List.of(Slice.whole(candidates)), plan))
			.as("a sync").containsExactly("1@2026-02-27", "2@2026-02-27");

		List<String> chosen = new ArrayList<>();
		StreamPlan refresh = new Selector(values).select(TIME_ENTRIES, window(0.10).refreshing(Set.of()), WS,
				List.of(Slice.whole(candidates)), p -> chosen.add(p.key()));

		assertThat(chosen).containsExactly("1@2026-02-27", "2@2026-02-27", "3@2026-02-27", "4@2026-02-27");
		assertThat(refresh).isEqualTo(new StreamPlan("time_entries", 4, 4, 4, 0, 1 + 1 + 1 + 3, 0));
	}

	@Test
	void memberDayKeysAreBuiltAndReadInOnePlace() {
		MemberDay memberDay = new MemberDay(101001, LocalDate.of(2028, 2, 29));
		assertThat(memberDay.key()).isEqualTo("101001@2028-02-29");
		assertThat(MemberDay.parse(memberDay.key())).isEqualTo(memberDay);
		assertThat(memberDay.partition(WS).params()).containsEntry("user_id", "101001").containsEntry("date", "2028-02-29");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> MemberDay.parse("2028-02-29"))
			.hasMessageContaining("not a member-day partition key");
	}
}
