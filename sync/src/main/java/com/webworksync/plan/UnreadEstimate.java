package com.webworksync.plan;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import com.webworksync.client.ApiPage;
import com.webworksync.client.WebWorkClient;
import com.webworksync.connections.Connections;
import com.webworksync.connections.SyncRoles;
import com.webworksync.config.Settings;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.ChangeDetection;
import com.webworksync.streams.Partitioning;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.WarehouseQueries;
import com.webworksync.warehouse.WarehouseQueries.WorkspaceInfo;

import tools.jackson.databind.JsonNode;

/**
 * What {@code plan} cannot see in the warehouse, estimated: the member-days and days of days whose reports no run has
 * read yet (a backfill, a new workspace), at {@link RequestsPerDay#ASSUMED_TRACKING_SHARE}; and on a warehouse that
 * holds no workspace yet, the whole first sync, from a listing of the workspaces, members and projects (the only
 * requests {@code plan} ever sends).
 */
@Component
public class UnreadEstimate {

	/** Per stream the requests to add to the plan, and the requests the listing took (0: none was needed). */
	public record Result(Map<String, Long> requests, int listingRequests, int listedWorkspaces) {
	}

	/** A listed workspace: its members, those who track time, its projects. */
	record Listed(long id, int members, int tracking, int projects) {
	}

	private static final String MONTHS_READ = """
			select distinct partition_key from sync.partitions
			 where workspace_id = {0} and stream = {1} and partition_key ~ '^[0-9]{4}-[0-9]{2}$'""";

	private final DSLContext ctx;
	private final Catalog catalog;
	private final WarehouseQueries warehouse;
	private final Connections connections;

	public UnreadEstimate(DSLContext ctx, Catalog catalog, WarehouseQueries warehouse, Connections connections) {
		this.ctx = ctx;
		this.catalog = catalog;
		this.warehouse = warehouse;
		this.connections = connections;
	}

	public Result estimate(RunWindow window) {
		Map<String, Long> extra = new LinkedHashMap<>();
		List<WorkspaceInfo> known = warehouse.workspaces();
		if (known.isEmpty()) {
			List<Listed> listed = new ArrayList<>();
			int requests = list(listed);
			LocalDate today = window.runAt().atZone(ZoneOffset.UTC).toLocalDate();
			for (Listed workspace : listed) {
				for (StreamDef stream : catalog.all()) {
					if (window.includes(stream)) {
						extra.merge(stream.name(), firstSync(stream, workspace, window, today), Long::sum);
					}
				}
			}
			return new Result(extra, requests, listed.size());
		}
		// the reports' months no run has read: their member-days are planned from nothing, so none is counted
		StreamDef report = catalog.memberDaySources().stream()
			.filter(s -> s.partitioning() == Partitioning.MONTH)
			.findFirst()
			.orElseThrow();
		for (WorkspaceInfo workspace : known) {
			LocalDate today = window.runAt().atZone(workspace.zone()).toLocalDate();
			Set<String> read = new HashSet<>(ctx.fetch(MONTHS_READ, workspace.id(), report.name()).getValues(0, String.class));
			List<LocalDate> unread = PlanDays.days(window, workspace.id(), today)
				.stream()
				.filter(day -> !read.contains(YearMonth.from(day).toString()))
				.toList();
			if (unread.isEmpty()) {
				continue;
			}
			int tracking = warehouse.trackingMembers(workspace.id()).size();
			for (StreamDef stream : catalog.all()) {
				if (window.includes(stream) && stream.changeDetection() == ChangeDetection.ROWS_WITH_TIME
						&& stream.partitioning() != Partitioning.PROJECT) {
					long days = PlanDays.served(stream, today, unread).size();
					extra.merge(stream.name(), Math.round(days * RequestsPerDay.assumed(stream, tracking)), Long::sum);
				}
			}
		}
		return new Result(extra, 0, 0);
	}

	/** A stream's requests in the first sync of a listed workspace (the workspace list itself is planned already). */
	static long firstSync(StreamDef stream, Listed workspace, RunWindow window, LocalDate today) {
		return switch (stream.partitioning()) {
			case GLOBAL -> 0;
			case WORKSPACE -> stream.name().equals("members") ? pages(workspace.members(), stream.pageSize()) : 1;
			case PROJECT -> workspace.projects();
			case MEMBER -> workspace.tracking();
			case SNAPSHOT_DAY -> 1;
			case MONTH -> PlanDays.windowMonths(stream, window, workspace.id(), today).size();
			case DAY, USER_DAY -> Math.round(PlanDays.served(stream, today, PlanDays.days(window, workspace.id(), today))
				.size() * RequestsPerDay.assumed(stream, workspace.tracking()));
		};
	}

	/** Lists each connection's workspaces, then the members and projects of those it may sync; the requests it took. */
	private int list(List<Listed> listed) {
		int requests = 0;
		Set<Long> seen = new HashSet<>();
		for (String name : connections.names()) {
			WebWorkClient client = connections.client(name);
			Settings.Connection connection = connections.connection(name);
			List<JsonNode> workspaces = new ArrayList<>();
			requests += all(client, "/workspaces", Map.of(), workspaces);
			for (JsonNode workspace : workspaces) {
				long id = workspace.path("id").asLong();
				if (!connection.includes(id) || !SyncRoles.canSync(workspace.path("role").asString(null)) || !seen.add(id)) {
					continue;
				}
				List<JsonNode> members = new ArrayList<>();
				List<JsonNode> projects = new ArrayList<>();
				Map<String, String> params = Map.of("workspace_id", Long.toString(id));
				requests += all(client, "/members", params, members);
				requests += all(client, "/projects", params, projects);
				int tracking = (int) members.stream()
					.filter(m -> !"project viewer".equalsIgnoreCase(m.path("current_role").asString("")))
					.count();
				listed.add(new Listed(id, members.size(), tracking, projects.size()));
			}
		}
		return requests;
	}

	private static int all(WebWorkClient client, String path, Map<String, String> params, List<JsonNode> into) {
		int requests = 0;
		for (int page = 1;; page++) {
			ApiPage answer = client.page(path, params, page, 100);
			requests += answer.requests();
			into.addAll(answer.items());
			if (answer.last()) {
				return requests;
			}
		}
	}

	private static long pages(int items, int pageSize) {
		return Math.max(1, (items + pageSize - 1) / pageSize);
	}
}
