package com.webworksync.hooks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.webworksync.auth.CredentialsKey;
import com.webworksync.auth.WebhookSecrets;
import com.webworksync.auth.WebhookSecrets.Subscription;
import com.webworksync.client.ApiPage;
import com.webworksync.client.WebWorkClient;
import com.webworksync.config.Settings;
import com.webworksync.connections.Connections;
import com.webworksync.warehouse.WarehouseQueries;

/**
 * Keeps, for every workspace a run syncs, exactly one webhook of ours: at WEBWORK_WEBHOOK_URL/&lt;connection&gt;, with
 * the events the enabled streams need ({@link HintEvents}). Ours are the one whose id we stored and any other at our
 * URL (a POST retried after a lost answer); every other webhook is someone else's and never touched. Drift is
 * repaired: ours deleted at WebWork is created again, its URL or events edited back. Without WEBWORK_WEBHOOK_URL it
 * does nothing.
 */
@Component
public class Subscriptions {

	private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What one upkeep did, per workspace ("connection/workspace: what"), and how many workspaces had each outcome. */
	public record Upkeep(List<String> actions, Map<String, Long> byOutcome) {

		Upkeep() {
			this(new ArrayList<>(), new TreeMap<>());
		}

		void add(String connection, long workspaceId, Outcome outcome) {
			actions.add(connection + "/" + workspaceId + ": " + outcome.said());
			byOutcome.merge(outcome.name(), 1L, Long::sum);
		}
	}

	/** One workspace's upkeep: its name in the metric (unchanged, created, repaired, removed) and what the log says. */
	record Outcome(String name, String said) {

		static final Outcome UNCHANGED = new Outcome("unchanged", "unchanged");
	}

	private final WebhookSettings settings;

	private final Settings sync;

	private final Connections connections;

	private final DataSource dataSource;

	private final Clock clock;

	private final WarehouseQueries warehouse;

	public Subscriptions(Environment environment, Settings sync, Connections connections, DataSource dataSource,
			Clock clock, WarehouseQueries warehouse) {
		this.settings = WebhookSettings.from(environment);
		this.sync = sync;
		this.connections = connections;
		this.dataSource = dataSource;
		this.clock = clock;
		this.warehouse = warehouse;
	}

	/** After a run: one webhook of ours per synced workspace of this process's connections. */
	public Upkeep keep() {
		Upkeep upkeep = new Upkeep();
		if (!settings.subscribing()) {
			return upkeep;
		}
		List<String> events = HintEvents.needed(sync.streams());
		WebhookSecrets secrets = secrets();
		for (WarehouseQueries.WorkspaceInfo workspace : warehouse.workspaces()) {
			if (connections.isActive(workspace.connection())) {
				Outcome outcome = keep(workspace.connection(), workspace.id(), events, secrets);
				upkeep.add(workspace.connection(), workspace.id(), outcome);
				if (outcome != Outcome.UNCHANGED) {
					log.info("webhook of workspace {} (connection {}): {}", workspace.id(), workspace.connection(),
							outcome.said());
				}
			}
		}
		return upkeep;
	}

	/** receive --unsubscribe: deletes ours in every workspace of this process's connections, and forgets them. */
	public Upkeep unsubscribe() {
		Upkeep upkeep = new Upkeep();
		WebhookSecrets secrets = secrets();
		for (String connection : connections.names()) {
			for (Subscription stored : secrets.of(connection)) {
				for (JsonNode hook : ours(connection, stored.workspaceId(), stored)) {
					delete(connection, stored.workspaceId(), hook.path("id").asString());
				}
				secrets.remove(connection, stored.workspaceId());
				upkeep.add(connection, stored.workspaceId(), new Outcome("removed", "removed"));
			}
		}
		return upkeep;
	}

	private Outcome keep(String connection, long workspaceId, List<String> events, WebhookSecrets secrets) {
		Subscription stored = secrets.of(connection)
			.stream()
			.filter(s -> s.workspaceId() == workspaceId)
			.findFirst()
			.orElse(null);
		List<JsonNode> ours = ours(connection, workspaceId, stored);
		JsonNode kept = stored == null ? null
				: ours.stream().filter(h -> h.path("id").asString().equals(stored.webhookId())).findFirst().orElse(null);
		for (JsonNode extra : ours) {
			if (extra != kept) {
				delete(connection, workspaceId, extra.path("id").asString()); // a second one of ours: deliveries twice
			}
		}
		if (events.isEmpty()) {
			if (kept != null) {
				delete(connection, workspaceId, stored.webhookId());
			}
			if (stored != null) {
				secrets.remove(connection, workspaceId);
			}
			return kept == null ? new Outcome("none_needed", "none needed")
					: new Outcome("removed", "removed (no enabled stream needs one)");
		}
		String url = settings.urlOf(connection);
		if (kept == null) {
			create(connection, workspaceId, url, events, secrets);
			return new Outcome("created", stored == null ? "created" : "created again (it was deleted at WebWork)");
		}
		if (!url.equals(kept.path("url").asString()) || !Set.copyOf(events).equals(eventsOf(kept))) {
			client(connection).write("PUT", "/webhooks/" + stored.webhookId(), Map.of(),
					body(workspaceId, url, events));
			secrets.save(new Subscription(connection, workspaceId, stored.webhookId(), url, events, stored.secret()));
			return new Outcome("repaired", "repaired (its URL or events had changed)");
		}
		secrets.checked(connection, workspaceId);
		return Outcome.UNCHANGED;
	}

	private void create(String connection, long workspaceId, String url, List<String> events, WebhookSecrets secrets) {
		JsonNode created = client(connection).write("POST", "/webhooks", Map.of(), body(workspaceId, url, events));
		String secret = created.path("token").asString("");
		if (secret.isEmpty()) {
			throw new IllegalStateException("POST /webhooks returned no token for workspace " + workspaceId);
		}
		// kept (encrypted) at once: deliveries signed with it may arrive before this run ends
		secrets.save(new Subscription(connection, workspaceId, created.path("id").asString(), url, events, secret));
	}

	/** Ours among the workspace's webhooks: the stored id, or our URL. */
	private List<JsonNode> ours(String connection, long workspaceId, Subscription stored) {
		String url = settings.subscribing() ? settings.urlOf(connection) : null;
		List<JsonNode> ours = new ArrayList<>();
		WebWorkClient client = client(connection);
		for (int page = 1;; page++) {
			ApiPage answer = client.page("/webhooks", Map.of("workspace_id", Long.toString(workspaceId)), page, 50);
			for (JsonNode hook : answer.items()) {
				boolean storedId = stored != null && hook.path("id").asString().equals(stored.webhookId());
				if (storedId || hook.path("url").asString().equals(url)) {
					ours.add(hook);
				}
			}
			if (answer.last()) {
				return ours;
			}
		}
	}

	private void delete(String connection, long workspaceId, String webhookId) {
		client(connection).write("DELETE", "/webhooks/" + webhookId,
				Map.of("workspace_id", Long.toString(workspaceId)), body(workspaceId, null, List.of()));
	}

	private static Set<String> eventsOf(JsonNode hook) {
		Set<String> events = new LinkedHashSet<>();
		hook.path("events").forEach(e -> events.add(e.asString()));
		return events;
	}

	private static String body(long workspaceId, String url, List<String> events) {
		ObjectNode body = JSON.createObjectNode();
		body.put("workspace_id", workspaceId);
		if (url != null) {
			body.put("url", url);
			events.forEach(body.putArray("events")::add);
		}
		return JSON.writeValueAsString(body);
	}

	private WebWorkClient client(String connection) {
		return connections.client(connection);
	}

	private WebhookSecrets secrets() {
		return new WebhookSecrets(dataSource, CredentialsKey.of(sync.credentialsKey()), clock);
	}
}
