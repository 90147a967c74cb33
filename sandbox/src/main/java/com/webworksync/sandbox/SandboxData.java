package com.webworksync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import tools.jackson.databind.node.ObjectNode;

/**
 * The live store behind the server. Everything handed out is a deep copy, exactly as served; every
 * change is visible to the next request, reports included (they are computed from the entries).
 * Thread-safe: one {@link StoreLock} over all workspaces.
 */
public final class SandboxData {

	static final List<String> RESOURCES = List.of("workspaces", "members", "projects", "tasks", "contracts",
			"project_viewers", "leave_policies", "expense_categories", "webhooks", "timesheets", "time_requests",
			"leaves", "expenses", "time_entries");

	private final SandboxOptions options;
	private final Map<Long, WorkspaceStore> workspaces = new LinkedHashMap<>();
	private final StoreLock lock = new StoreLock();
	private final AtomicLong added = new AtomicLong();
	private final SchemaChanges schema = new SchemaChanges();
	private final ChangeEvents events = new ChangeEvents();

	SandboxData(SandboxOptions options) {
		this.options = options;
		for (int i = 0; i < options.workspaces(); i++) {
			WorkspaceStore store = new WorkspaceStore(WorkspaceGenerator.generate(options, i));
			workspaces.put(store.id, store);
		}
	}

	public List<Long> workspaceIds() {
		return List.copyOf(workspaces.keySet());
	}

	/** For "workspaces" the workspace id selects that one workspace object. */
	public List<ObjectNode> list(String resource, long workspaceId) {
		return read(workspaceId, store -> store.items(resource).stream().map(item -> view(resource, item, store)).toList());
	}

	/** The entries dated {@code date}, as served, by user then start: one day made, not the whole history. */
	public List<ObjectNode> entriesOn(long workspaceId, LocalDate date) {
		return read(workspaceId, store -> store.entriesOn(date).stream().map(ObjectNode::deepCopy).toList());
	}

	public ObjectNode get(String resource, long workspaceId, String id) {
		return read(workspaceId, store -> {
			ObjectNode item = store.item(resource, id);
			return item == null ? null : view(resource, item, store);
		});
	}

	public void add(String resource, long workspaceId, ObjectNode item) {
		mutate(workspaceId, store -> store.add(resource, item.deepCopy()));
		announce(resource, ChangeEvents.ADDED, workspaceId, item);
	}

	public void update(String resource, long workspaceId, String id, Consumer<ObjectNode> change) {
		mutate(workspaceId, store -> {
			ObjectNode item = store.item(resource, id);
			if (item == null) {
				throw new IllegalArgumentException("no " + resource + " with id " + id);
			}
			change.accept(item);
			store.changed(resource, id, item);
		});
		announce(resource, ChangeEvents.UPDATED, workspaceId, get(resource, workspaceId, id));
	}

	public ObjectNode remove(String resource, long workspaceId, String id) {
		ObjectNode removed = write(workspaceId, store -> store.remove(resource, id));
		if (removed != null) {
			announce(resource, ChangeEvents.REMOVED, workspaceId, removed);
		}
		return removed;
	}

	/** {@link #startTracker(long, long, Long, Long, String)} without a task, described "Tracked in the sandbox". */
	public void startTracker(long workspaceId, long userId, Long projectId) {
		startTracker(workspaceId, userId, projectId, null, "Tracked in the sandbox");
	}

	/**
	 * A member starts (or restarts) their tracker: {@code tracker.started}, and GET /time-tracking/current-data serves
	 * it ({@link Trackers}) until it stops. Its entry appears when it stops (time entries list only finished intervals).
	 */
	public void startTracker(long workspaceId, long userId, Long projectId, Long taskId, String description) {
		Instant now = options.clock().instant().truncatedTo(ChronoUnit.SECONDS);
		mutate(workspaceId, store -> Trackers.start(store, userId, projectId, taskId, description, now));
		events.trackerStarted(workspaceId, userId, projectId, now);
	}

	/**
	 * A member stops a tracker that ran {@code minutes} until now (the sandbox's clock; cut at the owner's midnight, or
	 * within midnight's minute all the day before's): it no longer runs, its entry is added, then
	 * {@code tracker.stopped} is announced. Returns the entry.
	 */
	public ObjectNode stopTracker(long workspaceId, long userId, int minutes, Long projectId, Long taskId) {
		mutate(workspaceId, store -> store.runningTrackers.remove(userId));
		ZoneId zone = ownerZone(workspaceId);
		Instant now = options.clock().instant().truncatedTo(ChronoUnit.MINUTES);
		Trackers.Stopped stopped = Trackers.stopped(now, minutes, zone);
		ObjectNode entry = addTimeEntry(workspaceId, userId, stopped.day(), stopped.start().atZone(zone).toLocalTime(),
				(int) ChronoUnit.MINUTES.between(stopped.start(), now), projectId, taskId, "Tracked in the sandbox");
		events.trackerStopped(workspaceId, entry, userId, projectId, taskId, stopped.start(), now);
		return entry;
	}

	/** Announces any event by hand (member.archived, member.activated, …) with its data. */
	public void announce(long workspaceId, String type, ObjectNode eventData) {
		events.announce(workspaceId, type, eventData);
	}

	void listen(ChangeEvents.Listener who) {
		events.listen(who);
	}

	/** After the write lock is released: deliveries read the subscriptions under the read lock. */
	private void announce(String resource, int change, long workspaceId, ObjectNode item) {
		events.resourceChanged(resource, change, workspaceId, item);
	}

	/** What /leaves/balances serves for this range (all users, in member order). */
	public List<ObjectNode> leaveBalances(long workspaceId, LocalDate from, LocalDate to) {
		return read(workspaceId, store -> LeaveBalances.compute(store, from, to));
	}

	public ZoneId ownerZone(long workspaceId) {
		return store(workspaceId).zone;
	}

	public LocalDate today(long workspaceId) {
		return store(workspaceId).today;
	}

	/**
	 * Adds a manually added entry; the start is wall-clock time in the owner's zone, so {@code date} is the entry's date
	 * as served. The entry must end by the owner's midnight, as real ones do.
	 */
	public ObjectNode addTimeEntry(long workspaceId, long userId, LocalDate date, LocalTime startLocal, int minutes,
			Long projectId, Long taskId, String description) {
		String id = Rng.of(options.seed(), "added", workspaceId, added.incrementAndGet()).uuid();
		return write(workspaceId,
				store -> ManualEntries.add(store, id, userId, date, startLocal, minutes, projectId, taskId, description));
	}

	/** Edits an entry as its member would, on any day however old: it ends {@code minutes} earlier (reports follow). */
	public void shortenTimeEntry(long workspaceId, String id, int minutes) {
		update("time_entries", workspaceId, id, entry -> {
			long duration = entry.path("duration_minutes").asLong();
			if (minutes <= 0 || minutes >= duration) {
				throw new IllegalArgumentException("shorten by 1 to " + (duration - 1) + " minutes, not " + minutes);
			}
			Instant end = Instant.parse(entry.path("end_time").asString()).minusSeconds(60L * minutes);
			entry.put("end_time", Json.isoZ(end));
			entry.put("duration_minutes", duration - minutes);
		});
	}

	/**
	 * Makes the tracked-hours report disagree with the time entries on one member-day: it reports {@code minutes} more
	 * (or fewer) there than the entries hold, until skewed back to 0. The member must have time that day.
	 */
	public void skewTrackedHours(long workspaceId, long userId, LocalDate date, int minutes) {
		mutate(workspaceId, store -> store.skew(userId, date, minutes));
	}

	/** Approves a time request as the caller would: status approved, updated now. */
	public void approveTimeRequest(long workspaceId, String id) {
		long caller = store(workspaceId).callerId;
		update("time_requests", workspaceId, id, request -> {
			request.put("status", "approved");
			request.put("updated_by", caller);
			request.putNull("comment");
			request.put("updated_at", Json.isoZ(options.clock().instant().truncatedTo(ChronoUnit.SECONDS)));
		});
	}

	public ObjectNode findTimeEntry(long workspaceId, Predicate<ObjectNode> p) {
		return read(workspaceId, store -> store.items("time_entries").stream().filter(e -> p.test(e.deepCopy())).findFirst()
			.map(ObjectNode::deepCopy).orElse(null));
	}

	SandboxOptions options() {
		return options;
	}

	boolean has(long workspaceId) {
		return workspaces.containsKey(workspaceId);
	}

	/** Runs a request handler under the read lock; whatever it returns must be freshly built. */
	<T> T read(Supplier<T> work) {
		return lock.reading(work);
	}

	<T> T read(long workspaceId, Function<WorkspaceStore, T> work) {
		WorkspaceStore store = store(workspaceId);
		return read(() -> work.apply(store));
	}

	/** A copy of an item as the API serves it (timesheets get their totals from the current entries). */
	ObjectNode view(String resource, ObjectNode item, WorkspaceStore store) {
		ObjectNode copy = item.deepCopy();
		return schema.apply(resource,
				"timesheets".equals(resource) ? Timesheets.refresh(copy, store, options.ratesVisible()) : copy);
	}

	/** Fields added, dropped or retyped in what the list endpoints serve. */
	public SchemaChanges schema() {
		return schema;
	}

	WorkspaceStore store(long workspaceId) {
		WorkspaceStore store = workspaces.get(workspaceId);
		if (store == null) {
			throw new IllegalArgumentException("unknown workspace " + workspaceId);
		}
		return store;
	}

	private <T> T write(long workspaceId, Function<WorkspaceStore, T> work) {
		WorkspaceStore store = store(workspaceId);
		return lock.writing(() -> work.apply(store));
	}

	private void mutate(long workspaceId, Consumer<WorkspaceStore> work) {
		write(workspaceId, store -> {
			work.accept(store);
			return null;
		});
	}
}
