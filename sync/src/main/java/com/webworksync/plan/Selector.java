package com.webworksync.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

import com.webworksync.streams.ChangeDetection;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.Ledger;

/**
 * Change detection over a stream's slices: a partition is read when it was never read (and may
 * hold rows), or when the reports' fingerprint differs from the one recorded when it was last
 * read; of the unchanged ones, the oldest-read are re-verified, {@code verifyShare} of the
 * changed count and at least one. Walks the slices up to three times (decide, pick the oldest,
 * emit) and keeps between slices only two bits per candidate and the partitions picked for
 * re-verification, so memory stays flat as members and history grow. Emits the chosen partitions
 * in candidate order.
 *
 * <p>A refresh ({@link RunWindow#rereadAll()}) turns change detection off: every candidate is read, priced as a
 * stream without change detection is, from the ledger's page counts.
 *
 * <p>It does no I/O of its own: what the ledger and the reports say comes through {@link Inputs}, so it can be
 * tested on plain values ({@code SelectorTests}).
 */
final class Selector {

	/** What the selector reads: the ledger's last reads and the reports' fingerprints. */
	interface Inputs {
		/** The ledger's entries of the stream in the workspace: of the slice's days, or all of them for a whole slice. */
		Map<String, Ledger.Entry> entries(StreamDef stream, long workspaceId, Slice slice);

		/** The reports' fingerprint per partition key between two days; absent = nothing reported. */
		Map<String, String> fingerprints(StreamDef stream, long workspaceId, LocalDate from, LocalDate to);

		/** Inputs from the warehouse. */
		static Inputs of(Ledger ledger, ChangeDetector detector) {
			return new Inputs() {
				@Override
				public Map<String, Ledger.Entry> entries(StreamDef stream, long workspaceId, Slice slice) {
					return slice.byDay() ? ledger.entries(stream.name(), workspaceId, slice.from(), slice.to())
							: ledger.entries(stream.name(), workspaceId);
				}

				@Override
				public Map<String, String> fingerprints(StreamDef stream, long workspaceId, LocalDate from, LocalDate to) {
					return detector.fingerprints(stream, workspaceId, from, to);
				}
			};
		}
	}

	private static final Comparator<Oldest> OLDEST_FIRST = Comparator.comparing(Oldest::fetchedAt)
		.thenComparing(Oldest::key);

	private record Oldest(OffsetDateTime fetchedAt, String key, int pages) {
	}

	private final Inputs inputs;

	Selector(Inputs inputs) {
		this.inputs = inputs;
	}

	StreamPlan select(StreamDef stream, RunWindow window, long workspaceId, List<Slice> slices, Consumer<Partition> sink) {
		if (!stream.changeDetection().enabled() || window.rereadAll()) {
			// every candidate: a stream without change detection, or a refresh (which does not trust the reports)
			int count = 0;
			int swept = 0;
			long requests = 0;
			for (Slice slice : slices) {
				List<Partition> candidates = slice.candidates().get();
				Map<String, Ledger.Entry> entries = candidates.isEmpty() ? Map.of() : entries(stream, workspaceId, slice);
				for (Partition partition : candidates) {
					sink.accept(partition);
					requests += pages(entries.get(partition.key()));
					count++;
					swept += slice.sweep() ? 1 : 0;
				}
			}
			return new StreamPlan(stream.name(), count, count, count, 0, requests, swept);
		}
		// 1. decide: changed (or never read), unchanged (read before, same fingerprint), neither (never read, no time)
		BitSet changed = new BitSet();
		BitSet unchanged = new BitSet();
		int candidates = 0;
		long changedPages = 0;
		long unchangedPages = 0;
		for (Slice slice : slices) {
			List<Partition> partitions = slice.candidates().get();
			if (partitions.isEmpty()) {
				continue;
			}
			Map<String, Ledger.Entry> entries = entries(stream, workspaceId, slice);
			Map<String, String> current = inputs.fingerprints(stream, workspaceId, firstDay(partitions),
					lastDay(partitions));
			for (Partition partition : partitions) {
				int i = candidates++;
				String fingerprint = current.get(partition.key());
				Ledger.Entry last = entries.get(partition.key());
				boolean isChanged = last == null
						? fingerprint != null || stream.changeDetection() == ChangeDetection.ALWAYS_ROWS
						: !Objects.equals(fingerprint, last.sourceFingerprint());
				if (isChanged) {
					changed.set(i);
					changedPages += pages(last);
				}
				else if (last != null && !slice.sweep()) {
					unchanged.set(i); // re-verification candidate (the sweep's are not: it re-checks, the window verifies)
					unchangedPages += pages(last);
				}
			}
		}
		if (candidates == 0) {
			return StreamPlan.none(stream.name());
		}
		int changedCount = changed.cardinality();
		int unchangedCount = unchanged.cardinality();
		int verify = unchangedCount == 0 ? 0
				: Math.min(unchangedCount, Math.max(1, (int) Math.ceil(window.verifyShare() * changedCount)));
		// 2. the oldest-read unchanged partitions, unless all of them are re-verified anyway
		Set<String> verified = null;
		long verifiedPages = unchangedPages;
		if (verify < unchangedCount) {
			PriorityQueue<Oldest> newest = new PriorityQueue<>(verify, OLDEST_FIRST.reversed());
			int index = 0;
			for (Slice slice : slices) {
				List<Partition> partitions = slice.candidates().get();
				if (partitions.isEmpty()) {
					continue;
				}
				Map<String, Ledger.Entry> entries = entries(stream, workspaceId, slice);
				for (Partition partition : partitions) {
					Ledger.Entry last = entries.get(partition.key());
					if (unchanged.get(index++) && last != null) {
						Oldest candidate = new Oldest(last.fetchedAt(), partition.key(), last.pages());
						if (newest.size() < verify) {
							newest.add(candidate);
						}
						else if (OLDEST_FIRST.compare(candidate, newest.peek()) < 0) {
							newest.poll();
							newest.add(candidate);
						}
					}
				}
			}
			verified = new HashSet<>();
			verifiedPages = 0;
			for (Oldest oldest : newest) {
				verified.add(oldest.key());
				verifiedPages += Math.max(1, oldest.pages());
			}
		}
		// 3. emit in candidate order
		int chosen = 0;
		int swept = 0;
		int index = 0;
		for (Slice slice : slices) {
			for (Partition partition : slice.candidates().get()) {
				int i = index++;
				if (changed.get(i) || (unchanged.get(i) && (verified == null || verified.contains(partition.key())))) {
					sink.accept(partition);
					chosen++;
					swept += slice.sweep() ? 1 : 0;
				}
			}
		}
		return new StreamPlan(stream.name(), chosen, candidates, changedCount, verify, changedPages + verifiedPages,
				swept);
	}

	private Map<String, Ledger.Entry> entries(StreamDef stream, long workspaceId, Slice slice) {
		return inputs.entries(stream, workspaceId, slice);
	}

	private static long pages(Ledger.Entry last) {
		return last == null ? 1 : Math.max(1, last.pages());
	}

	private static LocalDate firstDay(List<Partition> partitions) {
		return partitions.stream().map(Selector::day).filter(Objects::nonNull).min(LocalDate::compareTo).orElse(LocalDate.MIN);
	}

	private static LocalDate lastDay(List<Partition> partitions) {
		return partitions.stream().map(Selector::day).filter(Objects::nonNull).max(LocalDate::compareTo).orElse(LocalDate.MAX);
	}

	private static LocalDate day(Partition partition) {
		String date = partition.params().get("date");
		return date == null ? null : LocalDate.parse(date);
	}
}
