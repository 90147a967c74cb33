package com.webworksync.connections;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.webworksync.client.WebWorkClient;
import com.webworksync.streams.Partition;
import com.webworksync.warehouse.WarehouseQueries;

import tools.jackson.databind.JsonNode;

/**
 * Which token reads a partition: a workspace list is read by its own connection, every other
 * partition by the connection that listed its workspace ({@code webwork.workspaces.connection}).
 * A workspace two connections can read belongs to the first of them by name; a pooled one ({@link Pools}) is read
 * by the first member of its pool still in it.
 */
@Component
public class ConnectionRouter {

	private static final Logger log = LoggerFactory.getLogger(ConnectionRouter.class);

	private final Connections connections;
	private final WarehouseQueries warehouse;
	private final Pools pools;
	private volatile Map<Long, String> owners = Map.of();

	public ConnectionRouter(Connections connections, WarehouseQueries warehouse, Pools pools) {
		this.connections = connections;
		this.warehouse = warehouse;
		this.pools = pools;
	}

	/** Re-reads which connection owns which workspace (each step does, after the workspace lists). */
	public void refresh() {
		owners = warehouse.workspaceConnections(false);
	}

	/** The connection that reads the partition, or null when no connection of this process owns it. */
	public String connectionOf(Partition partition) {
		if (partition.workspaceId() == 0) {
			return partition.connection();
		}
		if (pools.pooled(partition.workspaceId())) {
			List<String> members = pools.members(partition.workspaceId());
			return members.isEmpty() ? null : members.get(0);
		}
		String owner = owners.get(partition.workspaceId());
		if (owner == null) {
			refresh();
			owner = owners.get(partition.workspaceId());
		}
		return owner;
	}

	/** The client that reads the partition, or null when no connection of this process owns it. */
	public WebWorkClient client(Partition partition) {
		String connection = connectionOf(partition);
		return connection != null && connections.isActive(connection) ? connections.client(connection) : null;
	}

	/**
	 * The items of a connection's workspace list that the connection syncs: not those a configured
	 * connection earlier by name already holds (it syncs them, once).
	 */
	public List<JsonNode> claim(String connection, List<JsonNode> workspaces) {
		Map<Long, String> current = warehouse.workspaceConnections(true);
		var configured = connections.configured();
		List<JsonNode> mine = new ArrayList<>();
		for (JsonNode workspace : workspaces) {
			long id = workspace.path("id").asLong(0);
			pools.listed(connection, id, workspace.path("role").asString(null));
			if (pools.pooled(id) && !pools.configured().get(id).get(0).equals(connection)) {
				continue; // a pooled workspace's row is its first member's (by name), whichever pod lists it first
			}
			String owner = current.get(id);
			if (owner != null && !owner.equals(connection) && configured.contains(owner) && owner.compareTo(connection) < 0) {
				log.info("workspace {} is listed by connections '{}' and '{}': it is synced once, by '{}' (first by name)",
						id, owner, connection, owner);
				continue;
			}
			mine.add(workspace);
		}
		return mine;
	}
}
