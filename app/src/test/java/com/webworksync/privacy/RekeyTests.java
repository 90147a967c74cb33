package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.webworksync.config.PrivacyKey;
import com.webworksync.config.PrivacyPolicy;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partition;
import com.webworksync.streams.PersonalKind;
import com.webworksync.streams.Row;
import com.webworksync.streams.TableMapping;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rotation's fallback on stored values: a pseudonym under the previous key becomes the new key's HMAC of it under
 * the key id {@code k1>k2}; what is already under the new key, or already re-keyed, is left, so a rewrite taken up
 * again applies it once. The expected HMAC was computed outside Java:
 * {@code printf '%s' 'k1:a7e4…92cc' | openssl dgst -sha256 -mac HMAC -macopt key:fedcba9876543210fedcba9876543210}.
 */
@Tag("plain")
class RekeyTests {

	/** base64 of fedcba9876543210fedcba9876543210. */
	static final String KEY2 = "k2:ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
	private static final String OLD = "k1:a7e47445166f3ab2d7905709533c7d25ca7b28d56db7465ab589fd57e8b292cc"; // john.doe@example.com
	private static final Catalog CATALOG = new Catalog();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Pseudonyms current = new Pseudonyms(PrivacyKey.parse(KEY2, "WEBWORK_PRIVACY_KEY"));
	private final Rekey rekey = new Rekey("k1", current);

	@Test
	void anOldPseudonymBecomesTheNewKeysHmacOfItUnderItsOwnKeyId() {
		assertThat(rekey.of(OLD)).isEqualTo("k1>k2:75c3a8492c40de2fff26d3cab3216e51cd671ab3bfcc7877073e588ea6959462");
		assertThat(Rekey.keyId(rekey.of(OLD))).isEqualTo("k1>k2");
		assertThat(rekey.isOld(OLD)).isTrue();
		assertThat(rekey.isOld(rekey.of(OLD))).isFalse();
		assertThat(rekey.isRekeyed(rekey.of(OLD))).isTrue();
		assertThat(rekey.isOld("k0>k1:" + OLD.substring(3))).as("an earlier rotation's fallback").isTrue();
		assertThat(rekey.isOld(current.of(PersonalKind.EMAIL, "john.doe@example.com"))).isFalse();
		assertThat(rekey.isOld("k1:not hex")).isFalse();
		assertThat(Rekey.keyId("John")).isNull();
	}

	@Test
	void theRewriteReKeysOldValuesOnceAndLeavesTheNewOnes() {
		PrivacySettings settings = new PrivacySettings(PrivacyPolicy.KEEP, Map.of("members.email", PrivacyPolicy.PSEUDONYMIZE),
				PrivacyKey.parse(KEY2, "WEBWORK_PRIVACY_KEY"), PrivacyKey.parse(PseudonymsTests.KEY, "WEBWORK_PRIVACY_PREVIOUS_KEY"));
		RowPrivacy rewrite = new RowPrivacy(settings, Erased.NOBODY, true);
		TableMapping members = CATALOG.get("members").tables().get(0);
		String newer = current.of(PersonalKind.EMAIL, "ada@example.com");
		for (String[] before : new String[][] { { OLD, rekey.of(OLD) }, { rekey.of(OLD), rekey.of(OLD) }, { newer, newer },
				{ "Ada@Example.com", newer }, { "", "" } }) {
			ObjectNode item = (ObjectNode) JSON.readTree("{\"id\": 100, \"firstname\": \"" + OLD + "\"}");
			item.put("email", before[0]);
			List<Row> rows = members.mapper().rows(item, Partition.of(1, "x"));
			Row row = rewrite.apply(members, rows, 1, 1).get(0);
			assertThat(row.columns().path("email").asString()).as(before[0]).isEqualTo(before[1]);
			assertThat(row.raw().path("email").asString()).as(before[0]).isEqualTo(before[1]);
			assertThat(row.columns().path("firstname").asString()).as("a field the delta keeps").isEqualTo(OLD);
		}
	}
}
