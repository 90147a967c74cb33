package com.webworksync.sandbox;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A seeded random stream. Each generator asks for its own stream keyed by what it generates
 * (e.g. seed, workspace, "time", member id), so adding a member never shifts anyone else's data.
 */
final class Rng {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

	private final SplittableRandom random;

	private Rng(long seed) {
		this.random = new SplittableRandom(seed);
	}

	static Rng of(long seed, Object... keys) {
		long h = mix(seed);
		for (Object key : keys) {
			long k = key instanceof Number n ? n.longValue() : key.toString().hashCode();
			h = mix(h ^ mix(k + 0x9E3779B97F4A7C15L));
		}
		return new Rng(h);
	}

	/** SplitMix64 finaliser: spreads nearby seeds far apart. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** The stream itself, for code outside the sandbox that takes a generator (a webhook secret). */
	RandomGenerator generator() {
		return random;
	}

	/** Inclusive on both ends. */
	int between(int low, int high) {
		return low + random.nextInt(high - low + 1);
	}

	boolean chance(double probability) {
		return random.nextDouble() < probability;
	}

	double nextDouble() {
		return random.nextDouble();
	}

	<T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** Picks values[i] with probability weights[i] / sum(weights). */
	<T> T weighted(List<T> values, int[] weights) {
		int total = 0;
		for (int w : weights) {
			total += w;
		}
		int roll = random.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			roll -= weights[i];
			if (roll < 0) {
				return values.get(i);
			}
		}
		return values.get(values.size() - 1);
	}

	String hex(int length) {
		return chars(HEX, length);
	}

	String alnum(int length) {
		return chars(ALNUM, length);
	}

	/** UUID-shaped (version 4 layout) so clients that validate UUIDs accept it. */
	String uuid() {
		String h = hex(32);
		return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-"
				+ "89ab".charAt(random.nextInt(4)) + h.substring(17, 20) + "-" + h.substring(20);
	}

	private String chars(char[] alphabet, int length) {
		char[] out = new char[length];
		for (int i = 0; i < length; i++) {
			out[i] = alphabet[random.nextInt(alphabet.length)];
		}
		return new String(out);
	}

}
