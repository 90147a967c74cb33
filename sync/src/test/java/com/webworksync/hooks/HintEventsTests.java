package com.webworksync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A subscription names tracker.started only when the opt-in tracker_status is enabled. */
@Tag("plain")
class HintEventsTests {

	@Test
	void theDefaultStreamsNeedNoTrackerStart() {
		assertThat(HintEvents.needed(Set.of())).contains("tracker.stopped", "member.updated", "task.updated")
			.doesNotContain("tracker.started");
		assertThat(HintEvents.needed(Set.of("all"))).isEqualTo(HintEvents.needed(Set.of()));
	}

	@Test
	void trackerStatusNeedsBothTrackerEvents() {
		assertThat(HintEvents.needed(Set.of("tracker_status"))).containsExactlyInAnyOrder("tracker.started", "tracker.stopped");
		assertThat(HintEvents.needed(Set.of("all", "tracker_status"))).contains("tracker.started", "tracker.stopped",
				"member.updated");
	}
}
