package com.webworksync.auth;

import static com.webworksync.schema.sync.Tables.WEBHOOK_SUBSCRIPTIONS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * {@code sync.webhook_subscriptions}: our webhook per workspace and connection, its {@code whsec_} secret encrypted
 * with WEBWORK_CREDENTIALS_KEY like the OAuth tokens (bound to its connection and workspace, so a ciphertext copied to
 * another row does not decrypt). Each write commits at once, on a database connection of its own: a secret must be
 * kept the moment POST /webhooks returns it, whatever the run does next.
 */
public final class WebhookSecrets {

	/** Our subscription; {@code secret} is the plain {@code whsec_} text, never shown by {@link #toString()}. */
	public record Subscription(String connection, long workspaceId, String webhookId, String url, List<String> events,
			String secret) {

		public Subscription {
			events = List.copyOf(events);
		}

		@Override
		public String toString() {
			return "Subscription[" + connection + "/" + workspaceId + " " + webhookId + " " + url + " " + events
					+ ", secret=(hidden)]";
		}
	}

	private final DataSource dataSource;

	private final CredentialsKey key;

	private final Clock clock;

	public WebhookSecrets(DataSource dataSource, CredentialsKey key, Clock clock) {
		this.dataSource = dataSource;
		this.key = key;
		this.clock = clock;
	}

	/** Keeps (or replaces) the workspace's subscription and commits. */
	public void save(Subscription s) {
		var now = clock.instant().atOffset(ZoneOffset.UTC);
		Map<Field<?>, Object> values = new LinkedHashMap<>();
		values.put(WEBHOOK_SUBSCRIPTIONS.WEBHOOK_ID, s.webhookId());
		values.put(WEBHOOK_SUBSCRIPTIONS.URL, s.url());
		values.put(WEBHOOK_SUBSCRIPTIONS.EVENTS, String.join(",", s.events()));
		values.put(WEBHOOK_SUBSCRIPTIONS.SECRET, key.encrypt(s.secret(), s.connection(), column(s.workspaceId())));
		values.put(WEBHOOK_SUBSCRIPTIONS.CREATED_AT, now);
		values.put(WEBHOOK_SUBSCRIPTIONS.CHECKED_AT, now);
		work("written", ctx -> ctx.insertInto(WEBHOOK_SUBSCRIPTIONS)
			.set(WEBHOOK_SUBSCRIPTIONS.CONNECTION, s.connection())
			.set(WEBHOOK_SUBSCRIPTIONS.WORKSPACE_ID, s.workspaceId())
			.set(values)
			.onConflict(WEBHOOK_SUBSCRIPTIONS.CONNECTION, WEBHOOK_SUBSCRIPTIONS.WORKSPACE_ID)
			.doUpdate()
			.set(values)
			.execute());
	}

	/** A run found the subscription as it should be (url and events unchanged). */
	public void checked(String connection, long workspaceId) {
		work("written", ctx -> ctx.update(WEBHOOK_SUBSCRIPTIONS)
			.set(WEBHOOK_SUBSCRIPTIONS.CHECKED_AT, clock.instant().atOffset(ZoneOffset.UTC))
			.where(WEBHOOK_SUBSCRIPTIONS.CONNECTION.eq(connection))
			.and(WEBHOOK_SUBSCRIPTIONS.WORKSPACE_ID.eq(workspaceId))
			.execute());
	}

	public void remove(String connection, long workspaceId) {
		work("written", ctx -> ctx.deleteFrom(WEBHOOK_SUBSCRIPTIONS)
			.where(WEBHOOK_SUBSCRIPTIONS.CONNECTION.eq(connection))
			.and(WEBHOOK_SUBSCRIPTIONS.WORKSPACE_ID.eq(workspaceId))
			.execute());
	}

	/** The connection's subscriptions with their secrets decrypted, by workspace. */
	public List<Subscription> of(String connection) {
		return work("read", ctx -> ctx.selectFrom(WEBHOOK_SUBSCRIPTIONS)
			.where(WEBHOOK_SUBSCRIPTIONS.CONNECTION.eq(connection))
			.orderBy(WEBHOOK_SUBSCRIPTIONS.WORKSPACE_ID)
			.fetch(this::subscription));
	}

	private Subscription subscription(Record row) {
		String connection = row.get(WEBHOOK_SUBSCRIPTIONS.CONNECTION);
		long workspace = row.get(WEBHOOK_SUBSCRIPTIONS.WORKSPACE_ID);
		String events = row.get(WEBHOOK_SUBSCRIPTIONS.EVENTS);
		return new Subscription(connection, workspace, row.get(WEBHOOK_SUBSCRIPTIONS.WEBHOOK_ID),
				row.get(WEBHOOK_SUBSCRIPTIONS.URL), events.isEmpty() ? List.of() : Arrays.asList(events.split(",")),
				key.decrypt(row.get(WEBHOOK_SUBSCRIPTIONS.SECRET), connection, column(workspace)));
	}

	private static String column(long workspaceId) {
		return "webhook_secret/" + workspaceId;
	}

	private interface Work<T> {
		T run(DSLContext ctx);
	}

	private <T> T work(String verb, Work<T> work) {
		try (Connection jdbc = dataSource.getConnection()) {
			return work.run(DSL.using(jdbc, SQLDialect.POSTGRES));
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("sync.webhook_subscriptions could not be " + verb, ex);
		}
	}
}
