package com.webworksync.streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jooq.Table;

/**
 * A stream is data: the endpoint, how it is partitioned and the tables its items
 * land in. The first table is the stream's main table; the others are children taken from
 * arrays inside the same items. Adding an endpoint = one declaration in {@link Catalog}, one
 * migration, one mapper.
 *
 * @param pageSize the largest page the endpoint allows (always ask for it: 100, and 50 for /time-entries)
 * @param optional a 404 disables the stream for the run instead of failing it (the endpoints the documentation does not show: leave policies, expense categories, activity descriptions)
 * @param fromParam/toParam names of the date-range parameters of date partitions
 * @param horizonDays how far back the API serves the stream (0 = no limit): the timeline refuses
 *        dates older than a year, so the planner never asks for them
 * @param changeDetection whether the planner reads only partitions the cheap reports say changed
 * @param alsoChangesWith streams besides the time reports whose rows change this one's partitions
 *        (attendance says "On leave" from the leaves): they are read before it, and their rows
 *        are part of its partitions' fingerprints
 * @param memberDayPart for the reports whose rows make the member-day fingerprints: what one row of the stream's
 *        first table adds to its member-day's fingerprint, as SQL over that table's columns (null: not a source).
 *        Changing it changes every stored fingerprint, so the planner re-reads what those days hold once
 * @param rowSpanDays for month partitions whose rows span days (a timesheet's pay period, a
 *        leave): the longest span relied on. A read of a month returns every row overlapping it,
 *        but a row belongs to the month it starts in, so the planner also reads the months where
 *        rows overlapping its window may start: that many days before the window.
 * @param hintedBy the WebWork webhook events that announce a change of this stream's rows: a run subscribes to those
 *        of the enabled streams, and a hint run re-reads what they name (docs/guide/webhooks.md)
 * @param optIn read only when SYNC_STREAMS names it: "all" (the default) leaves it out ({@link #selectedBy})
 */
public record StreamDef(String name, String path, Partitioning partitioning, int pageSize,
		boolean optional, String fromParam, String toParam, int horizonDays, ChangeDetection changeDetection,
		List<TableMapping> tables, String memberDayPart, int rowSpanDays, List<String> alsoChangesWith,
		List<String> hintedBy, boolean optIn) {

	/** In SYNC_STREAMS (and a refresh's --streams): every stream but the opt-in ones; with other names, those too. */
	public static final String ALL = "all";

	/** How old a dimension's last success may be by default: a daily read is enough for lists that change slowly. */
	public static final Duration DIMENSION_GOAL = Duration.ofHours(26);
	/** How old a fact's or report's last success may be by default: an hourly schedule with a run's time to spare. */
	public static final Duration FACT_GOAL = Duration.ofHours(2);

	public StreamDef {
		tables = List.copyOf(tables);
		alsoChangesWith = List.copyOf(alsoChangesWith);
		hintedBy = List.copyOf(hintedBy);
		if (!alsoChangesWith.isEmpty() && !changeDetection.enabled()) {
			throw new IllegalArgumentException("stream " + name + ": alsoChangesWith needs change detection");
		}
		if (tables.isEmpty()) {
			throw new IllegalArgumentException("stream " + name + " has no table");
		}
		boolean spanning = tables.stream().anyMatch(t -> t.ownerDate() != null);
		if (spanning != (rowSpanDays > 0) || (spanning && partitioning != Partitioning.MONTH)) {
			throw new IllegalArgumentException("stream " + name + ": a table with an owner date needs month partitions "
					+ "and rowsSpanUpTo(days), and rowsSpanUpTo needs a table with an owner date");
		}
	}

	/**
	 * Whether a list of stream names (SYNC_STREAMS, a refresh's --streams, a run's streams) reads this stream: the one
	 * statement of the rule. Named, it is read; with no name or {@link #ALL} among them, every stream but the opt-in
	 * ones is read ({@code all,tracker_status}: all of them).
	 */
	public boolean selectedBy(Set<String> names) {
		return names.contains(name) || (!optIn && (names.isEmpty() || names.contains(ALL)));
	}

	/** The default freshness goal (SYNC_FRESHNESS_GOALS overrides it): dimensions are read whole, facts by date. */
	public Duration defaultFreshnessGoal() {
		return dimension() ? DIMENSION_GOAL : FACT_GOAL;
	}

	/** A dimension is read whole (the workspace list, a workspace's members, a project's tasks); facts by date. */
	public boolean dimension() {
		return switch (partitioning) {
			case GLOBAL, WORKSPACE, PROJECT -> true;
			default -> false;
		};
	}

	public static Builder stream(String name, String path) {
		return new Builder(name, path);
	}

	public static final class Builder {
		private final String name;
		private final String path;
		private Partitioning partitioning = Partitioning.WORKSPACE;
		private int pageSize = 100;
		private boolean optional;
		private String fromParam = "date_from";
		private String toParam = "date_to";
		private int horizonDays;
		private ChangeDetection changeDetection = ChangeDetection.NONE;
		private final List<TableMapping> tables = new ArrayList<>();
		private String memberDayPart;
		private int rowSpanDays;
		private final List<String> alsoChangesWith = new ArrayList<>();
		private final List<String> hintedBy = new ArrayList<>();
		private boolean optIn;

		private Builder(String name, String path) {
			this.name = name;
			this.path = path;
		}

		public Builder partitioned(Partitioning partitioning) {
			this.partitioning = partitioning;
			return this;
		}

		public Builder pageSize(int pageSize) {
			this.pageSize = pageSize;
			return this;
		}

		public Builder optional() {
			this.optional = true;
			return this;
		}

		/** Read only when SYNC_STREAMS names it (see {@link StreamDef#optIn()}). */
		public Builder optIn() {
			this.optIn = true;
			return this;
		}

		public Builder rangeParams(String from, String to) {
			this.fromParam = from;
			this.toParam = to;
			return this;
		}

		/**
		 * Read a partition only when the window reports changed for it (or to re-verify it), and say what a
		 * partition never read holds: {@link ChangeDetection#ROWS_WITH_TIME} (nothing on a day without tracked
		 * time, so it is skipped) or {@link ChangeDetection#ALWAYS_ROWS} (rows even then: attendance lists absent
		 * members, tasks exist without time, so it is read).
		 */
		public Builder changeDetected(ChangeDetection mode) {
			if (mode == ChangeDetection.NONE) {
				throw new IllegalArgumentException(name + ": changeDetected(NONE) is the default; leave it out");
			}
			this.changeDetection = mode;
			return this;
		}

		public Builder horizonDays(int days) {
			this.horizonDays = days;
			return this;
		}

		public Builder into(Table<?> table, RowMapper mapper) {
			tables.add(new TableMapping(table, mapper, null));
			return this;
		}

		/** A table whose rows span days: the month of {@code ownerDate} owns each row. */
		public Builder into(Table<?> table, RowMapper mapper, String ownerDate) {
			tables.add(new TableMapping(table, mapper, ownerDate));
			return this;
		}

		/** Fields of the items that the table declared last has no column for on purpose (see {@link TableMapping}). */
		public Builder untyped(String... fields) {
			int last = tables.size() - 1;
			tables.set(last, tables.get(last).withUntyped(Set.of(fields)));
			return this;
		}

		/** Typed columns of the table declared last that hold personal values, also in raw under the same names. */
		public Builder personal(PersonalKind kind, String... columns) {
			return withLast(last -> last.withPersonal(Arrays.stream(columns).map(c -> PersonalField.column(kind, c)).toList()));
		}

		/** Personal values kept in raw only (no column), at these paths ({@code member.email}, {@code assignees[].email}). */
		public Builder personalInRaw(PersonalKind kind, String... paths) {
			return withLast(last -> last.withPersonal(Arrays.stream(paths).map(p -> PersonalField.rawOnly(kind, p)).toList()));
		}

		/** The table declared last has a key column built from a personal value (see {@link DerivedKey}). */
		public Builder derivedKey(String column, String digested, String... parts) {
			return withLast(last -> last.withDerivedKey(new DerivedKey(column, digested, List.of(parts))));
		}

		/** The rows of the table declared last are about the member whose id is in {@code column} (for erasures). */
		public Builder about(String column) {
			return withLast(last -> last.withSubject(new TableMapping.Subject(column, false)));
		}

		/** The rows of the table declared last name their member by full name only, in {@code column}. */
		public Builder aboutByName(String column) {
			return withLast(last -> last.withSubject(new TableMapping.Subject(column, true)));
		}

		private Builder withLast(UnaryOperator<TableMapping> change) {
			int last = tables.size() - 1;
			tables.set(last, change.apply(tables.get(last)));
			return this;
		}

		/** The partitions also change with that stream's rows (see {@link StreamDef#alsoChangesWith()}). */
		public Builder alsoChangesWith(String stream) {
			this.alsoChangesWith.add(stream);
			return this;
		}

		/** Its rows are part of the member-day fingerprints (see {@link StreamDef#memberDayPart()}). */
		public Builder memberDayFingerprint(String part) {
			this.memberDayPart = part;
			return this;
		}

		/** WebWork announces changes of its rows with these webhook events (see {@link StreamDef#hintedBy()}). */
		public Builder hintedBy(String... events) {
			this.hintedBy.addAll(List.of(events));
			return this;
		}

		/** Rows span up to {@code days} days (see {@link StreamDef#rowSpanDays()}). */
		public Builder rowsSpanUpTo(int days) {
			this.rowSpanDays = days;
			return this;
		}

		public Builder into(Table<?> table) {
			return into(table, RowMapper.item());
		}

		public StreamDef build() {
			return new StreamDef(name, path, partitioning, pageSize, optional, fromParam, toParam, horizonDays,
					changeDetection, tables, memberDayPart, rowSpanDays, alsoChangesWith, hintedBy, optIn);
		}
	}
}
