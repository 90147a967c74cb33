package com.webworksync.notify;

import java.util.List;

/**
 * How often a condition that repeats run after run is told: at its 1st, 3rd, 10th and 30th run in a row, then every
 * 30th (60, 90, …). An hourly job failing for a day sends 4 notifications, not 24.
 */
public final class Escalation {

	/** The counts that notify, before every {@link #EVERY}th. */
	public static final List<Integer> COUNTS = List.of(1, 3, 10, 30);
	public static final int EVERY = 30;

	private Escalation() {
	}

	/** Whether the {@code n}th run in a row of the same condition notifies. */
	public static boolean notifies(int n) {
		return COUNTS.contains(n) || (n > EVERY && n % EVERY == 0);
	}

	/** "1st", "2nd", "3rd", "10th", … for messages. */
	static String ordinal(int n) {
		int mod100 = n % 100;
		String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
			case 1 -> "st";
			case 2 -> "nd";
			case 3 -> "rd";
			default -> "th";
		};
		return n + suffix;
	}
}
