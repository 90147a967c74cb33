package com.webworksync.streams;

import static com.webworksync.streams.ChangeDetection.ALWAYS_ROWS;
import static com.webworksync.streams.ChangeDetection.ROWS_WITH_TIME;
import static com.webworksync.streams.Partitioning.DAY;
import static com.webworksync.streams.Partitioning.GLOBAL;
import static com.webworksync.streams.Partitioning.MEMBER;
import static com.webworksync.streams.Partitioning.MONTH;
import static com.webworksync.streams.Partitioning.PROJECT;
import static com.webworksync.streams.Partitioning.SNAPSHOT_DAY;
import static com.webworksync.streams.Partitioning.USER_DAY;
import static com.webworksync.streams.PersonalKind.AVATAR;
import static com.webworksync.streams.PersonalKind.EMAIL;
import static com.webworksync.streams.PersonalKind.FREE_TEXT;
import static com.webworksync.streams.PersonalKind.MONITORING;
import static com.webworksync.streams.PersonalKind.NAME;
import static com.webworksync.streams.PersonalKind.TITLE;
import static com.webworksync.streams.RowMapper.children;
import static com.webworksync.streams.StreamDef.stream;
import static com.webworksync.schema.webwork.Tables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every stream the job reads, in the order the job reads them: dimensions first (the planner
 * needs workspaces, members and projects before it can plan the rest), facts after.
 */
public final class Catalog {

	/** The webhook events (WebWork's names) that announce changes; see {@link StreamDef#hintedBy()}. */
	private static final String[] MEMBER_EVENTS = { "member.invited", "member.updated", "member.deleted",
			"member.activated", "member.archived" };

	private static final String[] PROJECT_EVENTS = { "project.created", "project.updated", "project.deleted" };

	private static final String TRACKER_STOPPED = "tracker.stopped";

	private static final String TRACKER_STARTED = "tracker.started";

	private final Map<String, StreamDef> streams = new LinkedHashMap<>();

	public Catalog() {
		// dimensions: small, read whole
		add(stream("workspaces", "/workspaces").partitioned(GLOBAL).into(WORKSPACES, Mappers.workspace()));
		add(stream("members", "/members").hintedBy(MEMBER_EVENTS).into(MEMBERS).personal(NAME, "firstname", "lastname").personal(EMAIL, "email")
			.personal(AVATAR, "avatar").personal(TITLE, "title").about("id"));
		add(stream("projects", "/projects").hintedBy(PROJECT_EVENTS).into(PROJECTS).untyped("tags").personal(FREE_TEXT, "notes")
			.into(PROJECT_TAGS, children("tags", (project, tag, row) -> row.set("project_id", project.path("id")))));
		add(stream("contracts", "/contracts").into(CONTRACTS)
			.personal(NAME, "user_firstname", "user_lastname", "contract_name").personal(EMAIL, "user_email").about("user_id"));
		add(stream("project_viewers", "/project-viewers").into(PROJECT_VIEWERS).untyped("projects")
			.personal(NAME, "firstname", "lastname").personal(EMAIL, "email").about("id")
			.into(PROJECT_VIEWER_PROJECTS, children("projects", (viewer, project, row) -> row.set("viewer_id", viewer.path("id")))));
		add(stream("leave_policies", "/leaves/policies").optional().into(LEAVE_POLICIES));
		add(stream("expense_categories", "/expenses/categories").optional().into(EXPENSE_CATEGORIES));
		add(stream("webhooks", "/webhooks").pageSize(50).into(WEBHOOKS, Mappers.webhook()));
		// the cheap window reports: 31 days of every member in a call or two; read first, they tell
		// the planner which (member, day) partitions of the expensive streams changed
		add(report("report_tracked_hours", "/reports/tracked-hours", MONTH)
			.memberDayFingerprint("'h' || coalesce(project_id::text, '') || ':' || coalesce(contract_id::text, '') || ':' "
					+ "|| coalesce(total_minutes::text, '')")
			.into(REPORT_TRACKED_HOURS, Mappers.trackedHours()).personal(NAME, "firstname", "lastname").about("user_id"));
		add(report("report_tasks", "/reports/task-report", MONTH)
			.memberDayFingerprint("'t' || coalesce(task_id::text, '') || ':' || coalesce(project_id::text, '') || ':' "
					+ "|| coalesce(total_minutes::text, '')")
			.into(REPORT_TASKS, Mappers.taskReport()).personal(NAME, "firstname", "lastname").about("user_id"));
		add(report("report_activity_descriptions", "/reports/activity-descriptions", MONTH).optional()
			.memberDayFingerprint("'d' || md5(coalesce(description, '')) || ':' || coalesce(total_minutes::text, '')")
			.into(REPORT_ACTIVITY_DESCRIPTIONS, Mappers.perUser("descriptions", (user, description, row, partition) ->
				row.put("grain_key", Mappers.key(user.path("user_id"), description.path("date"),
						Mappers.md5(description.path("description").asString(""))))))
			.personal(NAME, "firstname", "lastname").personal(FREE_TEXT, "description")
			.derivedKey("grain_key", "description", "user_id", "date").about("user_id"));
		add(report("report_activity_level", "/reports/activity-level", MONTH)
			.into(REPORT_ACTIVITY_LEVEL, Mappers.perUser("days", (user, day, row, partition) -> {
			})).personal(NAME, "firstname", "lastname").personal(MONITORING, "activity_level")
			.about("user_id"));
		// read only where the reports say something changed (plus a share of re-verification)
		add(stream("tasks", "/tasks").partitioned(PROJECT).hintedBy(PROJECT_EVENTS).hintedBy("task.updated")
			.changeDetected(ALWAYS_ROWS).into(TASKS).untyped("assignees")
			.personal(FREE_TEXT, "description").personalInRaw(NAME, "assignees[].firstname", "assignees[].lastname")
			.personalInRaw(EMAIL, "assignees[].email")
			.into(TASK_ASSIGNEES, children("assignees", (task, user, row) -> {
				row.set("task_id", task.path("id"));
				row.set("user_id", user.path("id"));
				row.set("project_id", task.path("project_id"));
			})).untyped("id") // the assignee's id, kept as user_id
			.personal(NAME, "firstname", "lastname").personal(EMAIL, "email").about("user_id"));
		// the timeline holds every interval of a day for every member: a cheap way to see what the
		// other reports cannot (an entry moved in time, a method change), so it is read before the
		// time entries and re-verified date by date
		// what the timeline shows of an interval (start, end, method) is what the other reports cannot see
		add(report("report_timeline", "/reports/daily-timeline", DAY).horizonDays(365).hintedBy(TRACKER_STOPPED).changeDetected(ROWS_WITH_TIME)
			.memberDayFingerprint("'l' || coalesce(start_time::text, '') || ':' || coalesce(end_time::text, '') || ':' "
					+ "|| coalesce(duration_minutes::text, '') || ':' || coalesce(project_id::text, '') || ':' "
					+ "|| coalesce(task_id::text, '') || ':' || coalesce(method, '') || ':' "
					+ "|| md5(coalesce(activity_description, ''))")
			.into(REPORT_TIMELINE, Mappers.perUser("entries", (user, entry, row, partition) -> {
				row.put("date", partition.key());
				row.set("user_total_minutes", user.path("total_minutes"));
				row.set("user_activity_level", user.path("activity_level"));
				row.put("grain_key", Mappers.key(user.path("user_id"), entry.path("start_time")));
			})).personal(NAME, "firstname", "lastname").personal(FREE_TEXT, "activity_description")
			.personal(MONITORING, "activity_level", "user_activity_level").about("user_id"));
		add(stream("time_entries", "/time-entries").partitioned(USER_DAY).pageSize(50).hintedBy(TRACKER_STOPPED)
			.changeDetected(ROWS_WITH_TIME).into(TIME_ENTRIES)
			.personal(FREE_TEXT, "activity_description").about("user_id"));
		// leaves before attendance: a leave approved, moved or deleted turns a day "On leave" or back.
		// A leave longer than a month is still updated by every read that returns it, but only a
		// read of its start month inserts or deletes it
		add(stream("leaves", "/leaves").partitioned(MONTH).rowsSpanUpTo(31).into(LEAVES, RowMapper.item((leave, row) -> {
			if (!row.hasNonNull("created_at")) {
				row.set("created_at", leave.path("created_on")); // the API names it created_on
			}
		}), "start_date").untyped("total", "created_on") // the parsed amounts; a display date beside created_at
			.personal(FREE_TEXT, "note", "reject_reason").about("user_id"));
		// attendance lists absent members too: every day has rows, time or not
		add(report("report_attendance", "/reports/daily-attendance", DAY).hintedBy(TRACKER_STOPPED)
			.changeDetected(ALWAYS_ROWS).alsoChangesWith("leaves")
			.into(REPORT_ATTENDANCE, Mappers.onDay()).personal(NAME, "firstname", "lastname").about("user_id"));
		// workflow facts by month; a pay period is at most a month
		add(stream("timesheets", "/timesheets").partitioned(MONTH).rowsSpanUpTo(31)
			.into(TIMESHEETS, RowMapper.item(), "date_from").untyped("daily_breakdown", "member") // the member's name, email
			.personal(FREE_TEXT, "reject_reason").personalInRaw(NAME, "member.firstname", "member.lastname")
			.personalInRaw(EMAIL, "member.email").about("user_id")
			.into(TIMESHEET_DAYS, Mappers.timesheetDays(), "date"));
		add(stream("time_requests", "/time-requests").partitioned(MONTH).into(TIME_REQUESTS).personal(FREE_TEXT, "notes", "comment")
			.about("user_id"));
		add(stream("expenses", "/expenses").partitioned(MONTH).into(EXPENSES).personal(NAME, "member").personal(FREE_TEXT, "note")
			.aboutByName("member"));
		add(stream("leave_balances", "/leaves/balances").partitioned(SNAPSHOT_DAY)
			.into(LEAVE_BALANCES, Mappers.leaveBalances()).personal(NAME, "user_name").about("user_id"));
		// who is tracking now: one call per member, so only when SYNC_STREAMS names it; read last, the freshest. No
		// tracker running is no row (the partition's row gets _deleted_at)
		add(stream("tracker_status", "/time-tracking/current-data").partitioned(MEMBER).optIn()
			.hintedBy(TRACKER_STARTED, TRACKER_STOPPED).into(TRACKER_STATUS)
			.personal(FREE_TEXT, "activity_description").about("user_id"));
		checkOrder();
	}

	/** Reports: date-addressed, ranges as start_date/end_date, one-date ones as date. */
	private static StreamDef.Builder report(String name, String path, Partitioning partitioning) {
		return stream(name, path).partitioned(partitioning).rangeParams("start_date", "end_date");
	}

	private void add(StreamDef.Builder builder) {
		StreamDef def = builder.build();
		if (streams.putIfAbsent(def.name(), def) != null) {
			throw new IllegalStateException("stream declared twice: " + def.name());
		}
	}

	/**
	 * Every stream is read after the streams its partitions change with: those it names, and for change-detected
	 * streams of days or member-days the sources of the member-day fingerprints (a source's own earlier read is part of
	 * its next fingerprint, so it is not its own source).
	 */
	private void checkOrder() {
		List<String> order = List.copyOf(streams.keySet());
		for (StreamDef def : streams.values()) {
			List<String> sources = new ArrayList<>(def.alsoChangesWith());
			if (def.changeDetection().enabled() && def.partitioning() != Partitioning.PROJECT) {
				memberDaySources().forEach(source -> sources.add(source.name()));
			}
			sources.remove(def.name());
			for (String source : sources) {
				if (!streams.containsKey(source) || order.indexOf(source) > order.indexOf(def.name())) {
					throw new IllegalStateException("stream " + def.name() + " changes with " + source
							+ ", which must be declared (and so read) before it");
				}
			}
		}
	}

	/** The reports whose rows make the member-day fingerprints, in reading order. */
	public List<StreamDef> memberDaySources() {
		return streams.values().stream().filter(s -> s.memberDayPart() != null).toList();
	}

	/** One more declaration, checked as the catalog's own are (for tests of the checks). */
	Catalog with(StreamDef.Builder builder) {
		add(builder);
		checkOrder();
		return this;
	}

	public List<StreamDef> all() {
		return List.copyOf(streams.values());
	}

	public StreamDef get(String name) {
		StreamDef def = streams.get(name);
		if (def == null) {
			throw new IllegalArgumentException("unknown stream " + name);
		}
		return def;
	}

	public boolean contains(String name) {
		return streams.containsKey(name);
	}

	/** The streams read only where the reports say something changed, in read order. */
	public List<StreamDef> changeDetected() {
		return streams.values().stream().filter(s -> s.changeDetection().enabled()).toList();
	}

	public List<String> names() {
		return List.copyOf(streams.keySet());
	}
}
