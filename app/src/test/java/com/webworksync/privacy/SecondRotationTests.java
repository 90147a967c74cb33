package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.Record;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.SyncHarness;
import com.webworksync.config.PrivacyKey;
import com.webworksync.job.ExitCodes;

/**
 * A second key rotation (k2 to k3, k2 kept as the previous key) after a first (k1 to k2): every value the first left as
 * {@code k1>k2:} is under k2 too and becomes {@code k2>k3:} and the k3 HMAC of the whole {@code k1>k2:} text, once, as
 * docs/privacy.md says of an earlier rotation's values; nothing is left under k1, k2 or k1>k2; no plain name or e-mail
 * appears; and status counts per key id what the warehouse holds. KeyRotationTests has the first rotation.
 */
@Tag("scenario")
@ExtendWith(OutputCaptureExtension.class)
class SecondRotationTests {

	/** base64 of "a second rotation key 32 bytes!!". */
	static final String KEY3 = "k3:YSBzZWNvbmQgcm90YXRpb24ga2V5IDMyIGJ5dGVzISE=";
	private static final Rekey K2_TO_K3 = new Rekey("k2", new Pseudonyms(PrivacyKey.parse(KEY3, "WEBWORK_PRIVACY_KEY")));
	private static final Pattern STATUS_LINE = Pattern.compile("(?m)^  ([a-z][a-z0-9>]*) +([0-9]+)$");

	@Test
	void aSecondRotationReKeysTheFirstOnesFallbackOnceAndLeavesNothingUnderAnOlderKeyId(CapturedOutput output) throws Exception {
		try (SyncHarness harness = KeyRotationTests.pseudonymizedUnderK1()) {
			String db = harness.databaseUrl();
			Set<String> people = KeyRotationTests.people(harness);
			KeyRotationTests.rotate(harness);
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
			assertThat(WarehouseScan.keyIds(db)).as("after the first rotation").containsOnlyKeys("k2", "k1>k2");
			List<Record> versions = harness.dsl().fetch("select workspace_id, id, valid_from::text as valid_from, email, lastname, "
					+ "raw->>'email' as raw_email from webwork.members_history where email like 'k1>k2:%'");
			assertThat(versions).as("member versions the first rotation re-keyed").isNotEmpty();
			List<Record> keptNames = new ArrayList<>(harness.dsl().fetch("select user_id, user_name from sync.rekeyed_names "
					+ "where user_name like 'k1>k2:%'"));
			assertThat(keptNames).as("full names the first rotation kept for erase").isNotEmpty();
			long underK2 = harness.dsl().fetchOne("select count(*) from webwork.members where email like 'k2:%'").get(0, Long.class);
			assertThat(underK2).as("members re-read under k2").isPositive();

			harness.restartContext();
			harness.with("webwork.privacy-key", KEY3).with("webwork.privacy-previous-key", RekeyTests.KEY2);
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);

			assertThat(WarehouseScan.find(db, people)).as("plain values after the second rotation").isEmpty();
			Map<String, Long> keyIds = WarehouseScan.keyIds(db);
			assertThat(keyIds).as("nothing under k1, k2 or k1>k2 alone").containsOnlyKeys("k3", "k2>k3")
				.allSatisfy((id, n) -> assertThat(n).isPositive());
			for (Record v : versions) {
				Record now = harness.dsl().fetchOne("select email, lastname, raw->>'email' as raw_email from webwork.members_history "
						+ "where workspace_id = ? and id = ? and valid_from::text = ?", v.get(0), v.get(1), v.get(2));
				assertThat(now.get("email", String.class)).as("k1>k2 re-keyed once more, from its whole text")
					.isEqualTo(K2_TO_K3.of(v.get("email", String.class))).isEqualTo(now.get("raw_email", String.class));
				assertThat(now.get("lastname", String.class)).isEqualTo(K2_TO_K3.of(v.get("lastname", String.class)));
			}
			for (Record kept : keptNames) {
				assertThat(harness.dsl().fetchOne("select count(*) from sync.rekeyed_names where user_id = ? and user_name = ?",
						kept.get(0), K2_TO_K3.of(kept.get(1, String.class))).get(0, Long.class))
					.as("the kept full name of %s re-keyed as the expenses are", kept.get(0)).isOne();
			}
			assertThat(harness.dsl().fetchOne("select count(*) from sync.rekeyed_names where user_name not like 'k2>k3:%'")
				.get(0, Long.class)).as("kept names under an older key id").isZero();
			assertThat(harness.dsl().fetchOne("select count(*) from sync.privacy_fields where policy = 'pseudonymize' "
					+ "and key_id is distinct from 'k3'").get(0, Long.class)).isZero();

			int before = output.getOut().length();
			assertThat(harness.main("status")).isEqualTo(ExitCodes.OK);
			String status = output.getOut().substring(before);
			assertThat(status).contains("pseudonyms per key id");
			Map<String, Long> shown = new TreeMap<>();
			String block = status.substring(status.indexOf("pseudonyms per key id"));
			Matcher line = STATUS_LINE.matcher(block.contains("\n\n") ? block.substring(0, block.indexOf("\n\n")) : block);
			while (line.find()) {
				shown.put(line.group(1), Long.parseLong(line.group(2)));
			}
			assertThat(shown).as("status's counts: every pseudonym in the webwork tables, columns and raw, history included")
				.isEqualTo(WarehouseScan.keyIds(db, "webwork"));
		}
	}
}
