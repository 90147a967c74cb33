package com.webworksync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one rule of what SYNC_STREAMS reads ({@link StreamDef#selectedBy}): "all" leaves the opt-in streams out. */
@Tag("plain")
class OptInStreamsTests {

	private final Catalog catalog = new Catalog();

	private List<String> selected(Set<String> names) {
		return catalog.all().stream().filter(s -> s.selectedBy(names)).map(StreamDef::name).toList();
	}

	@Test
	void trackerStatusIsTheOnlyOptInStream() {
		assertThat(catalog.all().stream().filter(StreamDef::optIn).map(StreamDef::name)).containsExactly("tracker_status");
	}

	@Test
	void allAloneOrNothingIsEveryStreamButTheOptInOnes() {
		List<String> everyButOptIn = catalog.names().stream().filter(n -> !n.equals("tracker_status")).toList();
		assertThat(selected(Set.of())).containsExactlyElementsOf(everyButOptIn);
		assertThat(selected(Set.of(StreamDef.ALL))).containsExactlyElementsOf(everyButOptIn);
	}

	@Test
	void namedStreamsAreReadAndAllWithANameAddsIt() {
		assertThat(selected(Set.of("tracker_status"))).containsExactly("tracker_status");
		assertThat(selected(Set.of("members", "time_entries"))).containsExactly("members", "time_entries");
		assertThat(selected(Set.of(StreamDef.ALL, "tracker_status"))).containsExactlyElementsOf(catalog.names());
	}

	@Test
	void trackerStatusIsOneMemberPerPartitionAndHintedByBothTrackerEvents() {
		StreamDef status = catalog.get("tracker_status");
		assertThat(status.partitioning()).isEqualTo(Partitioning.MEMBER);
		assertThat(status.hintedBy()).containsExactlyInAnyOrder("tracker.started", "tracker.stopped");
		Partition partition = Partitioning.member(7, 104);
		assertThat(partition.key()).isEqualTo("member:104");
		assertThat(partition.params()).containsEntry("workspace_id", "7").containsEntry("user_id", "104").hasSize(2);
		assertThat(status.tables().get(0).personal()).extracting(PersonalField::name, PersonalField::kind)
			.containsExactly(Tuple.tuple("activity_description", PersonalKind.FREE_TEXT));
		assertThat(status.tables().get(0).subject()).as("erase finds its rows").isEqualTo(new TableMapping.Subject("user_id", false));
	}
}
