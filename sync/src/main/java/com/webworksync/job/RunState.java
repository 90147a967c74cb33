package com.webworksync.job;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.stereotype.Component;

/**
 * What one run has learned that changes the rest of it: workspaces that failed on permissions
 * (skipped from then on, exit code 2), and optional streams the server does not offer. Job-scoped: each run
 * (JobExecution) gets a new one, so nothing has to be reset and nothing carries over into the next run.
 * The workers of a stream use it from their own threads, which {@code RunThreads.on} binds to the run.
 */
@Component
@JobScope
public class RunState {

	/** Where the run's counters stood when it started: its totals at the end are the difference. */
	record Start(long requests, long waits, long retries, OffsetDateTime at) {
	}

	/** What the run left out, kept past the end of its scope for the summary ({@link RunLeftovers}). */
	record Left(long runId, Map<Long, String> failures, Set<String> disabledStreams, String stopReason) {
	}

	private final Map<Long, String> failedWorkspaces = new LinkedHashMap<>();
	private final Set<String> disabledStreams = ConcurrentHashMap.newKeySet();
	private volatile Start start;

	void started(Start start) {
		this.start = start;
	}

	Start start() {
		return start;
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
