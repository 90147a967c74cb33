package com.webworksync.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The start date's arithmetic, on plain values: which days of history a run backfills, and what a stream holds
 * once a run completed it. A stream holds one range of consecutive days, ending on the day its last completed run
 * counted as today; a run extends it only where the days it read touch it (a gap starts it afresh from the run's
 * own days, and the backfill then reads the gap first).
 */
public final class Coverage {

	/** What a date-addressed stream of a workspace holds, and the first day it is to hold. */
	public record Stream(String name, DayRange held, int horizonDays) {

		/** The first day the stream is to hold: the start date, or the first day the API serves when later. */
		LocalDate goal(LocalDate startDate, LocalDate today) {
			LocalDate served = horizonDays > 0 ? today.minusDays(horizonDays - 1L) : null;
			return served != null && served.isAfter(startDate) ? served : startDate;
		}

		/** The first day held without a gap up to the window (a gap: the window's first day). */
		LocalDate heldFrom(LocalDate windowStart) {
			if (held == null || held.to().isBefore(windowStart.minusDays(1))) {
				return windowStart;
			}
			return held.from().isBefore(windowStart) ? held.from() : windowStart;
		}
	}

	private Coverage() {
	}

	/** The first day of the lookback window (today included). */
	public static LocalDate windowStart(LocalDate today, int lookbackDays) {
		return today.minusDays(lookbackDays - 1L);
	}

	/**
	 * The chunk of history a run backfills before its window, or null when every stream already reaches its goal:
	 * the days just before what the least advanced stream holds, newest first, at most {@code days} of them
	 * (at least one), never before the start date.
	 */
	public static DayRange chunk(LocalDate startDate, LocalDate today, int lookbackDays, Collection<Stream> streams,
			long days) {
		if (startDate == null) {
			return null;
		}
		LocalDate windowStart = windowStart(today, lookbackDays);
		LocalDate to = null;
		LocalDate goal = null;
		for (Stream stream : streams) {
			LocalDate from = stream.heldFrom(windowStart);
			LocalDate streamGoal = stream.goal(startDate, today);
			if (from.isAfter(streamGoal)) {
				to = to == null || from.isAfter(to) ? from : to;
				goal = goal == null || streamGoal.isBefore(goal) ? streamGoal : goal;
			}
		}
		if (to == null) {
			return null;
		}
		to = to.minusDays(1);
		LocalDate from = to.minusDays(Math.max(1, days) - 1);
		return new DayRange(from.isBefore(goal) ? goal : from, to);
	}

	/**
	 * What a stream holds after a run completed it: the run's days (its window, its chunk of history, its
	 * {@code --from/--to} range) that touch its today, joined to what it held before when they touch that, never
	 * before the first day the API serves.
	 */
	public static DayRange after(Stream stream, LocalDate today, int lookbackDays, DayRange chunk, DayRange backfill) {
		DayRange read = new DayRange(windowStart(today, lookbackDays), today);
		List<DayRange> others = new ArrayList<>();
		if (chunk != null) {
			others.add(chunk);
		}
		if (backfill != null && !backfill.from().isAfter(today)) {
			others.add(new DayRange(backfill.from(), backfill.to().isAfter(today) ? today : backfill.to()));
		}
		if (stream.held() != null && !stream.held().from().isAfter(today)) {
			others.add(new DayRange(stream.held().from(), stream.held().to().isAfter(today) ? today : stream.held().to()));
		}
		boolean grew = true;
		while (grew) {
			grew = false;
			for (DayRange other : List.copyOf(others)) {
				if (read.touches(other)) {
					read = read.span(other);
					others.remove(other);
					grew = true;
				}
			}
		}
		LocalDate served = stream.horizonDays() > 0 ? today.minusDays(stream.horizonDays() - 1L) : null;
		return served != null && read.from().isBefore(served) ? new DayRange(served, today) : read;
	}
}
