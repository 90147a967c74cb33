package com.webworksync.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.core.env.PropertyResolver;

import com.webworksync.config.ConfigurationException;
import com.webworksync.config.PrivacyKey;
import com.webworksync.config.PrivacyPolicy;
import com.webworksync.config.Variables;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.PersonalField;
import com.webworksync.streams.PersonalKind;
import com.webworksync.streams.StreamDef;
import com.webworksync.streams.TableMapping;

/**
 * SYNC_PRIVACY, SYNC_PRIVACY_COLUMNS, WEBWORK_PRIVACY_KEY and WEBWORK_PRIVACY_PREVIOUS_KEY, checked against the
 * catalog's declarations before anything connects: every override names a declared personal field, monitoring data is
 * kept or dropped (a number has no useful pseudonym), a policy that pseudonymizes anything has a key, and a previous
 * key comes with a current one of another key id.
 *
 * @param key null without WEBWORK_PRIVACY_KEY
 * @param previous null without WEBWORK_PRIVACY_PREVIOUS_KEY (no key rotation)
 */
public record PrivacySettings(PrivacyPolicy defaultPolicy, Map<String, PrivacyPolicy> overrides, PrivacyKey key,
		PrivacyKey previous) {

	public PrivacySettings {
		overrides = Map.copyOf(overrides);
	}

	public PrivacySettings(PrivacyPolicy defaultPolicy, Map<String, PrivacyPolicy> overrides, PrivacyKey key) {
		this(defaultPolicy, overrides, key, null);
	}

	/** Today's behaviour: every value as the API gives it. */
	public static final PrivacySettings KEEP = new PrivacySettings(PrivacyPolicy.KEEP, Map.of(), null);

	public static PrivacySettings from(PropertyResolver env, Catalog catalog) {
		PrivacySettings settings = new PrivacySettings(Variables.PRIVACY.read(env), Variables.PRIVACY_COLUMNS.read(env),
				Variables.PRIVACY_KEY.read(env), Variables.PRIVACY_PREVIOUS_KEY.read(env));
		settings.check(catalog);
		return settings;
	}

	/** Every personal field of the catalog by its SYNC_PRIVACY_COLUMNS name (table.field). */
	public static Map<String, PersonalField> personalFields(Catalog catalog) {
		Map<String, PersonalField> fields = new TreeMap<>();
		for (StreamDef stream : catalog.all()) {
			for (TableMapping mapping : stream.tables()) {
				mapping.personal().forEach(f -> fields.put(mapping.table().getName() + "." + f.name(), f));
			}
		}
		return fields;
	}

	private void check(Catalog catalog) {
		Map<String, PersonalField> fields = personalFields(catalog);
		for (Map.Entry<String, PrivacyPolicy> override : overrides.entrySet()) {
			PersonalField field = fields.get(override.getKey());
			if (field == null) {
				String table = override.getKey().substring(0, override.getKey().indexOf('.'));
				List<String> ofTable = new ArrayList<>(fields.keySet().stream().filter(n -> n.startsWith(table + ".")).toList());
				throw new ConfigurationException("SYNC_PRIVACY_COLUMNS names " + override.getKey()
						+ ", which is not a personal field" + (ofTable.isEmpty() ? "; see docs/privacy.md for the list"
								: "; those of " + table + ": " + String.join(", ", ofTable)));
			}
			if (field.kind() == PersonalKind.MONITORING && override.getValue() == PrivacyPolicy.PSEUDONYMIZE) {
				throw new ConfigurationException("SYNC_PRIVACY_COLUMNS: " + override.getKey()
						+ " is monitoring data (a number): keep or drop it, a pseudonym of a number says nothing");
			}
		}
		boolean pseudonymizes = fields.entrySet().stream()
			.anyMatch(e -> policy(e.getKey(), e.getValue()) == PrivacyPolicy.PSEUDONYMIZE);
		if (pseudonymizes && key == null) {
			throw new ConfigurationException("WEBWORK_PRIVACY_KEY is not set: pseudonymize needs a key; create one with "
					+ "echo \"k1:$(openssl rand -base64 32)\", keep it with your other secrets and export it as WEBWORK_PRIVACY_KEY");
		}
		if (previous != null && key == null) {
			throw new ConfigurationException("WEBWORK_PRIVACY_PREVIOUS_KEY is set without WEBWORK_PRIVACY_KEY: a rotation needs "
					+ "the new key as WEBWORK_PRIVACY_KEY and the old one as WEBWORK_PRIVACY_PREVIOUS_KEY");
		}
		if (previous != null && previous.id().equals(key.id())) {
			throw new ConfigurationException("WEBWORK_PRIVACY_PREVIOUS_KEY has the key id of WEBWORK_PRIVACY_KEY (" + key.id()
					+ "): a new key needs a new key id, e.g. k2:$(openssl rand -base64 32), so old and new pseudonyms are told apart");
		}
	}

	/** The policy of a field of a table. */
	public PrivacyPolicy policy(TableMapping mapping, PersonalField field) {
		return policy(mapping.table().getName() + "." + field.name(), field);
	}

	private PrivacyPolicy policy(String name, PersonalField field) {
		PrivacyPolicy policy = overrides.getOrDefault(name, defaultPolicy);
		// activity levels are not identifiers: pseudonymize names and text, keep the numbers (docs/privacy.md)
		return field.kind() == PersonalKind.MONITORING && policy == PrivacyPolicy.PSEUDONYMIZE ? PrivacyPolicy.KEEP : policy;
	}

	@Override
	public String toString() {
		return "PrivacySettings[" + defaultPolicy.label() + ", overrides=" + overrides + ", key="
				+ (key == null ? "none" : key.id()) + (previous == null ? "" : ", previous=" + previous.id()) + "]";
	}
}
