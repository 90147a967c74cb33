package com.webworksync.streams;

import java.time.LocalDate;

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
	DAY,
	/** One partition per member who can track time, read whole every run (a member's live tracker). */
	MEMBER;

	/** A PROJECT partition's key: built here only (the planner's partitions, change detection's fingerprints). */
	public static String projectKey(long projectId) {
		return "project:" + projectId;
	}

	/** A MEMBER partition: its key, {@code member:<id>}, is built here only; the member goes in {@code user_id}. */
	public static Partition member(long workspaceId, long memberId) {
		return Partition.of(workspaceId, "member:" + memberId, "user_id", Long.toString(memberId));
	}

	/**
	 * A USER_DAY partition's member and day. Its key, {@code <user_id>@<YYYY-MM-DD>}, is built and read here only
	 * (the ledger, the plan and the reconciliation's SQL, {@code user_id || '@' || date}, use the same form).
	 */
	public record MemberDay(long userId, LocalDate day) {

		public String key() {
			return userId + "@" + day;
		}

		/** The partition that reads this member-day in a workspace (the time-entries query). */
		public Partition partition(long workspaceId) {
			return Partition.of(workspaceId, key(), "user_id", Long.toString(userId), "date", day.toString());
		}

		public static MemberDay parse(String key) {
			int at = key.indexOf('@');
			if (at <= 0) {
				throw new IllegalArgumentException("not a member-day partition key: '" + key + "'");
			}
			return new MemberDay(Long.parseLong(key.substring(0, at)), LocalDate.parse(key.substring(at + 1)));
		}
	}
}
