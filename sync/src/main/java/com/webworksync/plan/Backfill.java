package com.webworksync.plan;

import static com.webworksync.schema.sync.Tables.STREAMS;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import com.webworksync.config.Settings;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partitioning;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.WarehouseQueries;
import com.webworksync.warehouse.WarehouseQueries.WorkspaceInfo;

/**
 * The start date (SYNC_START_DATE): each run without {@code --from} backfills a chunk of every workspace's history
 * just before what its date-addressed streams hold, freshest first, sized to fit the run's time at its rate
 * ({@link Coverage} does the arithmetic); a completed stream records what it holds in {@code sync.streams}. Chosen
 * when a run starts and kept in its job parameters, like the history sweep, so a restarted run reads the same days.
 */
@Component
public class Backfill {

	/** A run's time when SYNC_DEADLINE is not set: an hourly schedule's, with room for the fresh window. */
	public static final Duration ASSUMED_RUN_TIME = Duration.ofMinutes(50);
	/** The share of the run's time the plan fills: the rest absorbs waits, retries and a change-heavy hour. */
	static final double FILL = 0.8;

	private final DSLContext ctx;
	private final Catalog catalog;
	private final Settings settings;
	private final WarehouseQueries warehouse;
	private final ReadableWorkspaces readable;
	private final RequestsPerDay perDay;

	public Backfill(DSLContext ctx, Catalog catalog, Settings settings, WarehouseQueries warehouse,
			ReadableWorkspaces readable) {
		this.ctx = ctx;
		this.catalog = catalog;
		this.settings = settings;
		this.warehouse = warehouse;
		this.readable = readable;
		this.perDay = new RequestsPerDay(ctx, warehouse);
	}

	/** One workspace's backfill: what its streams hold, the chunk this run reads, and what is left. */
	public record Workspace(long workspaceId, LocalDate startDate, LocalDate heldFrom, DayRange chunk, long daysLeft,
			double requestsPerDay, boolean assumed) {

		public long requestsLeft() {
			return (long) Math.ceil(daysLeft * requestsPerDay);
		}

		/** Runs the rest takes at this run's chunk size. */
		public long runsLeft() {
			return chunk == null ? 0 : (daysLeft + chunk.days() - 1) / chunk.days();
		}
	}

	/** The date-addressed streams a run reads: what a start date is about. */
	public List<StreamDef> dateStreams(RunWindow window) {
		return catalog.all()
			.stream()
			.filter(s -> window.includes(s))
			.filter(s -> s.partitioning() == Partitioning.DAY || s.partitioning() == Partitioning.USER_DAY
					|| s.partitioning() == Partitioning.MONTH)
			.toList();
	}

	/** Every synced workspace with a start date, and the chunk of its history a run at {@code window} reads. */
	public List<Workspace> plan(RunWindow window) {
		List<StreamDef> streams = dateStreams(window);
		List<WorkspaceInfo> workspaces = new ArrayList<>();
		for (WorkspaceInfo workspace : warehouse.workspaces()) {
			if (readable.synced().contains(workspace.id()) && settings.startDate(workspace.id()) != null) {
				workspaces.add(workspace);
			}
		}
		if (streams.isEmpty() || workspaces.isEmpty()) {
			return List.of();
		}
		// the run's requests, less what its fresh part took last time, shared among the workspaces
		Duration time = settings.deadline() == null ? ASSUMED_RUN_TIME : settings.deadline();
		double budget = FILL * time.toSeconds() / 60.0 * requestsPerMinute();
		double share = Math.max(0, budget - perDay.freshRequestsOfLastRun(window.lookbackDays())) / workspaces.size();
		List<Workspace> plan = new ArrayList<>();
		for (WorkspaceInfo workspace : workspaces) {
			LocalDate today = window.runAt().atZone(workspace.zone()).toLocalDate();
			LocalDate start = settings.startDate(workspace.id());
			List<Coverage.Stream> held = held(workspace.id(), streams);
			RequestsPerDay.Estimate cost = perDay.of(workspace.id(), streams, today, window.lookbackDays());
			DayRange all = Coverage.chunk(start, today, window.lookbackDays(), held, 1_000_000);
			long daysLeft = all == null ? 0 : all.days();
			DayRange chunk = Coverage.chunk(start, today, window.lookbackDays(), held,
					(long) Math.floor(share / Math.max(0.01, cost.requests())));
			LocalDate heldFrom = held.stream()
				.map(s -> s.heldFrom(Coverage.windowStart(today, window.lookbackDays())))
				.max(LocalDate::compareTo)
				.orElse(null);
			plan.add(new Workspace(workspace.id(), start, heldFrom, chunk, daysLeft, cost.requests(), cost.assumed()));
		}
		return plan;
	}

	/** The rate the backfill is read at: every token of this process. */
	private long requestsPerMinute() {
		return (long) settings.requestsPerMinute() * Math.max(1, settings.activeConnections().size());
	}

	/** How long the backfill left takes at the rate, waits and the fresh windows of the runs aside. */
	public Duration eta(Workspace workspace) {
		return Duration.ofMillis(workspace.requestsLeft() * 60_000L / requestsPerMinute());
	}

	/** The chunks of a run's window, per workspace. */
	public Map<Long, DayRange> chunks(RunWindow window) {
		Map<Long, DayRange> chunks = new LinkedHashMap<>();
		for (Workspace workspace : plan(window)) {
			if (workspace.chunk() != null) {
				chunks.put(workspace.workspaceId(), workspace.chunk());
			}
		}
		return chunks;
	}

	private List<Coverage.Stream> held(long workspaceId, List<StreamDef> streams) {
		Map<String, DayRange> held = new LinkedHashMap<>();
		ctx.select(STREAMS.STREAM, STREAMS.SYNCED_FROM, STREAMS.READ_THROUGH)
			.from(STREAMS)
			.where(STREAMS.WORKSPACE_ID.eq(workspaceId))
			.and(STREAMS.SYNCED_FROM.isNotNull())
			.and(STREAMS.READ_THROUGH.isNotNull())
			.forEach(r -> {
				if (!r.value3().isBefore(r.value2())) {
					held.put(r.value1(), new DayRange(r.value2(), r.value3()));
				}
			});
		return streams.stream().map(s -> new Coverage.Stream(s.name(), held.get(s.name()), s.horizonDays())).toList();
	}

	/**
	 * After a run completed a stream in a workspace: what the stream holds now ({@code sync.streams}, whose row the
	 * caller has written), and the start date it is to reach.
	 */
	public void completed(String streamName, long workspaceId, RunWindow window) {
		if (!catalog.contains(streamName) || !dateStreams(window).contains(catalog.get(streamName))) {
			return;
		}
		StreamDef stream = catalog.get(streamName);
		LocalDate today = window.runAt().atZone(zone(workspaceId)).toLocalDate();
		var row = ctx.select(STREAMS.SYNCED_FROM, STREAMS.READ_THROUGH)
			.from(STREAMS)
			.where(STREAMS.STREAM.eq(streamName))
			.and(STREAMS.WORKSPACE_ID.eq(workspaceId))
			.fetchOne();
		DayRange before = row == null || row.value1() == null || row.value2() == null || row.value2().isBefore(row.value1())
				? null : new DayRange(row.value1(), row.value2());
		DayRange backfill = window.backfillFrom() == null ? null
				: new DayRange(window.backfillFrom(), window.backfillTo() == null || window.backfillTo().isAfter(today)
						? today : window.backfillTo());
		Coverage.Stream held = new Coverage.Stream(streamName, before, stream.horizonDays());
		DayRange after = Coverage.after(held, today, window.lookbackDays(), window.history(workspaceId), backfill);
		LocalDate start = settings.startDate(workspaceId);
		ctx.update(STREAMS)
			.set(STREAMS.SYNCED_FROM, after.from())
			.set(STREAMS.READ_THROUGH, after.to())
			.set(STREAMS.HISTORY_START, start == null ? null : held.goal(start, today))
			.where(STREAMS.STREAM.eq(streamName))
			.and(STREAMS.WORKSPACE_ID.eq(workspaceId))
			.execute();
	}

	private ZoneId zone(long workspaceId) {
		return warehouse.workspaces()
			.stream()
			.filter(w -> w.id() == workspaceId)
			.map(WorkspaceInfo::zone)
			.findFirst()
			.orElse(ZoneOffset.UTC);
	}
}
