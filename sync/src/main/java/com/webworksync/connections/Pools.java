package com.webworksync.connections;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.stereotype.Component;

import com.webworksync.config.Settings;

/**
 * Workspaces that several tokens read together. Connections whose workspace ids (WEBWORK_CONNECTIONS_&lt;i&gt;_WORKSPACE_IDS)
 * name the same workspace <em>pool</em> it: each keeps its own budget, and the workspace's partitions go to whichever
 * is free. A member that is not Owner or Executive Manager of the workspace, or whose token is rejected (401) during
 * the run, leaves the pool with one WARN line; the others carry on. The pools are fixed by the configuration (all
 * shards' connections), so every pod of an Indexed Job agrees on them; a pod works with its own members only.
 */
@Component
public class Pools {

	private static final Logger log = LoggerFactory.getLogger(Pools.class);

	/** Workspace id to the configured connections (every shard) that name it, by name; only those named twice or more. */
	private final Map<Long, List<String>> configured;
	private final Connections connections;
	/** Who is in which pool, this run: one per run (job-scoped), so a run starts with every member in. */
	private final Membership membership;

	/** One run's view of its pools; the threads of a run reach theirs (see {@link RunThreads#on}). */
	@Component
	@JobScope
	public static class Membership {

		/** (connection, workspace) to the role its token's workspace list gave, this run. */
		private final Map<String, String> roles = new ConcurrentHashMap<>();
		/** Connections out of every pool for the rest of the run (a rejected token), with why. */
		private final Map<String, String> rejected = new ConcurrentHashMap<>();
		/** "connection@workspace" out of one pool (not a manager there). */
		private final Set<String> outOf = ConcurrentHashMap.newKeySet();

		// reached through its job-scoped proxy: methods only, never the fields
		public Map<String, String> roles() {
			return roles;
		}

		public Map<String, String> rejected() {
			return rejected;
		}

		public Set<String> outOf() {
			return outOf;
		}
	}

	public Pools(Settings settings, Connections connections, Membership membership) {
		this.connections = connections;
		this.configured = configured(settings.connections());
		this.membership = membership;
	}

	/** The pools a configuration makes (see {@link Settings#pools()}). */
	public static Map<Long, List<String>> configured(List<Settings.Connection> all) {
		return Settings.pools(all);
	}

	/** True when the configuration pools any workspace: the run then works its plans as shared queues. */
	public boolean enabled() {
		return !configured.isEmpty();
	}

	public boolean pooled(long workspaceId) {
		return configured.containsKey(workspaceId);
	}

	/** Every pool as configured: workspace id to member names (all shards). */
	public Map<Long, List<String>> configured() {
		return configured;
	}

	/** What a connection's workspace list says its user is in a workspace. */
	public void listed(String connection, long workspaceId, String role) {
		membership.roles().put(connection + "@" + workspaceId, role == null ? "" : role);
	}

	/** The connection's own workspace list, this run, returned the workspace (whose row may be another member's). */
	public boolean listedBy(String connection, long workspaceId) {
		return RunThreads.inRun() && membership.roles().containsKey(connection + "@" + workspaceId);
	}

	/**
	 * The members of this process that read a pooled workspace now, by name: configured for it, synced by this process,
	 * not rejected, and Owner or Executive Manager as far as their workspace lists tell (one that is not leaves the pool
	 * here, with its WARN line). Empty for a workspace that is not pooled. Outside a run ({@code plan}) no list was
	 * read: every member this process syncs.
	 */
	public List<String> members(long workspaceId) {
		List<String> members = new ArrayList<>();
		for (String name : configured.getOrDefault(workspaceId, List.of())) {
			if (!connections.isActive(name)) {
				continue;
			}
			if (!RunThreads.inRun()) {
				members.add(name);
				continue;
			}
			if (membership.rejected().containsKey(name) || membership.outOf().contains(name + "@" + workspaceId)) {
				continue;
			}
			String role = membership.roles().get(name + "@" + workspaceId);
			if (!SyncRoles.canSync(role)) {
				leave(name, workspaceId, "its user is '" + role + "' there, and the API only serves " + SyncRoles.NAMES);
				continue;
			}
			members.add(name);
		}
		return members;
	}

	/** The connection leaves the pool of one workspace (a 403 there, or its role), with one WARN line. */
	public void leave(String connection, long workspaceId, String why) {
		if (membership.outOf().add(connection + "@" + workspaceId)) {
			log.warn("connection '{}' leaves the pool of workspace {} ({}): {}", connection, workspaceId,
					remaining(workspaceId), why);
		}
	}

	/** The connection's token was rejected (401): it leaves every pool for the rest of the run, with one WARN line. */
	public void reject(String connection, String why) {
		if (membership.rejected().putIfAbsent(connection, why) == null) {
			log.warn("connection '{}' leaves its pools for the rest of the run, the others carry on: {}", connection, why);
		}
	}

	public boolean rejected(String connection) {
		return membership.rejected().containsKey(connection);
	}

	private String remaining(long workspaceId) {
		List<String> left = members(workspaceId);
		return left.isEmpty() ? "no member of the pool is left" : "the pool carries on with " + String.join(", ", left);
	}
}
