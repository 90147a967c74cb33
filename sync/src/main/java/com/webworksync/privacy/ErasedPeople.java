package com.webworksync.privacy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * sync.erasures, read once per run (an erase runs under the warehouse lock, so never during a run): the write path
 * asks it for every page, and an erased person's fields are scrubbed whatever the policy.
 */
@Component
public class ErasedPeople implements Erased {

	private final DSLContext ctx;
	private long loadedFor = Long.MIN_VALUE;
	private Map<Long, Set<Long>> byWorkspace = Map.of();

	public ErasedPeople(DSLContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public synchronized Set<Long> in(long workspaceId, long runId) {
		if (runId != loadedFor) {
			Map<Long, Set<Long>> loaded = new HashMap<>();
			ctx.fetch("select workspace_id, person_id from sync.erasures")
				.forEach(r -> loaded.computeIfAbsent(r.get(0, Long.class), ws -> new HashSet<>()).add(r.get(1, Long.class)));
			byWorkspace = loaded;
			loadedFor = runId;
		}
		return byWorkspace.getOrDefault(workspaceId, Set.of());
	}
}
