package com.webworksync.config;

import java.util.List;

/**
 * {@code erase --member=<id> | --viewer=<id> [--workspace=<id>] [--yes] [--dry-run]}, checked before anything
 * connects. Whether the id is in the warehouse is checked by the erasure itself (exit 2 when it is not).
 *
 * @param as member or viewer
 */
public record EraseOptions(String as, long personId, Long workspace, boolean yes, boolean dryRun) {

	static EraseOptions parse(List<String> options) {
		String member = value(options, "--member=");
		String viewer = value(options, "--viewer=");
		if ((member == null) == (viewer == null)) {
			throw new ConfigurationException("erase needs one of --member=<id> or --viewer=<id> (see --help)");
		}
		String as = member != null ? "member" : "viewer";
		String id = member != null ? member : viewer;
		long personId;
		try {
			personId = Long.parseLong(id.trim());
		}
		catch (NumberFormatException ex) {
			personId = 0;
		}
		if (personId <= 0) {
			throw new ConfigurationException("--" + as + " must be a user id (a number, as in webwork.members.id), got '" + id + "'");
		}
		String workspace = value(options, "--workspace=");
		return new EraseOptions(as, personId, workspace == null ? null : RefreshOptions.workspace(workspace),
				options.contains("--yes"), options.contains("--dry-run"));
	}

	private static String value(List<String> options, String prefix) {
		return options.stream().filter(o -> o.startsWith(prefix)).map(o -> o.substring(prefix.length())).findFirst().orElse(null);
	}
}
