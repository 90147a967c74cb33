package com.webworksync.plan;

import java.util.List;

import com.webworksync.warehouse.WarehouseQueries.WorkspaceInfo;

/**
 * The workspaces a run plans: which ones its connections may read is the job's decision (roles,
 * pools, shards, failing a workspace with a message), not the planner's, which only plans them.
 */
@FunctionalInterface
public interface ReadableWorkspaces {

	List<WorkspaceInfo> of(RunWindow window);
}
