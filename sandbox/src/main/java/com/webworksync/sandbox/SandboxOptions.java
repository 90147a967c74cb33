package com.webworksync.sandbox;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that shapes a sandbox. The generated data is a pure function of these options
 * (and of the clock's date only when {@code today} is null).
 *
 * @param today null means "today in the owner's time zone" of each workspace, by {@code clock}
 * @param requestsPerMinute 0 means unlimited (and no rate-limit headers are sent)
 * @param ownerTimeZones workspace i uses element {@code i % size}
 * @param firstWorkspaceId the id of workspace 0 (default 5001); workspace i has id firstWorkspaceId + i
 * @param disabledPaths paths (without /api/v2) that answer 404, e.g. "/leaves/policies"
 */
public record SandboxOptions(long seed, int workspaces, int members, int projects, int historyDays,
		LocalDate today, int requestsPerMinute, String token, String callerRole, List<String> ownerTimeZones,
		boolean ratesVisible, int port, Set<String> disabledPaths, long firstWorkspaceId, Clock clock) {

	public SandboxOptions {
		if (workspaces < 1 || members < 1 || projects < 1 || historyDays < 1) {
			throw new IllegalArgumentException("workspaces, members, projects and historyDays must be >= 1");
		}
		if (requestsPerMinute < 0) {
			throw new IllegalArgumentException("requestsPerMinute must be >= 0");
		}
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(callerRole, "callerRole");
		ownerTimeZones = List.copyOf(ownerTimeZones);
		if (ownerTimeZones.isEmpty()) {
			throw new IllegalArgumentException("ownerTimeZones must not be empty");
		}
		disabledPaths = Set.copyOf(disabledPaths);
		Objects.requireNonNull(clock, "clock");
		if (firstWorkspaceId < 1) {
			throw new IllegalArgumentException("firstWorkspaceId must be >= 1");
		}
	}

	public static SandboxOptions defaults() {
		return new SandboxOptions(42, 1, 12, 5, 120, null, 60, "sandbox-token", "Owner",
				List.of("America/New_York"), true, 0, Set.of(), 5001, Clock.systemUTC());
	}

	public SandboxOptions withSeed(long v) {
		return new SandboxOptions(v, workspaces, members, projects, historyDays, today, requestsPerMinute, token,
				callerRole, ownerTimeZones, ratesVisible, port, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withWorkspaces(int v) {
		return new SandboxOptions(seed, v, members, projects, historyDays, today, requestsPerMinute, token,
				callerRole, ownerTimeZones, ratesVisible, port, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withMembers(int v) {
		return new SandboxOptions(seed, workspaces, v, projects, historyDays, today, requestsPerMinute, token,
				callerRole, ownerTimeZones, ratesVisible, port, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withProjects(int v) {
		return new SandboxOptions(seed, workspaces, members, v, historyDays, today, requestsPerMinute, token,
				callerRole, ownerTimeZones, ratesVisible, port, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withHistoryDays(int v) {
		return new SandboxOptions(seed, workspaces, members, projects, v, today, requestsPerMinute, token,
				callerRole, ownerTimeZones, ratesVisible, port, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withToday(LocalDate v) {
		return new SandboxOptions(seed, workspaces, members, projects, historyDays, v, requestsPerMinute, token,
				callerRole, ownerTimeZones, ratesVisible, port, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withRequestsPerMinute(int v) {
		return new SandboxOptions(seed, workspaces, members, projects, historyDays, today, v, token, callerRole,
				ownerTimeZones, ratesVisible, port, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withToken(String v) {
		return new SandboxOptions(seed, workspaces, members, projects, historyDays, today, requestsPerMinute, v,
				callerRole, ownerTimeZones, ratesVisible, port, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withCallerRole(String v) {
		return new SandboxOptions(seed, workspaces, members, projects, historyDays, today, requestsPerMinute, token,
				v, ownerTimeZones, ratesVisible, port, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withOwnerTimeZones(List<String> v) {
		return new SandboxOptions(seed, workspaces, members, projects, historyDays, today, requestsPerMinute, token,
				callerRole, v, ratesVisible, port, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withRatesVisible(boolean v) {
		return new SandboxOptions(seed, workspaces, members, projects, historyDays, today, requestsPerMinute, token,
				callerRole, ownerTimeZones, v, port, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withPort(int v) {
		return new SandboxOptions(seed, workspaces, members, projects, historyDays, today, requestsPerMinute, token,
				callerRole, ownerTimeZones, ratesVisible, v, disabledPaths, firstWorkspaceId, clock);
	}

	public SandboxOptions withDisabledPaths(Set<String> v) {
		return new SandboxOptions(seed, workspaces, members, projects, historyDays, today, requestsPerMinute, token,
				callerRole, ownerTimeZones, ratesVisible, port, v, firstWorkspaceId, clock);
	}

	/** Workspace ids are {@code v}, v+1, …: two sandboxes with different values serve different workspaces. */
	public SandboxOptions withFirstWorkspaceId(long v) {
		return new SandboxOptions(seed, workspaces, members, projects, historyDays, today, requestsPerMinute, token,
				callerRole, ownerTimeZones, ratesVisible, port, disabledPaths, v, clock);
	}

	/**
	 * The sandbox's "now": its today, the timestamps it writes, its rate-limit minute. Pin it (for
	 * example {@code Clock.offset(Clock.systemUTC(), …)}) together with the job's clock to run both
	 * on any day of the year.
	 */
	public SandboxOptions withClock(Clock v) {
		return new SandboxOptions(seed, workspaces, members, projects, historyDays, today, requestsPerMinute, token,
				callerRole, ownerTimeZones, ratesVisible, port, disabledPaths, firstWorkspaceId, v);
	}

}
