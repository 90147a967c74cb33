package com.webworksync.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.webworksync.config.PrivacyPolicy;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.DerivedKey;
import com.webworksync.streams.Fingerprints;
import com.webworksync.streams.PersonalField;
import com.webworksync.streams.Row;
import com.webworksync.streams.TableMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The privacy policy on the write path: applied to the rows a mapper made, before they are converted, upserted and
 * versioned, so the typed columns, {@code raw}, the history and the derived keys only ever hold what the policy
 * allows (a pseudonymized value never reaches the database in plain text, not even inside a transaction). The same
 * value always becomes the same text, so an unchanged re-read still rewrites nothing. An erased person's fields are
 * dropped whatever the policy.
 */
@Component
public class RowPrivacy {

	private final PrivacySettings settings;
	private final Pseudonyms pseudonyms;
	private final Rekey rekey;
	private final Erased erased;
	private final boolean rewriting;
	private final Map<String, TablePolicy> tables = new ConcurrentHashMap<>();
	private final ErasedNames erasedNames = new ErasedNames();

	@Autowired
	public RowPrivacy(Environment environment, Catalog catalog, ErasedPeople erased) {
		this(PrivacySettings.from(environment, catalog), erased);
	}

	public RowPrivacy(PrivacySettings settings, Erased erased) {
		this(settings, erased, false);
	}

	/**
	 * @param rewriting stored values are transformed: a value already a pseudonym under the key (or re-keyed by the
	 *     rotation) is left as it is, one under the previous key is re-keyed
	 */
	RowPrivacy(PrivacySettings settings, Erased erased, boolean rewriting) {
		this.rewriting = rewriting;
		this.settings = settings;
		this.pseudonyms = settings.key() == null ? null : new Pseudonyms(settings.key());
		this.rekey = rewriting && pseudonyms != null && settings.previous() != null
				? new Rekey(settings.previous().id(), pseudonyms) : null;
		this.erased = erased;
	}

	/** One table's personal fields with their policies; {@code changes}: any of them is not kept. */
	private record TablePolicy(Map<PersonalField, PrivacyPolicy> fields, boolean changes, PrivacyPolicy derivedKeyPolicy) {
	}

	/** The rows of one item as the policy allows them; the mapper's rows (and the item) are left as they were. */
	public List<Row> apply(TableMapping mapping, List<Row> rows, long workspaceId, long runId) {
		TablePolicy policy = tables.computeIfAbsent(mapping.table().getName(), name -> policyOf(mapping));
		if (policy.fields().isEmpty() || rows.isEmpty()) {
			return rows;
		}
		Set<Long> gone = erased.in(workspaceId, runId);
		if (!policy.changes() && gone.isEmpty()) {
			return rows; // keep, and nobody erased: exactly today's rows
		}
		Map<String, Integer> ordinals = new HashMap<>();
		List<Row> out = new ArrayList<>(rows.size());
		for (Row row : rows) {
			boolean rowErased = erasedNames.isErased(mapping, row.columns(), workspaceId, gone);
			// copy on write: only the objects on the way to a changed value are copied, the rest is shared
			boolean shared = row.raw() == row.columns();
			JsonNode columns = row.columns();
			JsonNode raw = row.raw();
			for (Map.Entry<PersonalField, PrivacyPolicy> entry : policy.fields().entrySet()) {
				PersonalField field = entry.getKey();
				PrivacyPolicy fieldPolicy = entry.getValue();
				JsonPaths.Change change = (owner, value) -> replacement(field,
						rowErased || JsonPaths.inArray(field.name()) && gone.contains(owner.path("id").asLong(-1))
								? PrivacyPolicy.DROP : fieldPolicy, value);
				if (field.column()) {
					columns = JsonPaths.replaced(columns, field.name(), change);
				}
				for (String path : field.rawPaths()) {
					if (!shared) {
						raw = JsonPaths.replaced(raw, path, change);
					}
					else if (!(field.column() && path.equals(field.name()))) {
						columns = JsonPaths.replaced(columns, path, change);
					}
				}
			}
			DerivedKey key = mapping.derivedKey();
			if (key != null && (rowErased || policy.derivedKeyPolicy() != PrivacyPolicy.KEEP)) {
				ObjectNode owned = columns == row.columns() ? JsonNodeFactory.instance.objectNode().setAll((ObjectNode) columns)
						: (ObjectNode) columns;
				derive(key, rowErased ? PrivacyPolicy.DROP : policy.derivedKeyPolicy(), owned, ordinals);
				columns = owned;
			}
			if (shared) {
				raw = columns;
			}
			out.add(new Row(columns, raw));
		}
		return out;
	}

	private TablePolicy policyOf(TableMapping mapping) {
		Map<PersonalField, PrivacyPolicy> fields = new LinkedHashMap<>();
		mapping.personal().forEach(field -> fields.put(field, settings.policy(mapping, field)));
		DerivedKey key = mapping.derivedKey();
		return new TablePolicy(fields, fields.values().stream().anyMatch(p -> p != PrivacyPolicy.KEEP),
				key == null ? PrivacyPolicy.KEEP : fields.get(mapping.personalField(key.digested())));
	}

	/** The value as the policy has it: itself (kept), JSON null (dropped) or its pseudonym. Empty text names nobody. */
	private JsonNode replacement(PersonalField field, PrivacyPolicy policy, JsonNode value) {
		if (policy == PrivacyPolicy.KEEP || value.isNull()) {
			return value;
		}
		if (policy == PrivacyPolicy.DROP) {
			return JsonPaths.text(null);
		}
		String text = value.isValueNode() ? value.asString() : value.toString();
		if (rekey != null && rekey.isOld(text)) {
			return JsonPaths.text(rekey.of(text));
		}
		boolean done = rewriting && (pseudonyms.isPseudonym(text) || rekey != null && rekey.isRekeyed(text));
		return text.isEmpty() || done ? value : JsonPaths.text(pseudonyms.of(field.kind(), text));
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
