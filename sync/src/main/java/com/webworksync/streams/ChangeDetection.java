package com.webworksync.streams;

/** Whether and how the planner skips partitions that the window reports say did not change. */
public enum ChangeDetection {
	/** Every planned partition is read. */
	NONE,
	/** Read when the reports changed; a partition never read and without reported time is empty, so skipped. */
	ROWS_WITH_TIME,
	/** Read when the reports changed; a partition never read is read even without reported time. */
	ALWAYS_ROWS;

	public boolean enabled() {
		return this != NONE;
	}
}
