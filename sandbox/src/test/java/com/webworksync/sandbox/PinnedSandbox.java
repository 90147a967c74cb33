package com.webworksync.sandbox;

import java.time.LocalDate;

/**
 * The sandbox the endpoint tests share: pinned to a Thursday in January 2026 (the dates the API
 * docs' examples use), unlimited, so every test sees the same generated data whatever the date.
 */
final class PinnedSandbox {

	static final LocalDate TODAY = LocalDate.of(2026, 1, 29);

	static final SandboxOptions OPTIONS = SandboxOptions.defaults().withToday(TODAY).withRequestsPerMinute(0);

	private PinnedSandbox() {
	}
}
