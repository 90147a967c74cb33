package com.webworksync.sandbox;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.node.ObjectNode;

/**
 * One workspace's resources, each an insertion-ordered map from id (as text) to the stored JSON.
 * Not thread-safe on its own: {@link SandboxData} guards it with a read/write lock. The day index
 * of time entries is rebuilt lazily after a change, so a sync reading one user-day at a time stays cheap.
 */
final class WorkspaceStore {

	private static final Comparator<ObjectNode> BY_USER_THEN_START = Comparator
		.comparingLong((ObjectNode e) -> Json.longValue(e, "user_id", 0))
		.thenComparing(e -> Json.text(e, "start_time"), Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(e -> Json.text(e, "id"));

	final long id;

	final ZoneId zone;

	final LocalDate today;

	final String currency;
	/** Minutes the tracked-hours report adds to a member-day ("userId@date"): a report that disagrees with the entries. */
	final Map<String, Integer> reportSkews = new java.util.concurrent.ConcurrentHashMap<>();

	final long callerId;

	private final Map<String, LinkedHashMap<String, ObjectNode>> resources = new HashMap<>();

	private long version;

	private long indexedVersion = -1;

	private TreeMap<LocalDate, List<ObjectNode>> entriesByDate = new TreeMap<>();

	WorkspaceStore(WorkspaceGenerator.Generated generated) {
		this.id = generated.id();
		this.zone = generated.zone();
		this.today = generated.today();
		this.currency = generated.currency();
		this.callerId = generated.callerId();
		generated.resources().forEach((resource, nodes) -> {
			LinkedHashMap<String, ObjectNode> byId = new LinkedHashMap<>();
			nodes.forEach(n -> byId.put(key(n), n));
			resources.put(resource, byId);
		});
	}

	static String key(ObjectNode node) {
		if (node.get("id") == null || node.get("id").isNull()) {
			throw new IllegalArgumentException("item has no id: " + node);
		}
		return node.get("id").asString();
	}

	Collection<ObjectNode> items(String resource) {
		LinkedHashMap<String, ObjectNode> byId = resources.get(resource);
		if (byId == null) {
			throw new IllegalArgumentException("unknown resource: " + resource);
		}
		return byId.values();
	}

	ObjectNode item(String resource, String itemId) {
		items(resource);
		return resources.get(resource).get(itemId);
	}

	void add(String resource, ObjectNode node) {
		items(resource);
		resources.get(resource).put(key(node), node);
		version++;
	}

	ObjectNode remove(String resource, String itemId) {
		items(resource);
		version++;
		return resources.get(resource).remove(itemId);
	}

	/** After an in-place change; re-keys the item when the change touched its id. */
	void changed(String resource, String oldId, ObjectNode node) {
		version++;
		String newId = key(node);
		if (!newId.equals(oldId)) {
			LinkedHashMap<String, ObjectNode> rekeyed = new LinkedHashMap<>();
			resources.get(resource).forEach((k, v) -> rekeyed.put(k.equals(oldId) ? newId : k, v));
			resources.put(resource, rekeyed);
		}
	}

	ObjectNode member(long userId) {
		return item("members", Long.toString(userId));
	}

	/** Entries whose {@code date} is that day, by user then start. */
	List<ObjectNode> entriesOn(LocalDate date) {
		return index().getOrDefault(date, List.of());
	}

	/** Entries with {@code from <= date <= to}, by date, user, start. */
	List<ObjectNode> entriesBetween(LocalDate from, LocalDate to) {
		List<ObjectNode> out = new ArrayList<>();
		index().subMap(from, true, to, true).values().forEach(out::addAll);
		return out;
	}

	/** Readers share a read lock, so the lazy rebuild is synchronised separately. */
	private synchronized TreeMap<LocalDate, List<ObjectNode>> index() {
		if (indexedVersion != version) {
			TreeMap<LocalDate, List<ObjectNode>> byDate = new TreeMap<>();
			for (ObjectNode e : items("time_entries")) {
				String date = Json.text(e, "date");
				if (date != null) {
					byDate.computeIfAbsent(LocalDate.parse(date), k -> new ArrayList<>()).add(e);
				}
			}
			byDate.values().forEach(list -> list.sort(BY_USER_THEN_START));
			entriesByDate = byDate;
			indexedVersion = version;
		}
		return entriesByDate;
	}

}
