package com.webworksync.plan;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.jooq.DSLContext;

import com.webworksync.streams.ChangeDetection;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.WarehouseQueries;

/**
 * What a day of history costs to read, per workspace: measured from the ledger (the pages of the date-addressed
 * partitions read for the window's days, months included), or, before anything was read, from a documented
 * assumption: one request per day stream, one per month stream per month, and per member-day stream one request
 * for each tracking member on {@link #ASSUMED_TRACKING_SHARE} of the days.
 */
final class RequestsPerDay {

	/** The share of member-days with time when nothing was read yet: a five-day week, most members tracking. */
	static final double ASSUMED_TRACKING_SHARE = 0.6;

	private static final String PAGES_SINCE = """
			select coalesce(sum(greatest(pages, 1)), 0) from sync.partitions
			 where workspace_id = {0} and stream = any({1})
			   and sync.partition_day(partition_key) between {2} and {3}""";

	private static final String FRESH_PAGES_OF_LAST_RUN = """
			select coalesce(sum(greatest(p.pages, 1)), 0) from sync.partitions p
			  join (select run_id, started_at from sync.runs where status = 'COMPLETED' and command not like 'refresh%'
			         order by run_id desc limit 1) r
			    on r.run_id = p.run_id
			 where sync.partition_day(p.partition_key) is null
			    or sync.partition_day(p.partition_key) >= (r.started_at at time zone 'UTC')::date - {0}""";

	/** Requests per day, and whether it is the assumption (nothing read yet) rather than a measurement. */
	record Estimate(double requests, boolean assumed) {
	}

	private final DSLContext ctx;
	private final WarehouseQueries warehouse;

	RequestsPerDay(DSLContext ctx, WarehouseQueries warehouse) {
		this.ctx = ctx;
		this.warehouse = warehouse;
	}

	Estimate of(long workspaceId, List<StreamDef> streams, LocalDate today, int lookbackDays) {
		// from the first of the window's first month (its month partitions are dated there) to yesterday
		LocalDate from = YearMonth.from(Coverage.windowStart(today, lookbackDays)).atDay(1);
		LocalDate to = today.minusDays(1);
		long days = to.toEpochDay() - from.toEpochDay() + 1;
		String[] names = streams.stream().map(StreamDef::name).toArray(String[]::new);
		long pages = days < 1 ? 0 : ctx.fetchOne(PAGES_SINCE, workspaceId, names, from, to).get(0, Long.class);
		if (pages > 0) {
			return new Estimate((double) pages / days, false);
		}
		return new Estimate(assumed(streams, warehouse.trackingMembers(workspaceId).size()), true);
	}

	/** Requests per day before anything was read (see the class comment). */
	static double assumed(List<StreamDef> streams, int trackingMembers) {
		return streams.stream().mapToDouble(stream -> assumed(stream, trackingMembers)).sum();
	}

	/** One stream's requests per day before anything was read: the one statement of the assumption. */
	static double assumed(StreamDef stream, int trackingMembers) {
		double withTime = stream.changeDetection() == ChangeDetection.ROWS_WITH_TIME ? ASSUMED_TRACKING_SHARE : 1;
		return switch (stream.partitioning()) {
			case DAY -> withTime;
			case MONTH -> 1 / 30.0;
			case USER_DAY -> trackingMembers * withTime;
			default -> 0;
		};
	}

	/** Requests of the last completed run that read the fresh part: the lists and the window's days. */
	long freshRequestsOfLastRun(int lookbackDays) {
		return ctx.fetchOne(FRESH_PAGES_OF_LAST_RUN, lookbackDays).get(0, Long.class);
	}
}
