package com.webworksync.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;

import org.springframework.stereotype.Component;

import com.webworksync.config.Settings;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partition;
import com.webworksync.streams.Partitioning;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.HintLedger;
import com.webworksync.warehouse.HintLedger.OpenHint;

/**
 * {@code sync --hints} as a run's window: not a second read path but another way to fill the plan. The open hints
 * (up to the newest when the run starts) name its partitions, stream by stream, through each stream's
 * {@link StreamDef#hintedBy()}: {@code tracker.stopped} that member-day's time entries and that day's timeline and
 * attendance, and with {@code tracker_status} enabled (it is opt-in) that member's tracker, as {@code tracker.started}
 * does; {@code member.*} the members list; {@code project.*} the projects list and that project's tasks;
 * {@code task.updated} that project's tasks. Every partition named is read (no change detection: the hint is the
 * change). The claims are written before the run starts, so the page that completes a hint's last partition consumes
 * it in its own transaction ({@link HintLedger#read}). A run already running takes the hints that arrive while it runs
 * the same way ({@link #arrived}), and reads their partitions between its own.
 */
@Component
public class Hints {

	private final Settings settings;

	private final HintLedger ledger;

	private final Catalog catalog = new Catalog();

	public Hints(Settings settings, HintLedger ledger) {
		this.settings = settings;
		this.ledger = ledger;
	}

	/** The hint run's window at {@code now}; its {@code hintsUpTo} is 0 when no hint is open (nothing to read). */
	public RunWindow window(Instant now) {
		List<OpenHint> open = ledger.open(0);
		Set<String> streams = new LinkedHashSet<>();
		Set<Long> workspaces = new TreeSet<>();
		List<Named> named = claimed(open);
		named.forEach(n -> {
			streams.add(n.stream());
			workspaces.add(n.partition().workspaceId());
		});
		long upTo = open.isEmpty() || named.isEmpty() ? 0 : open.get(open.size() - 1).id();
		return new RunWindow(now, null, null, 0, streams, settings.verifyShare(), Map.of(), Map.of())
			.hinting(workspaces, upTo);
	}

	/** A partition a hint names in a stream. */
	public record Named(String stream, Partition partition) {
	}

	/** What a running run serves between its partitions: the open hints it had not taken, and what they name. */
	public record Arrived(List<Long> hints, List<Named> partitions) {
	}

	/**
	 * The open hints not in {@code taken} (all of them: {@link Arrived#hints}), and the partitions those of workspaces
	 * {@code ours} accepts name, claimed as a hint run claims them: the read of each consumes them
	 * ({@link HintLedger#read}).
	 */
	public Arrived arrived(Set<Long> taken, LongPredicate ours) {
		List<OpenHint> fresh = ledger.open(0).stream().filter(h -> !taken.contains(h.id())).toList();
		return new Arrived(fresh.stream().map(OpenHint::id).toList(),
				claimed(fresh.stream().filter(h -> ours.test(h.workspaceId())).toList()));
	}

	/** What the hints name, each stream's partitions once per hint, claimed in sync.hint_partitions. */
	private List<Named> claimed(List<OpenHint> open) {
		List<Named> named = new ArrayList<>();
		List<HintLedger.Claim> claims = new ArrayList<>();
		for (OpenHint hint : open) {
			for (StreamDef stream : hinted()) {
				for (Partition partition : partitions(stream, hint)) {
					named.add(new Named(stream.name(), partition));
					claims.add(new HintLedger.Claim(hint.id(), stream.name(), hint.workspaceId(), partition.key()));
				}
			}
		}
		ledger.claim(claims);
		return named;
	}

	/** A stream's partitions the hint run reads in one workspace: those its open hints name, each once. */
	List<Partition> partitions(StreamDef stream, RunWindow window, long workspaceId) {
		Set<String> keys = new LinkedHashSet<>();
		List<Partition> partitions = new ArrayList<>();
		for (OpenHint hint : ledger.open(window.hintsUpTo())) {
			if (hint.workspaceId() == workspaceId) {
				partitions(stream, hint).stream().filter(p -> keys.add(p.key())).forEach(partitions::add);
			}
		}
		return partitions;
	}

	/** The enabled streams a hint may name. */
	private List<StreamDef> hinted() {
		return catalog.all()
			.stream()
			.filter(s -> !s.hintedBy().isEmpty())
			.filter(s -> s.selectedBy(settings.streams()))
			.toList();
	}

	/** What one hint names in one stream: nothing unless the stream is hinted by its kind. */
	static List<Partition> partitions(StreamDef stream, OpenHint hint) {
		if (!stream.hintedBy().contains(hint.kind())) {
			return List.of();
		}
		long ws = hint.workspaceId();
		return switch (stream.partitioning()) {
			case USER_DAY -> hint.memberId() == null ? List.of()
					: List.of(new Partitioning.MemberDay(hint.memberId(), hint.day()).partition(ws));
			case MEMBER -> hint.memberId() == null ? List.of() : List.of(Partitioning.member(ws, hint.memberId()));
			case DAY -> List.of(Partition.of(ws, hint.day().toString(), "date", hint.day().toString()));
			case WORKSPACE -> List.of(Partition.of(ws, "all"));
			case PROJECT -> hint.projectId() == null ? List.of()
					: List.of(Partition.of(ws, Partitioning.projectKey(hint.projectId()), "project_id",
							hint.projectId().toString()));
			default -> List.of();
		};
	}
}
