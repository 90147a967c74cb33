package com.webworksync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.HintLedger.OpenHint;

/** What one hint names in each stream ({@link Hints#partitions(StreamDef, OpenHint)}): the tracker's member too. */
@Tag("plain")
class HintedPartitionsTests {

	private static final LocalDate DAY = LocalDate.of(2026, 12, 3);

	private final Catalog catalog = new Catalog();

	private Map<String, List<String>> named(OpenHint hint) {
		return catalog.all()
			.stream()
			.filter(s -> !Hints.partitions(s, hint).isEmpty())
			.collect(Collectors.toMap(StreamDef::name,
					s -> Hints.partitions(s, hint).stream().map(Partition::key).toList()));
	}

	@Test
	void aStoppedTrackerNamesItsMemberDayItsDayAndItsMember() {
		OpenHint stopped = new OpenHint(1, 7, "tracker.stopped", 104L, null, null, DAY);
		assertThat(named(stopped)).containsOnly(Map.entry("time_entries", List.of("104@2026-12-03")),
				Map.entry("report_timeline", List.of("2026-12-03")), Map.entry("report_attendance", List.of("2026-12-03")),
				Map.entry("tracker_status", List.of("member:104")));
		assertThat(Hints.partitions(catalog.get("tracker_status"), stopped).get(0).params())
			.isEqualTo(Map.of("workspace_id", "7", "user_id", "104"));
	}

	@Test
	void aStartedTrackerNamesItsMemberAlone() {
		assertThat(named(new OpenHint(2, 7, "tracker.started", 104L, null, null, DAY)))
			.containsOnly(Map.entry("tracker_status", List.of("member:104")));
		assertThat(named(new OpenHint(3, 7, "tracker.started", null, null, null, DAY))).as("no member: nothing").isEmpty();
	}
}
