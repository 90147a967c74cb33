package com.webworksync.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.webworksync.config.PrivacyPolicy;
import com.webworksync.streams.DerivedKey;
import com.webworksync.streams.Fingerprints;
import com.webworksync.streams.PersonalField;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.Row;
import com.webworksync.streams.TableMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The privacy policy on the write path: applied to the rows a mapper made, before they are converted, upserted and
 * versioned, so the typed columns, {@code raw}, the history and the derived keys only ever hold what the policy
 * allows (a pseudonymized value never reaches the database in plain text, not even inside a transaction). The same
 * value always becomes the same text, so an unchanged re-read still rewrites nothing.
 */
@Component
public class RowPrivacy {

	private final PrivacySettings settings;
	private final Pseudonyms pseudonyms;
	private final Map<String, TablePolicy> tables = new ConcurrentHashMap<>();

	@Autowired
	public RowPrivacy(Environment environment, Catalog catalog) {
		this(PrivacySettings.from(environment, catalog));
	}

	public RowPrivacy(PrivacySettings settings) {
		this.settings = settings;
		this.pseudonyms = settings.key() == null ? null : new Pseudonyms(settings.key());
	}

	/** What one table's personal fields become: those not kept, with their policy. */
	private record TablePolicy(List<Map.Entry<PersonalField, PrivacyPolicy>> changed, PrivacyPolicy derivedKeyPolicy) {
	}

	/** The rows of one item as the policy allows them; the mapper's rows (and the item) are left as they were. */
	public List<Row> apply(TableMapping mapping, List<Row> rows) {
		TablePolicy policy = tables.computeIfAbsent(mapping.table().getName(), name -> policyOf(mapping));
		if (policy.changed().isEmpty() || rows.isEmpty()) {
			return rows; // keep: exactly today's rows
		}
		Map<String, Integer> ordinals = new HashMap<>();
		List<Row> out = new ArrayList<>(rows.size());
		for (Row row : rows) {
			ObjectNode columns = ((ObjectNode) row.columns()).deepCopy();
			boolean shared = row.raw() == row.columns();
			JsonNode raw = shared ? columns : row.raw().deepCopy();
			for (Map.Entry<PersonalField, PrivacyPolicy> change : policy.changed()) {
				PersonalField field = change.getKey();
				if (field.column()) {
					JsonPaths.replace(columns, field.name(), value -> replacement(field, change.getValue(), value));
				}
				for (String path : field.rawPaths()) {
					if (!(shared && field.column() && path.equals(field.name()))) {
						JsonPaths.replace(raw, path, value -> replacement(field, change.getValue(), value));
					}
				}
			}
			if (mapping.derivedKey() != null && policy.derivedKeyPolicy() != PrivacyPolicy.KEEP) {
				derive(mapping.derivedKey(), policy.derivedKeyPolicy(), columns, ordinals);
			}
			out.add(new Row(columns, raw));
		}
		return out;
	}

	private TablePolicy policyOf(TableMapping mapping) {
		List<Map.Entry<PersonalField, PrivacyPolicy>> changed = new ArrayList<>();
		for (PersonalField field : mapping.personal()) {
			PrivacyPolicy policy = settings.policy(mapping, field);
			if (policy != PrivacyPolicy.KEEP) {
				changed.add(Map.entry(field, policy));
			}
		}
		DerivedKey key = mapping.derivedKey();
		return new TablePolicy(List.copyOf(changed),
				key == null ? PrivacyPolicy.KEEP : settings.policy(mapping, mapping.personalField(key.digested())));
	}

	/** Null: the field becomes JSON null (NULL in its column). Empty text stays empty: it names nobody. */
	private String replacement(PersonalField field, PrivacyPolicy policy, JsonNode value) {
		if (policy == PrivacyPolicy.DROP || value.isNull()) {
			return null;
		}
		String text = value.isValueNode() ? value.asString() : value.toString();
		return text.isEmpty() ? "" : pseudonyms.of(field.kind(), text);
	}

	/**
	 * The key from what is stored: the md5 of the pseudonym, or where the value is dropped the row's ordinal among the
	 * item's rows with the same parts (stable as long as the API lists them in the same order).
	 */
	private static void derive(DerivedKey key, PrivacyPolicy policy, ObjectNode columns, Map<String, Integer> ordinals) {
		StringBuilder parts = new StringBuilder();
		for (String part : key.parts()) {
			JsonNode value = columns.path(part);
			parts.append(value.isNull() || value.isMissingNode() ? "" : value.asString()).append('|');
		}
		String last;
		if (policy == PrivacyPolicy.DROP) {
			last = "#" + ordinals.merge(parts.toString(), 1, Integer::sum);
		}
		else {
			JsonNode stored = columns.path(key.digested());
			last = Fingerprints.md5(stored.isNull() || stored.isMissingNode() ? "" : stored.asString());
		}
		columns.put(key.column(), parts + last);
	}

	public PrivacySettings settings() {
		return settings;
	}
}
