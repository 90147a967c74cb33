package com.webworksync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.postgresql.ds.PGSimpleDataSource;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.auth.CredentialsKey;

/**
 * A sandbox, a warehouse and a real receiver on it, wired as in production: the warehouse migrated, the receiver
 * started, WEBWORK_WEBHOOK_URL and WEBWORK_CREDENTIALS_KEY set, and a first sync run (which subscribes).
 */
record HookedSync(SyncHarness harness, Receiver receiver, long workspace) implements AutoCloseable {

	static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	static HookedSync start() {
		return start(Map.of());
	}

	/** With {@code settings} (properties) set before the first run. */
	static HookedSync start(Map<String, String> settings) {
		SyncHarness harness = SyncHarness.start(SyncHarness.fastOptions());
		settings.forEach(harness::with);
		assertThat(harness.main("status")).as("the warehouse migrated before the receiver starts").isZero();
		Receiver receiver = Receiver.create(Set.of("default"), dataSource(harness), CredentialsKey.parse(KEY),
				Clock.systemUTC(), new WebhookSettings(null, 0, null)).start();
		harness.with("webwork.webhook-url", "http://127.0.0.1:" + receiver.port() + "/webhooks")
			.with("webwork.credentials-key", KEY);
		assertThat(harness.main("sync")).as("the first sync, which subscribes").isZero();
		return new HookedSync(harness, receiver, harness.sandbox().data().workspaceIds().get(0));
	}

	static PGSimpleDataSource dataSource(SyncHarness harness) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(harness.databaseUrl());
		dataSource.setUser(TestWarehouse.username());
		dataSource.setPassword(TestWarehouse.password());
		return dataSource;
	}

	@Override
	public void close() {
		receiver.close();
		harness.close();
	}
}
