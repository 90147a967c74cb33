package com.webworksync.streams;

/** Whether and how the planner skips partitions that the window reports say did not change. */
public enum ChangeDetection {
	/** Every planned partition is read. */
	NONE,
	/** Read when the reports changed; a partition never read and without reported time is empty, so skipped. */
	ROWS_WITH_TIME,
	/** Read when the reports changed; a partition never read is read even without reported time. */
	ALWAYS_ROWS;

	/**
	 * The report streams whose rows make the member-day fingerprints (plan/ChangeDetector reads
	 * their tables), so a change-detected stream of days or member-days is read after them, and
	 * re-reading their months re-checks its days.
	 */
	public static final java.util.List<String> MEMBER_DAY_SOURCES = java.util.List.of("report_tracked_hours",
			"report_tasks", "report_activity_descriptions", "report_timeline");

	public boolean enabled() {
		return this != NONE;
	}
}
