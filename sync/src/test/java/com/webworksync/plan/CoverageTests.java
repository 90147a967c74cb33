package com.webworksync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The start date's arithmetic on plain values: the chunk a run backfills, and what a completed stream holds. */
@Tag("plain")
class CoverageTests {

	private static final LocalDate TODAY = LocalDate.parse("2028-03-01");
	private static final int LOOKBACK = 3; // window 2028-02-28 .. 2028-03-01 (a leap year)

	private static LocalDate day(String iso) {
		return LocalDate.parse(iso);
	}

	private static DayRange range(String from, String to) {
		return new DayRange(day(from), day(to));
	}

	private static Coverage.Stream held(String from, String to) {
		return new Coverage.Stream("time_entries", from == null ? null : range(from, to), 0);
	}

	@Test
	void withoutAStartDateNothingIsBackfilled() {
		assertThat(Coverage.chunk(null, TODAY, LOOKBACK, List.of(held(null, null)), 10)).isNull();
	}

	@Test
	void theFirstChunkIsTheDaysJustBeforeTheWindowNewestFirst() {
		DayRange chunk = Coverage.chunk(day("2028-01-01"), TODAY, LOOKBACK, List.of(held(null, null)), 5);
		assertThat(chunk).isEqualTo(range("2028-02-23", "2028-02-27"));
	}

	@Test
	void theChunkContinuesBeforeWhatTheLeastAdvancedStreamHoldsAndStopsAtTheStartDate() {
		List<Coverage.Stream> streams = List.of(held("2028-02-10", "2028-02-29"), held("2028-01-20", "2028-02-29"));
		assertThat(Coverage.chunk(day("2028-01-01"), TODAY, LOOKBACK, streams, 5))
			.isEqualTo(range("2028-02-05", "2028-02-09"));
		assertThat(Coverage.chunk(day("2028-02-07"), TODAY, LOOKBACK, streams, 5)).as("never before the start date")
			.isEqualTo(range("2028-02-07", "2028-02-09"));
		assertThat(Coverage.chunk(day("2028-02-10"), TODAY, LOOKBACK, streams, 5)).as("done").isNull();
	}

	@Test
	void aChunkIsAtLeastOneDaySoEveryRunMakesProgress() {
		assertThat(Coverage.chunk(day("2028-01-01"), TODAY, LOOKBACK, List.of(held(null, null)), 0))
			.isEqualTo(range("2028-02-27", "2028-02-27"));
	}

	@Test
	void aGapSinceTheLastRunIsReadFirst() {
		// held through 2028-02-20, but the window starts 2028-02-28: 02-21..02-27 were never read
		List<Coverage.Stream> streams = List.of(held("2028-01-01", "2028-02-20"));
		assertThat(Coverage.chunk(day("2028-01-01"), TODAY, LOOKBACK, streams, 7))
			.isEqualTo(range("2028-02-21", "2028-02-27"));
	}

	@Test
	void aStreamWithAHorizonIsDoneAtTheFirstDayTheApiServes() {
		Coverage.Stream timeline = new Coverage.Stream("report_timeline", range("2027-03-03", "2028-02-29"), 365);
		// 365 days up to 2028-03-01 start on 2027-03-03: nothing older is served
		assertThat(Coverage.chunk(day("2020-01-01"), TODAY, LOOKBACK, List.of(timeline), 30)).isNull();
		assertThat(Coverage.after(timeline, TODAY, LOOKBACK, range("2027-01-01", "2027-03-27"), null))
			.isEqualTo(range("2027-03-03", "2028-03-01"));
	}

	@Test
	void aCompletedRunJoinsItsWindowItsChunkAndWhatWasHeld() {
		Coverage.Stream before = held("2028-02-10", "2028-02-29");
		assertThat(Coverage.after(before, TODAY, LOOKBACK, range("2028-02-05", "2028-02-09"), null))
			.isEqualTo(range("2028-02-05", "2028-03-01"));
		assertThat(Coverage.after(held(null, null), TODAY, LOOKBACK, null, null)).as("the window alone")
			.isEqualTo(range("2028-02-28", "2028-03-01"));
	}

	@Test
	void aBackfillCountsOnlyWhereItTouchesTheRest() {
		// sync --from covering the gap joins everything; one that leaves a gap does not count
		assertThat(Coverage.after(held(null, null), TODAY, LOOKBACK, null, range("2028-01-01", "2028-02-27")))
			.isEqualTo(range("2028-01-01", "2028-03-01"));
		assertThat(Coverage.after(held(null, null), TODAY, LOOKBACK, null, range("2028-01-01", "2028-01-31")))
			.isEqualTo(range("2028-02-28", "2028-03-01"));
	}

	@Test
	void aGapLeavesOnlyTheNewDays() {
		Coverage.Stream stale = held("2027-01-01", "2028-02-20");
		assertThat(Coverage.after(stale, TODAY, LOOKBACK, range("2028-02-24", "2028-02-27"), null))
			.isEqualTo(range("2028-02-24", "2028-03-01"));
	}
}
