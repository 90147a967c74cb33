package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.job.ExitCodes;

/**
 * Bad privacy configuration through the whole command line: exit 2 and one line that names the variable, no API
 * request, and never a byte of the key.
 */
@ExtendWith(OutputCaptureExtension.class)
class PrivacyBadInputTests {

	/** base64 of 24 bytes: a key of the wrong length, which must not be printed either. */
	private static final String SHORT_KEY = "k1:c2VjcmV0LXByaXZhY3kta2V5LTEyMzQ1Njc4";

	private static SyncHarness harness;

	@BeforeAll
	static void start() {
		harness = SyncHarness.start(SyncHarness.fastOptions());
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@BeforeEach
	void reset() {
		harness.properties().remove("sync.privacy");
		harness.properties().remove("sync.privacy-columns");
		harness.properties().remove("webwork.privacy-key");
		harness.properties().remove("webwork.privacy-previous-key");
	}

	@Test
	void aMalformedKey(CapturedOutput output) {
		harness.with("sync.privacy", "pseudonymize").with("webwork.privacy-key", SHORT_KEY);
		assertThat(oneLineAfterExit2(output)).contains("WEBWORK_PRIVACY_KEY must be");
		assertThat(output.getAll()).doesNotContain("c2VjcmV0").doesNotContain("secret-privacy");
	}

	@Test
	void aKeyWithoutItsId(CapturedOutput output) {
		harness.with("sync.privacy", "pseudonymize").with("webwork.privacy-key", PseudonymsTests.KEY.substring(3));
		assertThat(oneLineAfterExit2(output)).contains("WEBWORK_PRIVACY_KEY must be <key id>:");
		assertThat(output.getAll()).doesNotContain(PseudonymsTests.KEY.substring(3, 20));
	}

	@Test
	void anUnknownColumnInTheOverrides(CapturedOutput output) {
		harness.with("sync.privacy-columns", "leaves.note=drop,members.emal=drop");
		assertThat(oneLineAfterExit2(output)).contains("SYNC_PRIVACY_COLUMNS").contains("members.emal").contains("members.email");
	}

	@Test
	void pseudonymizeWithoutAKey(CapturedOutput output) {
		harness.with("sync.privacy", "pseudonymize");
		assertThat(oneLineAfterExit2(output)).contains("WEBWORK_PRIVACY_KEY is not set");
	}

	@Test
	void aMalformedPreviousKey(CapturedOutput output) {
		harness.with("sync.privacy", "pseudonymize").with("webwork.privacy-key", RekeyTests.KEY2)
			.with("webwork.privacy-previous-key", SHORT_KEY);
		assertThat(oneLineAfterExit2(output)).contains("WEBWORK_PRIVACY_PREVIOUS_KEY must be");
		assertThat(output.getAll()).doesNotContain("c2VjcmV0").doesNotContain("secret-privacy")
			.doesNotContain(RekeyTests.KEY2.substring(3, 20));
	}

	@Test
	void aPreviousKeyWithTheCurrentKeysId(CapturedOutput output) {
		String sameId = "k2:" + PseudonymsTests.KEY.substring(3);
		harness.with("sync.privacy", "pseudonymize").with("webwork.privacy-key", RekeyTests.KEY2)
			.with("webwork.privacy-previous-key", sameId);
		assertThat(oneLineAfterExit2(output)).contains("WEBWORK_PRIVACY_PREVIOUS_KEY has the key id of WEBWORK_PRIVACY_KEY (k2)");
		assertThat(output.getAll()).doesNotContain(PseudonymsTests.KEY.substring(3, 20))
			.doesNotContain(RekeyTests.KEY2.substring(3, 20));
	}

	@Test
	void aPreviousKeyWithoutACurrentOne(CapturedOutput output) {
		harness.with("webwork.privacy-previous-key", PseudonymsTests.KEY);
		assertThat(oneLineAfterExit2(output)).contains("WEBWORK_PRIVACY_PREVIOUS_KEY is set without WEBWORK_PRIVACY_KEY");
		assertThat(output.getAll()).doesNotContain(PseudonymsTests.KEY.substring(3, 20));
	}

	/** The command's own output: what the test JVM's first start of PostgreSQL logged before it is left out. */
	private static String oneLineAfterExit2(CapturedOutput output) {
		int errBefore = output.getErr().length();
		int allBefore = output.getAll().length();
		assertThat(harness.main("sync")).isEqualTo(ExitCodes.CONFIGURATION);
		List<String> lines = output.getErr().substring(errBefore).lines().filter(l -> !l.isBlank()).toList();
		assertThat(lines).as("stderr").hasSize(1);
		assertThat(lines.get(0)).startsWith("webwork-sync: ");
		assertThat(output.getAll().substring(allBefore)).doesNotContain("Exception").doesNotContain("\tat ");
		assertThat(harness.sandbox().requests().count()).as("API requests").isZero();
		return lines.get(0);
	}
}
