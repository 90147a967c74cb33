package com.webworksync.plan;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.webworksync.streams.StreamDef;

/** The planner's calendar arithmetic, on plain values: which days and months a run covers, in read order. */
final class PlanDays {

	/** The longest run of consecutive days planned as one slice (member-days grow with members and history). */
	static final int SLICE_DAYS = 14;

	private PlanDays() {
	}

	/** The months a month stream reads for the window and backfill, in read order. */
	static List<YearMonth> windowMonths(StreamDef stream, RunWindow window, long workspaceId, LocalDate today) {
		Set<LocalDate> days = days(window, workspaceId, today);
		if (stream.rowSpanDays() > 0) {
			// where the rows that overlap the window start: their months own them
			LocalDate first = days.stream().min(LocalDate::compareTo).orElse(today);
			days.add(first.minusDays(stream.rowSpanDays() - 1L));
		}
		return months(days);
	}

	/** The days the API serves the stream for (the timeline: the last 365). */
	static List<LocalDate> served(StreamDef stream, LocalDate today, Collection<LocalDate> days) {
		return days.stream()
			.filter(day -> stream.horizonDays() == 0 || day.isAfter(today.minusDays(stream.horizonDays())))
			.toList();
	}

	/** Days in read order cut into runs of consecutive days (each the day before the last), at most SLICE_DAYS long. */
	static List<List<LocalDate>> runs(List<LocalDate> days) {
		List<List<LocalDate>> runs = new ArrayList<>();
		List<LocalDate> run = new ArrayList<>();
		for (LocalDate day : days) {
			if (!run.isEmpty() && (run.size() == SLICE_DAYS || !day.equals(run.get(run.size() - 1).minusDays(1)))) {
				runs.add(run);
				run = new ArrayList<>();
			}
			run.add(day);
		}
		if (!run.isEmpty()) {
			runs.add(run);
		}
		return runs;
	}

	/**
	 * The lookback window newest first, then the backfill range newest first, then the workspace's chunk of history
	 * (the freshest data lands first), never after today.
	 */
	static Set<LocalDate> days(RunWindow window, long workspaceId, LocalDate today) {
		Set<LocalDate> days = new LinkedHashSet<>();
		for (int i = 0; i < window.lookbackDays(); i++) {
			days.add(today.minusDays(i));
		}
		if (window.backfillFrom() != null) {
			LocalDate to = window.backfillTo() == null || window.backfillTo().isAfter(today) ? today : window.backfillTo();
			for (LocalDate day = to; !day.isBefore(window.backfillFrom()); day = day.minusDays(1)) {
				days.add(day);
			}
		}
		DayRange history = window.history(workspaceId);
		if (history != null) {
			for (LocalDate day = history.to().isAfter(today) ? today : history.to(); !day.isBefore(history.from());
					day = day.minusDays(1)) {
				days.add(day);
			}
		}
		return days;
	}

	private static List<YearMonth> months(Set<LocalDate> days) { // in read order
		Set<YearMonth> months = new LinkedHashSet<>();
		days.forEach(day -> months.add(YearMonth.from(day)));
		return new ArrayList<>(months);
	}
}
