package com.webworksync.notify;

import com.webworksync.client.ApiException;

/**
 * How a run ended, as the job's books say it: what the notifications of its end are made of.
 *
 * @param exitCode the run's exit code (0 done, 1 failed, 2 configuration or authorization, 3 stopped early)
 * @param message its one-line error (null when it succeeded)
 * @param failure the run's first failure, if an exception ended it
 * @param workspaceFailures whether workspaces were left out for what their token may read (role, membership)
 */
public record RunEnd(long runId, int exitCode, String message, Throwable failure, boolean workspaceFailures) {

	public static final String CONFIGURATION = "configuration";
	public static final String AUTHORIZATION = "authorization";
	public static final String TRANSIENT = "transient";

	public boolean failed() {
		return exitCode == 1 || exitCode == 2;
	}

	/**
	 * {@code authorization} for a token the API refused (401, 403) or workspaces it may not read,
	 * {@code configuration} for the rest of exit code 2, {@code transient} for exit code 1: worth the next run.
	 */
	public String errorClass() {
		if (exitCode != 2) {
			return TRANSIENT;
		}
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof ApiException.Unauthorized || t instanceof ApiException.Forbidden) {
				return AUTHORIZATION;
			}
		}
		return failure == null && workspaceFailures ? AUTHORIZATION : CONFIGURATION;
	}
}
