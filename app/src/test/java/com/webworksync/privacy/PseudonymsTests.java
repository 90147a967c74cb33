package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.webworksync.config.PrivacyKey;
import com.webworksync.streams.PersonalKind;

/**
 * The pseudonym on plain values: the expected HMACs were computed outside Java, with
 * {@code printf '%s' 'john.doe@example.com' | openssl dgst -sha256 -mac HMAC -macopt key:0123456789abcdef0123456789abcdef}.
 */
@Tag("plain")
class PseudonymsTests {

	static final String KEY = "k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // base64 of 0123456789abcdef0123456789abcdef

	private final Pseudonyms pseudonyms = new Pseudonyms(PrivacyKey.parse(KEY, "WEBWORK_PRIVACY_KEY"));

	@Test
	void anEmailIsTheKeyIdAndTheHexHmacOfItTrimmedAndLowerCased() {
		String expected = "k1:a7e47445166f3ab2d7905709533c7d25ca7b28d56db7465ab589fd57e8b292cc";
		assertThat(pseudonyms.of(PersonalKind.EMAIL, "john.doe@example.com")).isEqualTo(expected);
		assertThat(pseudonyms.of(PersonalKind.EMAIL, "  John.Doe@EXAMPLE.com\t")).isEqualTo(expected);
	}

	@Test
	void aNameIsNfkcNormalisedAndTrimmed() {
		String composed = "k1:cd50f45ed0d8c4818b073d3f8586b38c5663e7caf8e653434fb902f3c3e9b7e7"; // José, é as U+00E9
		assertThat(pseudonyms.of(PersonalKind.NAME, "Jos\u00e9")).isEqualTo(composed);
		assertThat(pseudonyms.of(PersonalKind.NAME, " Jose\u0301 ")).as("decomposed é, spaces").isEqualTo(composed);
		assertThat(pseudonyms.of(PersonalKind.NAME, "\uff2a\uff4f\uff53\u00e9")).as("full-width letters").isEqualTo(composed);
	}

	@Test
	void namesKeepTheirCaseAndEmailsTheirInnerSpaces() {
		assertThat(pseudonyms.of(PersonalKind.NAME, "jos\u00e9")).isNotEqualTo(pseudonyms.of(PersonalKind.NAME, "Jos\u00e9"));
		assertThat(Pseudonyms.normalise(PersonalKind.EMAIL, " A B@x.COM ")).isEqualTo("a b@x.com");
	}

	@Test
	void anotherKeyGivesAnotherPseudonymWithItsOwnId() {
		Pseudonyms other = new Pseudonyms(PrivacyKey.parse("k2:" + "A".repeat(43) + "=", "WEBWORK_PRIVACY_KEY"));
		String one = pseudonyms.of(PersonalKind.NAME, "Ada");
		String two = other.of(PersonalKind.NAME, "Ada");
		assertThat(two).startsWith("k2:").hasSize(3 + 64);
		assertThat(two.substring(3)).isNotEqualTo(one.substring(3));
	}

	@Test
	void theMemoGivesTheHmacsOwnAnswerPastItsBoundAndForLongValues() {
		String expected = "k1:a7e47445166f3ab2d7905709533c7d25ca7b28d56db7465ab589fd57e8b292cc"; // as above, from openssl
		assertThat(pseudonyms.of(PersonalKind.EMAIL, "john.doe@example.com")).isEqualTo(expected);
		for (int i = 0; i < Pseudonyms.MEMO_ENTRIES + 10; i++) {
			String name = "Member " + i;
			assertThat(pseudonyms.of(PersonalKind.NAME, name)).isEqualTo("k1:" + pseudonyms.hmac(name));
			assertThat(pseudonyms.of(PersonalKind.NAME, name)).as("remembered").isEqualTo("k1:" + pseudonyms.hmac(name));
		}
		assertThat(pseudonyms.remembered(PersonalKind.NAME)).isPositive().isLessThanOrEqualTo(Pseudonyms.MEMO_ENTRIES);
		assertThat(pseudonyms.of(PersonalKind.EMAIL, "  John.Doe@EXAMPLE.com\t")).as("another spelling, remembered apart").isEqualTo(expected);
		assertThat(pseudonyms.of(PersonalKind.NAME, "john.doe@example.com")).as("the kind decides the normalisation")
			.isEqualTo(expected);
		assertThat(pseudonyms.of(PersonalKind.NAME, "  John.Doe@EXAMPLE.com\t")).as("what the e-mails remembered is not a name's")
			.isEqualTo("k1:" + pseudonyms.hmac("John.Doe@EXAMPLE.com")).isNotEqualTo(expected);
		String longText = " Jose\u0301 ".repeat(Pseudonyms.MEMO_LENGTH);
		assertThat(pseudonyms.of(PersonalKind.FREE_TEXT, longText)).isEqualTo("k1:" + pseudonyms.hmac(Pseudonyms.normalise(
				PersonalKind.FREE_TEXT, longText)));
		assertThat(pseudonyms.remembered(PersonalKind.FREE_TEXT)).as("long values are not remembered").isZero();
	}

	@Test
	void itNeverPrintsTheKey() {
		assertThat(pseudonyms.toString()).doesNotContain("MDEy").contains("k1");
		assertThat(PrivacyKey.parse(KEY, "WEBWORK_PRIVACY_KEY").toString()).doesNotContain("MDEy");
	}
}
