package com.webworksync.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.webworksync.config.PrivacyPolicy;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.PersonalField;
import com.webworksync.streams.StreamDef;
import com.webworksync.streams.TableMapping;

/**
 * A policy changed on a live warehouse: before a run reads anything, what is stored is brought to the new policy in
 * place, history included (keep to pseudonymize or drop, pseudonymize to drop). Going back to keep rewrites nothing:
 * there is no plain text to restore; rows take the source's values as they are re-read. A key rotation (a new
 * WEBWORK_PRIVACY_KEY, the old one as WEBWORK_PRIVACY_PREVIOUS_KEY) is the same rewrite: every pseudonym under the
 * previous key is re-keyed without its plain value ({@link Rekey}). sync.privacy_fields records the policy and key id
 * the stored values follow once a table is done, so an interrupted rewrite is taken up by the next run.
 */
@Component
public class PolicyRewrite {

	private static final Logger log = LoggerFactory.getLogger(PolicyRewrite.class);

	private final DSLContext ctx;
	private final Catalog catalog;
	private final RowPrivacy privacy;
	private final Clock clock;

	public PolicyRewrite(DSLContext ctx, Catalog catalog, RowPrivacy privacy, Clock clock) {
		this.ctx = ctx;
		this.catalog = catalog;
		this.privacy = privacy;
		this.clock = clock;
	}

	/** The policy and key id a field's stored values follow (a field without a row: keep). */
	private record Stored(PrivacyPolicy policy, String keyId) {
		static final Stored KEEP = new Stored(PrivacyPolicy.KEEP, null);
	}

	/**
	 * Rewrites each table whose stored policy differs from the configured one, or whose pseudonyms are under the
	 * previous key of a rotation (re-keyed: {@link Rekey}); returns the tables rewritten.
	 */
	public int apply() {
		PrivacySettings settings = privacy.settings();
		String keyId = settings.key() == null ? null : settings.key().id();
		String previousId = settings.previous() == null ? null : settings.previous().id();
		Map<String, Stored> stored = new HashMap<>();
		ctx.fetch("select table_name, field, policy, key_id from sync.privacy_fields")
			.forEach(r -> stored.put(r.get(0, String.class) + "." + r.get(1, String.class),
					new Stored(PrivacyPolicy.valueOf(r.get(2, String.class).toUpperCase()), r.get(3, String.class))));
		Set<String> unrotated = new TreeSet<>();
		int rewritten = 0;
		for (StreamDef stream : catalog.all()) {
			for (TableMapping mapping : stream.tables()) {
				Map<String, PrivacyPolicy> delta = new HashMap<>();
				Map<String, String> keyIds = new HashMap<>();
				boolean record = false;
				boolean rotating = false;
				for (PersonalField field : mapping.personal()) {
					String name = mapping.table().getName() + "." + field.name();
					PrivacyPolicy now = settings.policy(mapping, field);
					Stored was = stored.getOrDefault(name, Stored.KEEP);
					boolean otherKey = now == PrivacyPolicy.PSEUDONYMIZE && was.policy() == PrivacyPolicy.PSEUDONYMIZE
							&& !keyId.equals(was.keyId());
					boolean rotate = otherKey && Objects.equals(was.keyId(), previousId);
					rotating |= rotate;
					boolean rewrite = rotate || now != was.policy() && now != PrivacyPolicy.KEEP && was.policy() != PrivacyPolicy.DROP;
					delta.put(name, rewrite ? now : PrivacyPolicy.KEEP);
					// the stored pseudonyms stay recorded under their key id until a rotation from that key re-keys them
					String recorded = now != PrivacyPolicy.PSEUDONYMIZE ? null : otherKey && !rotate ? was.keyId() : keyId;
					if (otherKey && !rotate) {
						unrotated.add(name + " (" + was.keyId() + ")");
					}
					keyIds.put(field.name(), recorded);
					record |= now != was.policy() || !stored.containsKey(name) || !Objects.equals(recorded, was.keyId());
				}
				if (delta.values().stream().anyMatch(p -> p != PrivacyPolicy.KEEP)) {
					PrivacySettings deltaSettings = new PrivacySettings(PrivacyPolicy.KEEP, delta, settings.key(), settings.previous());
					RowPrivacy change = new RowPrivacy(deltaSettings, Erased.NOBODY, true);
					StoredRewrite rewrite = new StoredRewrite(ctx, clock);
					String table = mapping.table().getName();
					log.info("privacy policy or key changed for {}: rewriting what it stores, history included", table);
					rewrite.rewrite(mapping, table, change);
					if (ctx.fetchValue("select to_regclass(?) is not null", "webwork." + table + "_history").equals(Boolean.TRUE)) {
						rewrite.rewrite(mapping, table + "_history", change);
					}
					if (rotating && table.equals(RekeyedNames.SOURCE)) {
						RekeyedNames.keep(ctx, new Rekey(previousId, new Pseudonyms(settings.key())));
					}
					rewritten++;
				}
				if (record) {
					record(mapping, settings, keyIds);
				}
			}
		}
		if (!unrotated.isEmpty()) {
			log.warn("{} personal fields hold pseudonyms under another key id than {}, left as they are: {}; to re-key them, "
					+ "set that key as WEBWORK_PRIVACY_PREVIOUS_KEY (docs/privacy.md, key rotation)", unrotated.size(), keyId,
					String.join(", ", unrotated));
		}
		return rewritten;
	}

	private void record(TableMapping mapping, PrivacySettings settings, Map<String, String> keyIds) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		for (PersonalField field : mapping.personal()) {
			PrivacyPolicy policy = settings.policy(mapping, field);
			ctx.execute("insert into sync.privacy_fields (table_name, field, policy, key_id, changed_at) values (?, ?, ?, ?, ?::timestamptz) "
					+ "on conflict (table_name, field) do update set policy = excluded.policy, key_id = excluded.key_id, "
					+ "changed_at = excluded.changed_at where (privacy_fields.policy, privacy_fields.key_id) is distinct from "
					+ "(excluded.policy, excluded.key_id)", mapping.table().getName(), field.name(), policy.label(),
					keyIds.get(field.name()), now);
		}
	}
}
