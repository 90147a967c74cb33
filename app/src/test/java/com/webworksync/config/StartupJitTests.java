package com.webworksync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.webworksync.WebworkSyncApplication;
import com.webworksync.job.ExitCodes;

/**
 * The start-up's compiler directive ({@link StartupJit}): it excludes C2 while in force, is taken back, and is never
 * added by a command run inside a JVM that goes on with other work (the tests, the bench): only {@code main}'s
 * {@code plan} and {@code status} add it.
 */
@Tag("plain")
class StartupJitTests {

	private static final String C2_EXCLUDED = "Exclude:true";

	@AfterEach
	void noDirectiveLeftBehind() throws Exception {
		StartupJit.restoreC2();
		assertThat(StartupJit.directives()).doesNotContain(C2_EXCLUDED);
	}

	@Test
	void theDirectiveExcludesC2OnlyAndIsTakenBack() throws Exception {
		assertThat(StartupJit.directives()).doesNotContain(C2_EXCLUDED);

		StartupJit.c1Only();
		String inForce = StartupJit.directives();
		// the first directive printed is the newest, ours: every method, C2 excluded, C1 left to the default
		String ours = inForce.substring(0, inForce.indexOf("Directive: (default)"));
		assertThat(ours).contains("matching: *.*");
		assertThat(ours.substring(ours.indexOf("c2 directives:"))).contains(C2_EXCLUDED);
		assertThat(ours.substring(ours.indexOf("c1 directives:"), ours.indexOf("c2 directives:"))).doesNotContain(C2_EXCLUDED);

		StartupJit.restoreC2();
		assertThat(StartupJit.directives()).doesNotContain(C2_EXCLUDED);
	}

	@Test
	void addedOnceHoweverOftenAsked() throws Exception {
		StartupJit.c1Only();
		StartupJit.c1Only();
		StartupJit.restoreC2();
		assertThat(StartupJit.directives()).doesNotContain(C2_EXCLUDED);
	}

	@Test
	void aCommandRunInsideAnotherJvmLeavesItsCompilerAlone() throws Exception {
		// fails on its configuration after the command is parsed, where main's status would add the directive
		int code = WebworkSyncApplication.run(new String[] { "status" }, Map.of("warehouse.url", "postgres://x"));

		assertThat(code).isEqualTo(ExitCodes.CONFIGURATION);
		assertThat(StartupJit.directives()).doesNotContain(C2_EXCLUDED);
	}
}
