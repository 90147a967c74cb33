package com.webworksync.streams;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One unit of reading and of bookkeeping: a stream's rows for one workspace and one key
 * ({@code all}, {@code project:7}, {@code 2026-01}, {@code 2026-01-31}, {@code 104@2026-01-31}).
 * Its pages are read in order; when the last one is written the partition closes in the ledger.
 *
 * @param workspaceId 0 for the workspace list itself
 * @param params query parameters of every page request, workspace_id included
 */
public record Partition(long workspaceId, String key, Map<String, String> params) {

	public Partition {
		params = Map.copyOf(params);
	}

	public static Partition of(long workspaceId, String key, String... keyValues) {
		Map<String, String> params = new LinkedHashMap<>();
		if (workspaceId != 0) {
			params.put("workspace_id", Long.toString(workspaceId));
		}
		for (int i = 0; i < keyValues.length; i += 2) {
			params.put(keyValues[i], keyValues[i + 1]);
		}
		return new Partition(workspaceId, key, params);
	}

	/**
	 * The workspace list of one connection (workspace 0): key {@code all} for the default
	 * connection, as it always was, {@code connection:acme} for the others. Its key scopes the
	 * list's soft deletes, so one connection's run never marks another's workspaces deleted.
	 */
	public static Partition workspaceList(String connection) {
		return of(0, DEFAULT_CONNECTION.equals(connection) ? "all" : CONNECTION_PREFIX + connection);
	}

	/** The connection of a workspace-list partition (workspace 0); null for other partitions. */
	public String connection() {
		if (workspaceId != 0) {
			return null;
		}
		return key.startsWith(CONNECTION_PREFIX) ? key.substring(CONNECTION_PREFIX.length()) : DEFAULT_CONNECTION;
	}

	/** WEBWORK_API_TOKEN's connection; its workspace list is the partition 'all'. */
	public static final String DEFAULT_CONNECTION = "default";
	private static final String CONNECTION_PREFIX = "connection:";

	/** Query string form, in a stable order, for the plan table. */
	public String paramsText() {
		StringBuilder text = new StringBuilder();
		params.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
			if (!text.isEmpty()) {
				text.append('&');
			}
			text.append(e.getKey()).append('=').append(e.getValue());
		});
		return text.toString();
	}

	public static Partition parse(long workspaceId, String key, String paramsText) {
		Map<String, String> params = new LinkedHashMap<>();
		if (!paramsText.isEmpty()) {
			for (String pair : paramsText.split("&")) {
				int eq = pair.indexOf('=');
				params.put(pair.substring(0, eq), pair.substring(eq + 1));
			}
		}
		return new Partition(workspaceId, key, params);
	}
}
