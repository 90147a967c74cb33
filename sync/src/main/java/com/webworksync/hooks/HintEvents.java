package com.webworksync.hooks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;

/** The webhook events a subscription names: exactly those that announce changes of the enabled streams. */
final class HintEvents {

	private HintEvents() {
	}

	/** @param enabledStreams SYNC_STREAMS */
	static List<String> needed(Set<String> enabledStreams) {
		Set<String> events = new LinkedHashSet<>();
		for (StreamDef stream : new Catalog().all()) {
			if (stream.selectedBy(enabledStreams)) {
				events.addAll(stream.hintedBy());
			}
		}
		return List.copyOf(events);
	}
}
