package com.webworksync.connections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.webworksync.auth.CredentialsKey;
import com.webworksync.config.Settings.Connection;
import com.webworksync.client.RequestBudget;
import com.webworksync.client.TokenSource;
import com.webworksync.client.WebWorkClient;
import com.webworksync.config.Settings;
import com.webworksync.auth.OAuthTokens;
import java.time.Clock;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * The connections this process syncs (its shard), each with its own {@link WebWorkClient} and
 * {@link RequestBudget}: the API's limit is per token, so is the budget.
 */
public final class Connections {

	private final Map<String, Connection> active = new LinkedHashMap<>();
	private final Map<String, WebWorkClient> clients = new LinkedHashMap<>();
	private final Map<String, OAuthTokens> oauth = new LinkedHashMap<>();
	private final Set<String> configured = new TreeSet<>();
	private final Settings.Shard shard;

	/** {@code dataSource}: the warehouse, where OAuth connections keep their tokens (sync.credentials). */
	public Connections(Settings settings, Clock clock, DataSource dataSource) {
		this.shard = settings.shard();
		settings.connections().forEach(c -> configured.add(c.name()));
		for (Connection connection : settings.activeConnections()) {
			active.put(connection.name(), connection);
			RequestBudget budget = new RequestBudget(settings.requestsPerMinute(), clock);
			if (connection.usesOAuth()) {
				if (dataSource == null) {
					throw new IllegalStateException("OAuth connections need the warehouse for their tokens");
				}
				var tokens = new OAuthTokens(connection, CredentialsKey.of(settings.credentialsKey()), dataSource, clock,
						settings.connectTimeout(), settings.readTimeout());
				oauth.put(connection.name(), tokens);
				clients.put(connection.name(), new WebWorkClient(settings.client(connection), budget, tokens));
			}
			else if (connection.name().equals(Settings.DEFAULT_CONNECTION)) {
				clients.put(connection.name(), new WebWorkClient(settings.client(connection), budget));
			}
			else {
				// a 401 names the connection and its variable, not WEBWORK_API_TOKEN
				clients.put(connection.name(), new WebWorkClient(settings.client(connection), budget,
						TokenSource.fixed(connection.token(), connection.name(), "WEBWORK_CONNECTIONS_<i>_TOKEN")));
			}
		}
	}

	/** The OAuth token source of a connection, or null when it uses a personal access token. */
	public OAuthTokens oauth(String name) {
		return oauth.get(name);
	}

	/** Names of this process's connections, sorted: the order their workspace lists are read. */
	public List<String> names() {
		return List.copyOf(active.keySet());
	}

	/** Every configured connection, all shards included. */
	public Set<String> configured() {
		return Set.copyOf(configured);
	}

	public boolean isActive(String name) {
		return active.containsKey(name);
	}

	public Connection connection(String name) {
		Connection connection = active.get(name);
		if (connection == null) {
			throw new IllegalArgumentException("connection '" + name + "' is not synced by this process");
		}
		return connection;
	}

	/** The API addresses answered in an earlier successful run: failing to reach them now is an outage, not a mistake. */
	public void answeredInEarlierRuns() {
		clients.values().forEach(WebWorkClient::answeredInEarlierRuns);
	}

	public WebWorkClient client(String name) {
		WebWorkClient client = clients.get(name);
		if (client == null) {
			throw new IllegalArgumentException("connection '" + name + "' is not synced by this process");
		}
		return client;
	}

	/** Every client of this process, in connection name order (e.g. to observe their requests). */
	public Collection<WebWorkClient> clients() {
		return List.copyOf(clients.values());
	}

	public Settings.Shard shard() {
		return shard;
	}

	/** Requests sent by all clients so far. */
	public long requests() {
		return clients.values().stream().mapToLong(WebWorkClient::requests).sum();
	}

	public long retries() {
		return clients.values().stream().mapToLong(WebWorkClient::retries).sum();
	}

	/** Rate-limit waits of all budgets so far. */
	public long waits() {
		return clients.values().stream().mapToLong(c -> c.budget().waits()).sum();
	}

	@Override
	public String toString() {
		return "Connections[" + String.join(", ", active.keySet()) + " of shard " + shard + "]";
	}
}
