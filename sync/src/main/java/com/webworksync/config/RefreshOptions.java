package com.webworksync.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.webworksync.streams.Catalog;

/**
 * The values of {@code refresh}'s own options, checked before anything connects: {@code --streams} names known
 * streams (a typo gets the nearest one), {@code --workspace} is a workspace id. Whether this configuration syncs them is
 * checked against the warehouse when the run is planned ({@code plan.Refresh}).
 */
final class RefreshOptions {

	private RefreshOptions() {
	}

	/** {@code a,b}: each a stream of the catalog, in catalog order, each once. */
	static List<String> streams(String list) {
		List<String> known = new Catalog().names();
		Set<String> given = new LinkedHashSet<>();
		for (String name : list.split(",")) {
			String stream = name.trim();
			if (stream.isEmpty()) {
				continue;
			}
			if (!known.contains(stream)) {
				throw new ConfigurationException("--streams names an unknown stream '" + stream + "'"
						+ Suggestions.nearest(stream, known).map(near -> "; did you mean " + near + "?")
							.orElse("; streams: " + String.join(", ", known)));
			}
			given.add(stream);
		}
		if (given.isEmpty()) {
			throw new ConfigurationException("--streams needs at least one stream: --streams=time_entries,members");
		}
		List<String> ordered = new ArrayList<>(known);
		ordered.retainAll(given);
		return ordered;
	}

	/** A workspace id, or null when not given. */
	static Long workspace(String id) {
		if (id == null) {
			return null;
		}
		try {
			long workspace = Long.parseLong(id.trim());
			if (workspace > 0) {
				return workspace;
			}
		}
		catch (NumberFormatException ex) {
			// below
		}
		throw new ConfigurationException("--workspace must be a workspace id (a number, as in webwork.workspaces), got '"
				+ id + "'");
	}
}
