package com.webworksync.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import com.webworksync.streams.Partition;

/**
 * Candidates of one stream and workspace that are planned together, so the planner holds one
 * slice's partitions, ledger entries and fingerprints at a time, never a whole stream's
 * member-days. {@code from} and {@code to} bound the days of a slice of consecutive days (its
 * ledger is read by day); both null for a stream planned whole (its ledger is small). The
 * supplier is pure: the planner walks the slices more than once and must see the same
 * partitions in the same order each time. {@code sweep} marks the history sweep's candidates
 * (older months re-checked, {@link HistorySweep}): read when changed, never picked for
 * re-verification, which stays with the window.
 */
record Slice(LocalDate from, LocalDate to, Supplier<List<Partition>> candidates, boolean sweep) {

	static Slice whole(List<Partition> candidates) {
		return new Slice(null, null, () -> candidates, false);
	}

	static Slice sweep(List<Partition> candidates) {
		return new Slice(null, null, () -> candidates, true);
	}

	boolean byDay() {
		return from != null;
	}
}
