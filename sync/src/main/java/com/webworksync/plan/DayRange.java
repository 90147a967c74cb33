package com.webworksync.plan;

import java.time.LocalDate;

/** Consecutive calendar days, both ends included. */
public record DayRange(LocalDate from, LocalDate to) {

	public DayRange {
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("a range ends on or after its first day: " + from + ".." + to);
		}
	}

	public long days() {
		return to.toEpochDay() - from.toEpochDay() + 1;
	}

	/** Overlapping or next to each other: together they are one range. */
	public boolean touches(DayRange other) {
		return !other.from.isAfter(to.plusDays(1)) && !from.isAfter(other.to.plusDays(1));
	}

	public DayRange span(DayRange other) {
		return new DayRange(from.isBefore(other.from) ? from : other.from, to.isAfter(other.to) ? to : other.to);
	}

	/** As job parameters and logs write it: 2026-01-01..2026-03-31. */
	@Override
	public String toString() {
		return from + ".." + to;
	}

	public static DayRange parse(String text) {
		int dots = text.indexOf("..");
		return new DayRange(LocalDate.parse(text.substring(0, dots).trim()), LocalDate.parse(text.substring(dots + 2).trim()));
	}
}
