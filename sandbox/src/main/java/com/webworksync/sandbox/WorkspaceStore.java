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
import java.util.Set;

import tools.jackson.databind.node.ObjectNode;
import java.time.Period;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One workspace's resources, each an insertion-ordered map from id (as text) to the stored JSON,
 * except the two that grow with members times history: time entries (by day) and timesheets (by
 * week) are made a bucket at a time when first read ({@link Buckets}). Not thread-safe on its own:
 * {@link SandboxData} guards it with a read/write lock.
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
	final Map<String, Integer> reportSkews = new ConcurrentHashMap<>();

	final long callerId;
	/** The members' running trackers, by member id ({@link Trackers}). */
	final Map<Long, Trackers.Running> runningTrackers = new ConcurrentHashMap<>();

	/** Generated entries kept, about 1 KB each: two month windows of a 2,000-member workspace. */
	static final int CACHED_ENTRIES = 300_000;

	private final Map<String, LinkedHashMap<String, ObjectNode>> resources = new HashMap<>();

	private final Buckets entries;

	private final Buckets timesheets;

	/** Who has generated time on a day (as generated, not as edited): what makes a timesheet. */
	private final Map<LocalDate, long[]> usersWithTime = new HashMap<>();

	private final Draft draft;

	WorkspaceStore(WorkspaceGenerator.Generated generated) {
		this.id = generated.id();
		this.zone = generated.zone();
		this.today = generated.today();
		this.currency = generated.currency();
		this.callerId = generated.callerId();
		this.draft = generated.draft();
		generated.resources().forEach((resource, nodes) -> {
			LinkedHashMap<String, ObjectNode> byId = new LinkedHashMap<>();
			nodes.forEach(n -> byId.put(key(n), n));
			resources.put(resource, byId);
		});
		resources.remove("time_entries");
		resources.remove("timesheets");
		List<LocalDate> days = draft.firstDay.datesUntil(draft.today.plusDays(1)).toList();
		this.entries = new Buckets(this::generateDay, e -> LocalDate.parse(Json.text(e, "date")), days,
				CACHED_ENTRIES);
		List<LocalDate> mondays = TimesheetGenerator.monday(draft.firstDay)
			.datesUntil(draft.today.plusDays(1), Period.ofWeeks(1))
			.toList();
		this.timesheets = new Buckets(monday -> TimesheetGenerator.week(draft, monday, this::usersWithTime),
				t -> TimesheetGenerator.monday(LocalDate.parse(Json.text(t, "date_from"))), mondays,
				CACHED_ENTRIES / 10);
	}

	private List<Buckets.Slot> generateDay(LocalDate date) {
		List<Buckets.Slot> day = TimeGenerator.day(draft, date);
		synchronized (usersWithTime) {
			usersWithTime.putIfAbsent(date,
					day.stream().mapToLong(s -> s.node().get("user_id").asLong()).distinct().toArray());
		}
		return day;
	}

	private Set<Long> usersWithTime(LocalDate date) {
		long[] users;
		synchronized (usersWithTime) {
			users = usersWithTime.get(date);
		}
		if (users == null) {
			generateDay(date);
			synchronized (usersWithTime) {
				users = usersWithTime.get(date);
			}
		}
		return Arrays.stream(users).boxed().collect(Collectors.toSet());
	}

	private Buckets lazy(String resource) {
		return switch (resource) {
			case "time_entries" -> entries;
			case "timesheets" -> timesheets;
			default -> null;
		};
	}

	static String key(ObjectNode node) {
		if (node.get("id") == null || node.get("id").isNull()) {
			throw new IllegalArgumentException("item has no id: " + node);
		}
		return node.get("id").asString();
	}

	/** For time entries and timesheets this makes every bucket: endpoints read them by date instead. */
	Collection<ObjectNode> items(String resource) {
		if (lazy(resource) != null) {
			return lazy(resource).all();
		}
		LinkedHashMap<String, ObjectNode> byId = resources.get(resource);
		if (byId == null) {
			throw new IllegalArgumentException("unknown resource: " + resource);
		}
		return byId.values();
	}

	ObjectNode item(String resource, String itemId) {
		if (lazy(resource) != null) {
			return lazy(resource).item(itemId);
		}
		items(resource);
		return resources.get(resource).get(itemId);
	}

	void add(String resource, ObjectNode node) {
		if (lazy(resource) != null) {
			lazy(resource).add(node);
			return;
		}
		items(resource);
		resources.get(resource).put(key(node), node);
	}

	ObjectNode remove(String resource, String itemId) {
		if (lazy(resource) != null) {
			return lazy(resource).remove(itemId);
		}
		items(resource);
		return resources.get(resource).remove(itemId);
	}

	/** After an in-place change; re-keys the item when the change touched its id. */
	void changed(String resource, String oldId, ObjectNode node) {
		if (lazy(resource) != null) {
			lazy(resource).changed(oldId, node);
			return;
		}
		String newId = key(node);
		if (!newId.equals(oldId)) {
			LinkedHashMap<String, ObjectNode> rekeyed = new LinkedHashMap<>();
			resources.get(resource).forEach((k, v) -> rekeyed.put(k.equals(oldId) ? newId : k, v));
			resources.put(resource, rekeyed);
		}
	}

	/** The tracked-hours report shows {@code minutes} more (or fewer) on this member-day; 0 ends the skew. */
	void skew(long userId, LocalDate date, int minutes) {
		if (minutes == 0) {
			reportSkews.remove(userId + "@" + date);
		}
		else {
			reportSkews.put(userId + "@" + date, minutes);
		}
	}

	ObjectNode member(long userId) {
		return item("members", Long.toString(userId));
	}

	/** Days of time entries generated so far (a day dropped from the cache and read again counts twice). */
	int daysMade() {
		return entries.made();
	}

	/** Entries whose {@code date} is that day, by user then start. */
	List<ObjectNode> entriesOn(LocalDate date) {
		return entriesBetween(date, date);
	}

	/** Entries with {@code from <= date <= to}, by date, user, start. */
	List<ObjectNode> entriesBetween(LocalDate from, LocalDate to) {
		List<ObjectNode> out = new ArrayList<>(entries.between(from, to));
		out.sort(Comparator.comparing((ObjectNode e) -> Json.text(e, "date")).thenComparing(BY_USER_THEN_START));
		return out;
	}

	/** One member's entries with {@code from <= date <= to}, by date and start. */
	List<ObjectNode> entriesOf(long userId, LocalDate from, LocalDate to) {
		List<ObjectNode> out = new ArrayList<>(entries.ofUser(userId, from, to));
		out.sort(Comparator.comparing((ObjectNode e) -> Json.text(e, "date")).thenComparing(BY_USER_THEN_START));
		return out;
	}

	/** Timesheets whose week overlaps {@code from}..{@code to} (null: open), by week then user. */
	List<ObjectNode> timesheetsOverlapping(LocalDate from, LocalDate to) {
		return timesheets.between(from == null ? LocalDate.MIN : TimesheetGenerator.monday(from).minusWeeks(1),
				to == null ? LocalDate.MAX : to);
	}

}
