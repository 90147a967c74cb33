package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.webworksync.config.ConfigurationException;
import com.webworksync.config.PrivacyPolicy;
import com.webworksync.streams.Catalog;

/** The privacy variables checked against the catalog's declarations; no message quotes the key. */
@Tag("plain")
class PrivacySettingsTests {

	private static final Catalog CATALOG = new Catalog();

	private static PrivacySettings load(Map<String, String> variables) {
		MockEnvironment env = new MockEnvironment();
		variables.forEach(env::setProperty);
		return PrivacySettings.from(env, CATALOG);
	}

	@Test
	void keepIsTheDefaultAndNeedsNoKey() {
		PrivacySettings settings = load(Map.of());
		assertThat(settings.defaultPolicy()).isEqualTo(PrivacyPolicy.KEEP);
		assertThat(settings.key()).isNull();
	}

	@Test
	void pseudonymizeWithoutAKeyIsRefused() {
		assertThatThrownBy(() -> load(Map.of("sync.privacy", "pseudonymize"))).isInstanceOf(ConfigurationException.class)
			.hasMessageStartingWith("WEBWORK_PRIVACY_KEY is not set");
		assertThatThrownBy(() -> load(Map.of("sync.privacy-columns", "members.email=pseudonymize")))
			.as("one column is enough").hasMessageStartingWith("WEBWORK_PRIVACY_KEY is not set");
	}

	@Test
	void dropNeedsNoKey() {
		assertThat(load(Map.of("sync.privacy", "drop")).defaultPolicy()).isEqualTo(PrivacyPolicy.DROP);
	}

	@Test
	void aMalformedKeyIsNamedNeverQuoted() {
		for (String bad : new String[] { "k1:c2VjcmV0LXNob3J0", "c2VjcmV0LWtleS1tYXRlcmlhbC0xMjM0NTY3ODkwMTI=",
				"K1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "k1:not base64 at all!!" }) {
			assertThatThrownBy(() -> load(Map.of("sync.privacy", "pseudonymize", "webwork.privacy-key", bad)))
				.isInstanceOf(ConfigurationException.class)
				.hasMessageStartingWith("WEBWORK_PRIVACY_KEY must be")
				.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(bad.substring(bad.indexOf(':') + 1))
					.doesNotContain("c2Vj").doesNotContain("MDEy"));
		}
	}

	@Test
	void anUnknownColumnIsNamedWithTheTablesPersonalFields() {
		assertThatThrownBy(() -> load(Map.of("sync.privacy-columns", "members.emial=drop")))
			.hasMessageContaining("members.emial")
			.hasMessageContaining("members.email");
		assertThatThrownBy(() -> load(Map.of("sync.privacy-columns", "members.rate=drop")))
			.as("a column that is not personal").hasMessageContaining("members.rate, which is not a personal field");
		assertThatThrownBy(() -> load(Map.of("sync.privacy-columns", "nosuch.column=drop"))).hasMessageContaining("nosuch.column");
		assertThatThrownBy(() -> load(Map.of("sync.privacy-columns", "leaves.note=forget"))).hasMessageContaining("forget");
	}

	@Test
	void monitoringDataIsKeptOrDroppedNotPseudonymized() {
		assertThatThrownBy(() -> load(Map.of("sync.privacy-columns", "report_activity_level.activity_level=pseudonymize",
				"webwork.privacy-key", PseudonymsTests.KEY))).hasMessageContaining("monitoring data");
		PrivacySettings settings = load(Map.of("sync.privacy", "pseudonymize", "webwork.privacy-key", PseudonymsTests.KEY));
		var mapping = CATALOG.get("report_activity_level").tables().get(0);
		assertThat(settings.policy(mapping, mapping.personalField("activity_level"))).isEqualTo(PrivacyPolicy.KEEP);
		assertThat(settings.policy(mapping, mapping.personalField("firstname"))).isEqualTo(PrivacyPolicy.PSEUDONYMIZE);
	}

	@Test
	void aNestedRawFieldCanBeOverriddenByItsPath() {
		PrivacySettings settings = load(Map.of("sync.privacy-columns", "timesheets.member.email=drop"));
		var mapping = CATALOG.get("timesheets").tables().get(0);
		assertThat(settings.policy(mapping, mapping.personalField("member.email"))).isEqualTo(PrivacyPolicy.DROP);
		assertThat(settings.policy(mapping, mapping.personalField("member.firstname"))).isEqualTo(PrivacyPolicy.KEEP);
	}
}
