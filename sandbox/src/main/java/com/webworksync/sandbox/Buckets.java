package com.webworksync.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Function;

import tools.jackson.databind.node.ObjectNode;

/**
 * A resource made one date bucket at a time (a day of time entries, a week of timesheets) when a
 * request first needs it, so a 2,000-member workspace with three years of history starts at once
 * and holds only what is read (issue 10). Generation is pure, seeded per bucket: a bucket nobody
 * changed is dropped when the cache is full and made again, the same bytes, when asked for; a
 * bucket a mutation touched is kept for good. Readers share {@link SandboxData}'s read lock, so the
 * cache has its own monitor.
 */
final class Buckets {

	/** One item and its place in the whole list (the order the eager generator produced). */
	record Slot(ObjectNode node, long rank) {
	}

	/** Ranks of items added after generation: after every generated one, in the order added. */
	private static final long ADDED = 1L << 62;

	private final Function<LocalDate, List<Slot>> generator;

	private final Function<ObjectNode, LocalDate> bucketOf;

	/** Every bucket the generator fills, ascending. */
	private final NavigableSet<LocalDate> generated;

	private final int cacheLimit;

	private final Map<LocalDate, LinkedHashMap<String, Slot>> changed = new HashMap<>();

	private final LinkedHashMap<LocalDate, LinkedHashMap<String, Slot>> cache = new LinkedHashMap<>(16, 0.75f, true);

	/** Per bucket, its items by member ({@code user_id}): a timesheet reads one member's week. */
	private final Map<LocalDate, Map<Long, List<ObjectNode>>> byUser = new HashMap<>();

	private int cachedItems;

	private long added;

	private int made;

	/**
	 * @param buckets every bucket the generator fills
	 * @param cacheLimit items kept in unchanged buckets before the least recently used are dropped
	 */
	Buckets(Function<LocalDate, List<Slot>> generator, Function<ObjectNode, LocalDate> bucketOf,
			List<LocalDate> buckets, int cacheLimit) {
		this.generator = generator;
		this.bucketOf = bucketOf;
		this.generated = new TreeSet<>(buckets);
		this.cacheLimit = cacheLimit;
	}

	/** The items of buckets from {@code from} to {@code to} (bucket keys, inclusive), bucket by bucket. */
	synchronized List<ObjectNode> between(LocalDate from, LocalDate to) {
		List<ObjectNode> out = new ArrayList<>();
		for (LocalDate key : keys(from, to)) {
			bucket(key).values().forEach(slot -> out.add(slot.node()));
		}
		return out;
	}

	/** How many buckets were generated so far, counting one made again after it was dropped. */
	synchronized int made() {
		return made;
	}

	/** One member's items ({@code user_id}) of buckets from {@code from} to {@code to}, bucket by bucket. */
	synchronized List<ObjectNode> ofUser(long userId, LocalDate from, LocalDate to) {
		List<ObjectNode> out = new ArrayList<>();
		for (LocalDate key : keys(from, to)) {
			LinkedHashMap<String, Slot> bucket = bucket(key);
			out.addAll(byUser.computeIfAbsent(key, k -> {
				Map<Long, List<ObjectNode>> users = new HashMap<>();
				bucket.values().forEach(slot -> users.computeIfAbsent(Json.longValue(slot.node(), "user_id", 0),
						u -> new ArrayList<>()).add(slot.node()));
				return users;
			}).getOrDefault(userId, List.of()));
		}
		return out;
	}

	/** Every item, in generation order, then the added ones: this makes every bucket. */
	synchronized List<ObjectNode> all() {
		List<Slot> slots = new ArrayList<>();
		for (LocalDate key : keys(LocalDate.MIN, LocalDate.MAX)) {
			slots.addAll(bucket(key).values());
		}
		slots.sort(Comparator.comparingLong(Slot::rank));
		return slots.stream().map(Slot::node).toList();
	}

	/** Looks in the buckets already made first; an id nobody read yet makes every bucket. */
	synchronized ObjectNode item(String id) {
		LocalDate key = find(id);
		return key == null ? null : bucket(key).get(id).node();
	}

	synchronized void add(ObjectNode node) {
		keep(bucketOf.apply(node)).put(WorkspaceStore.key(node), new Slot(node, ADDED + added++));
	}

	synchronized ObjectNode remove(String id) {
		LocalDate key = find(id);
		if (key == null) {
			return null;
		}
		return keep(key).remove(id).node();
	}

	/** After an in-place change (its member may have changed too): the bucket is kept, and the item moves if its id or its date changed. */
	synchronized void changed(String oldId, ObjectNode node) {
		LocalDate key = find(oldId);
		if (key == null) {
			throw new IllegalArgumentException("no item with id " + oldId);
		}
		LinkedHashMap<String, Slot> bucket = keep(key);
		String newId = WorkspaceStore.key(node);
		LocalDate newKey = bucketOf.apply(node);
		if (newId.equals(oldId) && newKey.equals(key)) {
			return;
		}
		Slot slot = bucket.get(oldId);
		if (newKey.equals(key)) {
			LinkedHashMap<String, Slot> rekeyed = new LinkedHashMap<>();
			bucket.forEach((k, v) -> rekeyed.put(k.equals(oldId) ? newId : k, v));
			changed.put(key, rekeyed);
		}
		else {
			bucket.remove(oldId);
			keep(newKey).put(newId, slot);
		}
	}

	private NavigableSet<LocalDate> keys(LocalDate from, LocalDate to) {
		NavigableSet<LocalDate> keys = new TreeSet<>(generated.subSet(from, true, to, true));
		changed.keySet().stream().filter(k -> !k.isBefore(from) && !k.isAfter(to)).forEach(keys::add);
		return keys;
	}

	private LocalDate find(String id) {
		for (Map.Entry<LocalDate, LinkedHashMap<String, Slot>> e : changed.entrySet()) {
			if (e.getValue().containsKey(id)) {
				return e.getKey();
			}
		}
		for (Map.Entry<LocalDate, LinkedHashMap<String, Slot>> e : cache.entrySet()) {
			if (e.getValue().containsKey(id)) {
				return e.getKey();
			}
		}
		for (LocalDate key : generated) {
			if (!changed.containsKey(key) && bucket(key).containsKey(id)) {
				return key;
			}
		}
		return null;
	}

	private LinkedHashMap<String, Slot> bucket(LocalDate key) {
		LinkedHashMap<String, Slot> bucket = changed.get(key);
		if (bucket == null) {
			bucket = cache.get(key);
		}
		if (bucket == null) {
			bucket = new LinkedHashMap<>();
			for (Slot slot : generated.contains(key) ? generator.apply(key) : List.<Slot>of()) {
				bucket.put(WorkspaceStore.key(slot.node()), slot);
			}
			cache.put(key, bucket);
			made++;
			cachedItems += bucket.size();
			evict(key);
		}
		return bucket;
	}

	/** The bucket, moved out of the cache for good: a mutation is about to touch it. */
	private LinkedHashMap<String, Slot> keep(LocalDate key) {
		LinkedHashMap<String, Slot> bucket = bucket(key);
		byUser.remove(key);
		if (cache.remove(key) != null) {
			cachedItems -= bucket.size();
			changed.put(key, bucket);
		}
		return bucket;
	}

	private void evict(LocalDate justMade) {
		Iterator<Map.Entry<LocalDate, LinkedHashMap<String, Slot>>> eldest = cache.entrySet().iterator();
		while (cachedItems > cacheLimit && eldest.hasNext()) {
			Map.Entry<LocalDate, LinkedHashMap<String, Slot>> e = eldest.next();
			if (!e.getKey().equals(justMade)) {
				cachedItems -= e.getValue().size();
				byUser.remove(e.getKey());
				eldest.remove();
			}
		}
	}

}
