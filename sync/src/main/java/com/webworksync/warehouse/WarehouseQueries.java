package com.webworksync.warehouse;

import static com.webworksync.schema.webwork.Tables.MEMBERS;
import static com.webworksync.schema.webwork.Tables.PROJECTS;
import static com.webworksync.schema.webwork.Tables.WORKSPACES;
import static com.webworksync.schema.sync.Tables.RUNS;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import java.util.Map;
import org.jooq.impl.DSL;

/** What the planner needs to know from rows the run has already synced. */
@Component
public class WarehouseQueries {

	private final DSLContext ctx;

	public WarehouseQueries(DSLContext ctx) {
		this.ctx = ctx;
	}

	/**
	 * A live workspace, the token's role in it, the owner's zone (its calendar: a report's `date` is the owner's day) and the
	 * connection whose token lists it.
	 */
	public record WorkspaceInfo(long id, String role, ZoneId zone, String connection) {
	}

	/** Whether any run completed against this warehouse: the API address answered then. */
	public boolean anyRunCompleted() {
		return ctx.fetchExists(ctx.selectOne().from(RUNS).where(RUNS.STATUS.eq("COMPLETED")));
	}

	public List<WorkspaceInfo> workspaces() {
		var owner = MEMBERS.as("owner");
		return ctx.select(WORKSPACES.WORKSPACE_ID, WORKSPACES.ROLE, owner.TIMEZONE, WORKSPACES.CONNECTION)
			.from(WORKSPACES)
			.leftJoin(owner)
			.on(owner.WORKSPACE_ID.eq(WORKSPACES.WORKSPACE_ID).and(owner.ID.eq(WORKSPACES.OWNER_ID)))
			.where(WORKSPACES._DELETED_AT.isNull())
			.orderBy(WORKSPACES.WORKSPACE_ID)
			.fetch(r -> new WorkspaceInfo(r.value1(), r.value2(), zone(r.value3()), r.value4()));
	}

	/** The connection of every workspace (live ones only, or those marked deleted too). */
	public Map<Long, String> workspaceConnections(boolean liveOnly) {
		return ctx.select(WORKSPACES.WORKSPACE_ID, WORKSPACES.CONNECTION)
			.from(WORKSPACES)
			.where(liveOnly ? WORKSPACES._DELETED_AT.isNull() : DSL.trueCondition())
			.fetchMap(WORKSPACES.WORKSPACE_ID, WORKSPACES.CONNECTION);
	}

	public List<Long> projects(long workspaceId) {
		return ctx.select(PROJECTS.ID)
			.from(PROJECTS)
			.where(PROJECTS.WORKSPACE_ID.eq(workspaceId))
			.and(PROJECTS._DELETED_AT.isNull())
			.orderBy(PROJECTS.ID)
			.fetch(PROJECTS.ID);
	}

	/** Members who can have time: every status (inactive and left too), never project viewers. */
	public List<Long> trackingMembers(long workspaceId) {
		return ctx.select(MEMBERS.ID)
			.from(MEMBERS)
			.where(MEMBERS.WORKSPACE_ID.eq(workspaceId))
			.and(MEMBERS._DELETED_AT.isNull())
			.and(MEMBERS.CURRENT_ROLE.isNull().or(MEMBERS.CURRENT_ROLE.notEqualIgnoreCase("Project viewer")))
			.orderBy(MEMBERS.ID)
			.fetch(MEMBERS.ID);
	}

	private static ZoneId zone(String name) {
		if (name == null || name.isBlank()) {
			return ZoneOffset.UTC;
		}
		try {
			return ZoneId.of(name);
		}
		catch (DateTimeException ex) {
			return ZoneOffset.UTC;
		}
	}
}
