package com.webworksync.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.webworksync.connections.Connections;
import com.webworksync.config.Settings;
import com.webworksync.plan.ReadableWorkspaces;
import com.webworksync.plan.RunWindow;
import com.webworksync.warehouse.WarehouseQueries;
import com.webworksync.warehouse.WarehouseQueries.WorkspaceInfo;
import com.webworksync.connections.Pools;
import com.webworksync.connections.RunThreads;
import com.webworksync.connections.SyncRoles;
import java.util.LinkedHashSet;

/** Which workspaces this process may sync, checked against the tokens' roles, the pools and the shards. */
@Component
public class WorkspaceAccess implements ReadableWorkspaces {

	private static final Logger log = LoggerFactory.getLogger(WorkspaceAccess.class);

	private final WarehouseQueries warehouse;
	private final RunState runState;
	private final Connections connections;
	private final Pools pools;

	public WorkspaceAccess(WarehouseQueries warehouse, RunState runState, Connections connections, Pools pools) {
		this.warehouse = warehouse;
		this.runState = runState;
		this.connections = connections;
		this.pools = pools;
	}

	@Override
	public Set<Long> synced() {
		Set<Long> synced = new LinkedHashSet<>();
		for (WorkspaceInfo workspace : warehouse.workspaces()) {
			boolean ours = pools.pooled(workspace.id())
					? pools.configured().get(workspace.id()).stream().anyMatch(connections::isActive)
					: connections.isActive(workspace.connection())
							&& connections.connection(workspace.connection()).includes(workspace.id())
							&& SyncRoles.canSync(workspace.role());
			if (ours) {
				synced.add(workspace.id());
			}
		}
		return synced;
	}

	/**
	 * Workspaces to sync: those the connections of this process list (and their workspace ids
	 * select), of the window's workspaces when it names some (a refresh's); those where the token's role cannot read
	 * fail with a message, once.
	 */
	@Override
	public List<WorkspaceInfo> of(RunWindow window) {
		List<WorkspaceInfo> readable = new ArrayList<>();
		List<WorkspaceInfo> visible = warehouse.workspaces();
		for (String name : connections.names()) {
			Settings.Connection connection = connections.connection(name);
			String variable = name.equals(Settings.DEFAULT_CONNECTION) ? "in WEBWORK_WORKSPACE_IDS"
					: "in the workspace ids of connection '" + name + "'";
			for (long wanted : connection.workspaceIds()) {
				if (window.includesWorkspace(wanted) && visible.stream().noneMatch(w -> w.id() == wanted) && !pools.listedBy(name, wanted)) {
					fail(wanted, "workspace " + wanted + " (" + variable + ") is not among the workspaces this token can read. "
							+ "Check the id in GET /workspaces, or use a token of a member of that workspace.");
				}
			}
		}
		for (WorkspaceInfo workspace : visible) {
			if (!window.includesWorkspace(workspace.id())) {
				continue; // a refresh of another workspace: this one is neither read nor failed
			}
			if (pools.pooled(workspace.id())) {
				// read by every member of its pool this process syncs; each member's role was checked on its own list
				if (!pools.members(workspace.id()).isEmpty()) {
					readable.add(workspace);
				}
				else if (pools.configured().get(workspace.id()).stream().anyMatch(connections::isActive)) {
					fail(workspace.id(), "workspace " + workspace.id() + ": no connection of its pool ("
							+ String.join(", ", pools.configured().get(workspace.id()))
							+ ") can read it: each must be a token of its Owner or an Executive manager");
				}
				continue;
			}
			if (!connections.isActive(workspace.connection())
					|| !connections.connection(workspace.connection()).includes(workspace.id())) {
				continue; // another shard's, or not selected by its connection's workspace ids
			}
			if (!SyncRoles.canSync(workspace.role())) {
				fail(workspace.id(), "workspace " + workspace.id() + ": the token's user is '" + workspace.role()
						+ "', but the API only serves Owner or Executive manager. Use such a user's token, "
						+ "or leave the workspace out of WEBWORK_WORKSPACE_IDS.");
				continue;
			}
			readable.add(workspace);
		}
		return readable;
	}

	/**
	 * Fails the workspace for the rest of the run, with its line, once; {@code plan} explains a run outside of one,
	 * and only says the line.
	 */
	private void fail(long workspace, String message) {
		if (!RunThreads.inRun() || runState.fail(workspace, message)) {
			log.error(message);
		}
	}
}
