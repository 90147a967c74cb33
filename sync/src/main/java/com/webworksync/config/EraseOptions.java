package com.webworksync.config;

import java.util.List;

/**
 * {@code erase --member=<id> | --viewer=<id> [--workspace=<id>] [--yes] [--dry-run]}, checked before anything
 * connects. Whether the id is in the warehouse is checked by the erasure itself (exit 2 when it is not).
 *
 * @param as member or viewer
 */
public record EraseOptions(String as, long personId, Long workspace, boolean yes, boolean dryRun) {

	/**
	 * On a terminal erase changes nothing without {@code --yes} (it cannot be undone); {@code --dry-run} changes nothing
	 * anyway, and from a script (stdin not a terminal) there is nobody to ask.
	 *
	 * @param stdinIsATerminal whether the command's stdin is a terminal
	 */
	public boolean refusedOn(boolean stdinIsATerminal) {
		return stdinIsATerminal && !yes && !dryRun;
	}

	/** The one line erase says when it refuses (exit 2). */
	public String refusal() {
		return "webwork-sync: erase scrubs " + as + " " + personId + "'s personal values for good: see what it touches with "
				+ "--dry-run, then add --yes";
	}

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
