package com.webworksync.plan;

import java.util.List;
import java.util.Set;

import com.webworksync.warehouse.WarehouseQueries.WorkspaceInfo;

/**
 * The workspaces a run plans: which ones its connections may read is the job's decision (roles,
 * pools, shards, failing a workspace with a message), not the planner's, which only plans them.
 */
public interface ReadableWorkspaces {

	/** The workspaces the run plans; those its connections may not read fail, with one message each. */
	List<WorkspaceInfo> of(RunWindow window);

	/**
	 * The ids of the workspaces this process syncs, as far as the warehouse knows them, failing none: what the
	 * history sweep re-checks and the reconciliation compares (another shard's workspaces are not this run's).
	 */
	Set<Long> synced();
}
