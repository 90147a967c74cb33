package com.webworksync.privacy;

import java.util.Set;

/** The people erased in a workspace (sync.erasures), as a run sees them. */
@FunctionalInterface
public interface Erased {

	Erased NOBODY = (workspaceId, runId) -> Set.of();

	/** The person ids erased in the workspace, as of the run's start. */
	Set<Long> in(long workspaceId, long runId);
}
