package com.webworksync.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * What one run has learned that changes the rest of it: workspaces that failed on permissions
 * (skipped from then on, exit code 2), and optional streams the server does not offer.
 */
@Component
public class RunState {

	private final Map<Long, String> failedWorkspaces = new LinkedHashMap<>();
	private final Set<String> disabledStreams = ConcurrentHashMap.newKeySet();

	public synchronized void reset() {
		failedWorkspaces.clear();
		disabledStreams.clear();
	}

	/** Returns true the first time a workspace fails. */
	public synchronized boolean fail(long workspaceId, String message) {
		return failedWorkspaces.putIfAbsent(workspaceId, message) == null;
	}

	public synchronized boolean failed(long workspaceId) {
		return failedWorkspaces.containsKey(workspaceId);
	}

	public synchronized String failure(long workspaceId) {
		return failedWorkspaces.get(workspaceId);
	}

	public synchronized Map<Long, String> failures() {
		return Map.copyOf(failedWorkspaces);
	}

	/** True the first time: the caller says why, once. */
	public boolean disable(String stream) {
		return disabledStreams.add(stream);
	}

	public boolean disabled(String stream) {
		return disabledStreams.contains(stream);
	}

	public Set<String> disabledStreams() {
		return Set.copyOf(disabledStreams);
	}
}
