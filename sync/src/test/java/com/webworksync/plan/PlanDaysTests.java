package com.webworksync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;

/** The planner's calendar on plain values, at the days where calendars bite: a year's turn, February 29th, a month's end. */
@Tag("plain")
class PlanDaysTests {

	private static final Catalog CATALOG = new Catalog();
	private static final long WORKSPACE = 7;

	private static RunWindow window(int lookbackDays, LocalDate from, LocalDate to) {
		return new RunWindow(Instant.parse("2028-01-01T00:00:00Z"), from, to, lookbackDays, Set.of(), 0.1, Map.of(),
				Map.of());
	}

	private static LocalDate day(String iso) {
		return LocalDate.parse(iso);
	}

	@Test
	void theLookbackCrossesTheYearTurnNewestFirst() {
		assertThat(PlanDays.days(window(3, null, null), WORKSPACE, day("2028-01-01"))).containsExactly(day("2028-01-01"),
				day("2027-12-31"), day("2027-12-30"));
	}

	@Test
	void aLeapYearsLookbackHoldsFebruary29th() {
		assertThat(PlanDays.days(window(2, null, null), WORKSPACE, day("2028-03-01"))).containsExactly(day("2028-03-01"),
				day("2028-02-29"));
		assertThat(PlanDays.days(window(2, null, null), WORKSPACE, day("2027-03-01"))).containsExactly(day("2027-03-01"),
				day("2027-02-28"));
	}

	@Test
	void aBackfillComesAfterTheWindowNewestFirstAndNeverPastToday() {
		List<LocalDate> days = new ArrayList<>(
				PlanDays.days(window(2, day("2028-02-27"), day("2028-03-09")), WORKSPACE, day("2028-03-02")));
		assertThat(days).containsExactly(day("2028-03-02"), day("2028-03-01"), day("2028-02-29"), day("2028-02-28"),
				day("2028-02-27"));
	}

	@Test
	void aWorkspacesChunkOfHistoryComesLastNewestFirstAndOnlyForThatWorkspace() {
		RunWindow window = window(2, null, null).withHistory(Map.of(WORKSPACE, new DayRange(day("2028-02-27"),
				day("2028-02-29"))));
		assertThat(PlanDays.days(window, WORKSPACE, day("2028-03-02"))).containsExactly(day("2028-03-02"),
				day("2028-03-01"), day("2028-02-29"), day("2028-02-28"), day("2028-02-27"));
		assertThat(PlanDays.days(window, WORKSPACE + 1, day("2028-03-02"))).containsExactly(day("2028-03-02"),
				day("2028-03-01"));
		// the months of a month stream follow: the chunk's February is read after the window's March
		assertThat(PlanDays.windowMonths(CATALOG.get("expenses"), window, WORKSPACE, day("2028-03-02")))
			.containsExactly(YearMonth.of(2028, 3), YearMonth.of(2028, 2));
	}

	@Test
	void monthStreamsReadTheMonthsOfTheWindowAndWhereSpanningRowsStart() {
		StreamDef expenses = CATALOG.get("expenses"); // rows of one day
		StreamDef leaves = CATALOG.get("leaves"); // rows span up to 31 days
		RunWindow fiveDays = window(5, null, null);
		assertThat(PlanDays.windowMonths(expenses, fiveDays, WORKSPACE, day("2028-03-02"))).containsExactly(YearMonth.of(2028, 3),
				YearMonth.of(2028, 2));
		assertThat(PlanDays.windowMonths(expenses, fiveDays, WORKSPACE, day("2028-03-31"))).containsExactly(YearMonth.of(2028, 3));
		// the window starts 2028-03-27: a leave overlapping it may start 30 days before, in February
		assertThat(PlanDays.windowMonths(leaves, fiveDays, WORKSPACE, day("2028-03-31"))).containsExactly(YearMonth.of(2028, 3),
				YearMonth.of(2028, 2));
		assertThat(PlanDays.windowMonths(leaves, window(1, null, null), WORKSPACE, day("2028-01-01"))).as("over the year's turn")
			.containsExactly(YearMonth.of(2028, 1), YearMonth.of(2027, 12));
	}

	@Test
	void theTimelineIsAskedOnlyForItsLast365Days() {
		StreamDef timeline = CATALOG.get("report_timeline");
		assertThat(timeline.horizonDays()).isEqualTo(365);
		LocalDate today = day("2028-03-01"); // 2028 is a leap year: 365 days back is 2027-03-02
		List<LocalDate> asked = List.of(today, day("2027-03-03"), day("2027-03-02"), day("2027-03-01"));
		assertThat(PlanDays.served(timeline, today, asked)).containsExactly(today, day("2027-03-03"));
		assertThat(PlanDays.served(CATALOG.get("time_entries"), today, asked)).as("no horizon").isEqualTo(asked);
	}

	@Test
	void daysAreCutIntoRunsOfConsecutiveDaysAtMostASliceLong() {
		List<LocalDate> days = new ArrayList<>();
		for (LocalDate d = day("2028-03-05"); !d.isBefore(day("2028-02-10")); d = d.minusDays(1)) {
			days.add(d); // 25 consecutive days over February 29th
		}
		days.add(day("2027-12-31")); // a gap: the sweep's day of another month
		List<List<LocalDate>> runs = PlanDays.runs(days);
		assertThat(runs).extracting(List::size).containsExactly(PlanDays.SLICE_DAYS, 25 - PlanDays.SLICE_DAYS, 1);
		assertThat(runs.get(0).get(0)).isEqualTo(day("2028-03-05"));
		assertThat(runs.get(1).get(runs.get(1).size() - 1)).isEqualTo(day("2028-02-10"));
		assertThat(runs.get(2)).containsExactly(day("2027-12-31"));
		assertThat(PlanDays.runs(List.of())).isEmpty();
	}
}
