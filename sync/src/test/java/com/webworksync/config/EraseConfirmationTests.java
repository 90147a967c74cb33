package com.webworksync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** erase's confirmation on plain values: on a terminal it needs --yes (or --dry-run); from a script it does not. */
@Tag("plain")
class EraseConfirmationTests {

	@Test
	void onATerminalEraseNeedsYesOrDryRun() {
		assertThat(EraseOptions.parse(List.of("--member=12")).refusedOn(true)).isTrue();
		assertThat(EraseOptions.parse(List.of("--member=12", "--yes")).refusedOn(true)).isFalse();
		assertThat(EraseOptions.parse(List.of("--member=12", "--dry-run")).refusedOn(true)).isFalse();
		assertThat(EraseOptions.parse(List.of("--viewer=7", "--workspace=3")).refusedOn(true)).isTrue();
	}

	@Test
	void withoutATerminalOnStdinItDoesNotAsk() {
		assertThat(EraseOptions.parse(List.of("--member=12")).refusedOn(false)).isFalse();
		assertThat(EraseOptions.parse(List.of("--member=12", "--yes")).refusedOn(false)).isFalse();
		assertThat(EraseOptions.parse(List.of("--viewer=7")).refusedOn(false)).isFalse();
	}

	@Test
	void theRefusalIsOneLineNamingThePersonAndWhatToAdd() {
		assertThat(EraseOptions.parse(List.of("--viewer=7")).refusal())
			.isEqualTo("webwork-sync: erase scrubs viewer 7's personal values for good: see what it touches with --dry-run, "
					+ "then add --yes")
			.doesNotContain("\n");
	}
}
