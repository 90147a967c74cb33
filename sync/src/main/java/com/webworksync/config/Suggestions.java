package com.webworksync.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?": the valid word nearest to a mistyped one, by edit distance. */
public final class Suggestions {

	private Suggestions() {
	}

	/**
	 * The edits (insert, delete, substitute a character, or swap two adjacent ones) that turn {@code a} into
	 * {@code b}: the optimal string alignment form of the Damerau-Levenshtein distance.
	 */
	public static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

	/**
	 * The candidate nearest to {@code given} (ignoring case), if it is near enough to be what was meant: one edit for
	 * words of up to three letters, two for longer ones; the first of equally near candidates.
	 */
	public static Optional<String> nearest(String given, Collection<String> candidates) {
		String word = given.toLowerCase(Locale.ROOT);
		int allowed = word.length() <= 3 ? 1 : 2;
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int d = distance(word, candidate.toLowerCase(Locale.ROOT));
			if (d < bestDistance) {
				best = candidate;
				bestDistance = d;
			}
		}
		return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
	}
}
