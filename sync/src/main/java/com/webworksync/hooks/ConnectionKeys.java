package com.webworksync.hooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.webworksync.auth.WebhookSecrets;
import com.webworksync.signing.Signature;
import com.webworksync.warehouse.WarehouseQueries;

/**
 * The signing keys of each configured connection (one per workspace, decrypted from sync.webhook_subscriptions) and
 * the owners' zones, read again every {@link #FRESH}, or after {@link #RECHECK} when no key verified a delivery (a
 * subscription a run has just made): a flood of forged deliveries costs one database read a second at most.
 */
final class ConnectionKeys {

	static final Duration FRESH = Duration.ofSeconds(10);

	/** A key that does not verify may be new: read again if the keys are older than this (once a second at most). */
	static final Duration RECHECK = Duration.ofSeconds(1);

	record Loaded(List<DeliveryCheck.WorkspaceKey> keys, Map<Long, ZoneId> zones, Instant at) {
	}

	private final Set<String> connections;

	private final WebhookSecrets secrets;

	private final WarehouseQueries warehouse;

	private final Clock clock;

	private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

	ConnectionKeys(Set<String> connections, WebhookSecrets secrets, WarehouseQueries warehouse, Clock clock) {
		this.connections = Set.copyOf(connections);
		this.secrets = secrets;
		this.warehouse = warehouse;
		this.clock = clock;
	}

	boolean known(String connection) {
		return connections.contains(connection);
	}

	Loaded of(String connection) {
		Instant now = clock.instant();
		return cache.compute(connection, (name, loaded) -> loaded != null && loaded.at().plus(FRESH).isAfter(now)
				? loaded : load(name, now));
	}

	/** The keys read again unless they are younger than {@link #RECHECK}; the same keys otherwise. */
	Loaded recheck(String connection) {
		Instant now = clock.instant();
		return cache.compute(connection, (name, loaded) -> loaded != null && loaded.at().plus(RECHECK).isAfter(now)
				? loaded : load(name, now));
	}

	ZoneId zone(String connection, long workspaceId) {
		return of(connection).zones().getOrDefault(workspaceId, ZoneOffset.UTC);
	}

	private Loaded load(String connection, Instant now) {
		List<DeliveryCheck.WorkspaceKey> keys = secrets.of(connection)
			.stream()
			.map(s -> new DeliveryCheck.WorkspaceKey(s.workspaceId(), Signature.key(s.secret())))
			.toList();
		Map<Long, ZoneId> zones = warehouse.workspaces()
			.stream()
			.collect(Collectors.toMap(WarehouseQueries.WorkspaceInfo::id, WarehouseQueries.WorkspaceInfo::zone));
		return new Loaded(keys, zones, now);
	}
}
