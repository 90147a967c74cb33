package com.webworksync.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * One fault rule: the next {@code times} requests whose path starts with {@code pathPrefix}
 * (after letting {@code skip} of them pass) get {@code kind} instead of, or on top of, the normal answer.
 *
 * @param pathPrefix path without /api/v2, e.g. "/time-entries"; "" matches every path
 * @param retryAfterSeconds for TOO_MANY_REQUESTS: the Retry-After value, null sends no header
 * @param delay for SLOW: how long to wait before answering (null means one second)
 */
public record Fault(String pathPrefix, Kind kind, int times, int skip, Integer retryAfterSeconds, Duration delay) {

	public enum Kind {

		TOO_MANY_REQUESTS, SERVER_ERROR, BAD_GATEWAY, UNAVAILABLE, SLOW, RESET_CONNECTION, TRUNCATED_JSON, HTML_200,
		SUCCESS_FALSE_200, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, LYING_REMAINING, WRONG_TYPE, EXTRA_FIELD,
		MISSING_FIELD

	}

	public Fault {
		Objects.requireNonNull(pathPrefix, "pathPrefix");
		Objects.requireNonNull(kind, "kind");
		if (times < 0 || skip < 0) {
			throw new IllegalArgumentException("times and skip must be >= 0");
		}
	}

	public static Fault of(Kind kind) {
		return new Fault("", kind, 1, 0, null, null);
	}

	public Fault on(String prefix) {
		return new Fault(prefix, kind, times, skip, retryAfterSeconds, delay);
	}

	public Fault times(int n) {
		return new Fault(pathPrefix, kind, n, skip, retryAfterSeconds, delay);
	}

	public Fault skip(int n) {
		return new Fault(pathPrefix, kind, times, n, retryAfterSeconds, delay);
	}

	public Fault retryAfter(Integer seconds) {
		return new Fault(pathPrefix, kind, times, skip, seconds, delay);
	}

	public Fault delay(Duration d) {
		return new Fault(pathPrefix, kind, times, skip, retryAfterSeconds, d);
	}

	boolean matches(String path) {
		return path.startsWith(pathPrefix);
	}

}
