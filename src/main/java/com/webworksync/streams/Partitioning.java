package com.webworksync.streams;

/** How the planner splits a stream into partitions. */
public enum Partitioning {
	/** One partition without a workspace: the workspace list. */
	GLOBAL,
	/** One partition per workspace. */
	WORKSPACE,
	/** One partition per workspace and project (tasks are only listed per project). */
	PROJECT,
	/** One partition per calendar month of the workspace, from and to sent as a date range. */
	MONTH,
	/** One partition per run date (snapshots). */
	SNAPSHOT_DAY,
	/** One partition per member and calendar day (time entries). */
	USER_DAY,
	/** One partition per calendar day (one-date reports). */
	DAY
}
