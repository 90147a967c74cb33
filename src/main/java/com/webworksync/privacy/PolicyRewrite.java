package com.webworksync.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

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
 * there is no plain text to restore; rows take the source's values as they are re-read. sync.privacy_fields records
 * the policy the stored values follow once a table is done, so an interrupted rewrite is taken up by the next run.
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

	/** Rewrites each table whose stored policy differs from the configured one; returns the tables rewritten. */
	public int apply() {
		PrivacySettings settings = privacy.settings();
		String keyId = settings.key() == null ? null : settings.key().id();
		Map<String, PrivacyPolicy> stored = new HashMap<>();
		ctx.fetch("select table_name, field, policy from sync.privacy_fields")
			.forEach(r -> stored.put(r.get(0, String.class) + "." + r.get(1, String.class),
					PrivacyPolicy.valueOf(r.get(2, String.class).toUpperCase())));
		int rewritten = 0;
		for (StreamDef stream : catalog.all()) {
			for (TableMapping mapping : stream.tables()) {
				Map<String, PrivacyPolicy> delta = new HashMap<>();
				boolean record = false;
				for (PersonalField field : mapping.personal()) {
					String name = mapping.table().getName() + "." + field.name();
					PrivacyPolicy now = settings.policy(mapping, field);
					PrivacyPolicy was = stored.getOrDefault(name, PrivacyPolicy.KEEP);
					record |= now != was || !stored.containsKey(name);
					boolean rewrite = now != was && now != PrivacyPolicy.KEEP && was != PrivacyPolicy.DROP;
					delta.put(name, rewrite ? now : PrivacyPolicy.KEEP);
				}
				if (delta.values().stream().anyMatch(p -> p != PrivacyPolicy.KEEP)) {
					RowPrivacy change = new RowPrivacy(new PrivacySettings(PrivacyPolicy.KEEP, delta, settings.key()), Erased.NOBODY, true);
					StoredRewrite rewrite = new StoredRewrite(ctx, clock);
					String table = mapping.table().getName();
					log.info("privacy policy changed for {}: rewriting what it stores, history included", table);
					rewrite.rewrite(mapping, table, change);
					if (ctx.fetchValue("select to_regclass(?) is not null", "webwork." + table + "_history").equals(Boolean.TRUE)) {
						rewrite.rewrite(mapping, table + "_history", change);
					}
					rewritten++;
				}
				if (record) {
					record(mapping, settings, keyId);
				}
			}
		}
		return rewritten;
	}

	private void record(TableMapping mapping, PrivacySettings settings, String keyId) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		for (PersonalField field : mapping.personal()) {
			PrivacyPolicy policy = settings.policy(mapping, field);
			ctx.execute("insert into sync.privacy_fields (table_name, field, policy, key_id, changed_at) values (?, ?, ?, ?, ?::timestamptz) "
					+ "on conflict (table_name, field) do update set policy = excluded.policy, key_id = excluded.key_id, "
					+ "changed_at = excluded.changed_at where (privacy_fields.policy, privacy_fields.key_id) is distinct from "
					+ "(excluded.policy, excluded.key_id)", mapping.table().getName(), field.name(), policy.label(),
					policy == PrivacyPolicy.PSEUDONYMIZE ? keyId : null, now);
		}
	}
}
