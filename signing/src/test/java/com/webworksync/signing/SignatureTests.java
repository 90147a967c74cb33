package com.webworksync.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Verification on plain values: the specification's vector, rotation, the raw bytes, and the hex alternative. */
@Tag("plain")
class SignatureTests {

	private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
	private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
	private static final long SPEC_TIMESTAMP = 1614265330;
	private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
	private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

	@Test
	void theSpecificationsVectorVerifiesAndAnyChangeDoesNot() {
		byte[] key = Signature.key(SPEC_SECRET);
		assertThat(Signature.verifies(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE)).isTrue();
		assertThat(Signature.verifies(key, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY, SPEC_SIGNATURE)).isFalse();
		assertThat(Signature.verifies(key, SPEC_ID + "x", SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE)).isFalse();
		byte[] spaced = "{\"test\":  2432232314}".getBytes(StandardCharsets.UTF_8); // same JSON, other bytes
		assertThat(Signature.verifies(key, SPEC_ID, SPEC_TIMESTAMP, spaced, SPEC_SIGNATURE)).isFalse();
		assertThat(Signature.verifies(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, null)).isFalse();
		assertThat(Signature.verifies(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, "v1,not-base64!")).isFalse();
		assertThat(Signature.verifies(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE.replace("v1,", "v2,")))
			.as("only v1 is understood").isFalse();
	}

	@Test
	void anyOneOfSeveralSignaturesVerifiesWhileASecretIsRotated() {
		byte[] key = Signature.key(SPEC_SECRET);
		String other = Signature.sign(Signature.key(Signature.newSecret(new SplittableRandom(1))), SPEC_ID,
				SPEC_TIMESTAMP, SPEC_BODY);
		assertThat(Signature.verifies(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, other + " " + SPEC_SIGNATURE)).isTrue();
		assertThat(Signature.verifies(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE + " " + other)).isTrue();
		assertThat(Signature.verifies(key, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, other)).isFalse();
	}

	@Test
	void theHexAlternativeSignsTheBodyAlone() {
		byte[] key = Signature.key(SPEC_SECRET);
		String hex = Signature.hex(key, SPEC_BODY);
		assertThat(hex).matches("[0-9a-f]{64}");
		assertThat(Signature.verifiesHex(key, SPEC_BODY, hex)).isTrue();
		assertThat(Signature.verifiesHex(key, SPEC_BODY, "sha256=" + hex.toUpperCase())).isTrue();
		assertThat(Signature.verifiesHex(key, "{}".getBytes(StandardCharsets.UTF_8), hex)).isFalse();
		assertThat(Signature.verifiesHex(key, SPEC_BODY, "zz")).isFalse();
	}

	@Test
	void aNewSecretIsThirtyTwoRandomBytesAndABadOneIsNotQuoted() {
		String secret = Signature.newSecret(new SplittableRandom(7));
		assertThat(Signature.key(secret)).hasSize(32);
		assertThat(Signature.newSecret(new SplittableRandom(8))).isNotEqualTo(secret);
		assertThatThrownBy(() -> Signature.key("whsec_c2hvcnQ=")).isInstanceOf(Signature.BadSecret.class)
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("c2hvcnQ"));
	}
}
