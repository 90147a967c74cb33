package com.webworksync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.sandbox.OAuthServer;

/** A harness whose default connection authenticates with OAuth2 at the sandbox's token endpoint. */
public final class OAuthHarness {

	/** A fresh WEBWORK_CREDENTIALS_KEY per JVM, as `openssl rand -base64 32` would print it. */
	public static final String KEY = newKey();

	private OAuthHarness() {
	}

	public static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	/** OAuth with the refresh token {@code refreshToken} (empty: client credentials). */
	public static SyncHarness start(String refreshToken) {
		SyncHarness harness = SyncHarness.start(SyncHarness.fastOptions().withHistoryDays(10))
			.with("sync.lookback-days", 2);
		return configure(harness, refreshToken);
	}

	public static SyncHarness configure(SyncHarness harness, String refreshToken) {
		return harness.with("webwork.api.token", "")
			.with("webwork.oauth.client-id", OAuthServer.CLIENT_ID)
			.with("webwork.oauth.client-secret", OAuthServer.CLIENT_SECRET)
			.with("webwork.oauth.refresh-token", refreshToken)
			.with("webwork.oauth.token-url", harness.sandbox().tokenUrl())
			.with("webwork.credentials-key", KEY);
	}

	/** The row of sync.credentials, decrypted with {@link #KEY} (null: none). */
	public static StoredCredential stored(SyncHarness harness) {
		return new CredentialStore(new org.postgresql.ds.PGSimpleDataSource() {
			{
				setUrl(harness.databaseUrl());
				setUser(String.valueOf(harness.properties().get("warehouse.username")));
				setPassword(String.valueOf(harness.properties().get("warehouse.password")));
			}
		}, CredentialsKey.parse(KEY)).read("default");
	}

	/** Pretends the stored access token has expired (15 days went by), so the next run must exchange. */
	public static void expireAccessToken(SyncHarness harness) throws Exception {
		try (Connection c = TestWarehouse.connect(harness.databaseUrl()); Statement s = c.createStatement()) {
			s.execute("update sync.credentials set access_token_expires_at = now() - interval '1 minute', "
					+ "updated_at = now() - interval '15 days'");
		}
	}

	/** Every row of every table, as text: what a dump of the database would show. */
	public static String dump(String databaseUrl) throws Exception {
		StringBuilder out = new StringBuilder();
		try (Connection c = TestWarehouse.connect(databaseUrl); Statement s = c.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = s.executeQuery("select quote_ident(table_schema) || '.' || quote_ident(table_name) "
					+ "from information_schema.tables where table_type = 'BASE TABLE' "
					+ "and table_schema not in ('pg_catalog', 'information_schema')")) {
				while (rows.next()) {
					tables.add(rows.getString(1));
				}
			}
			for (String table : tables) {
				try (ResultSet rows = s.executeQuery("select t::text from " + table + " t")) {
					while (rows.next()) {
						out.append(table).append(' ').append(rows.getString(1)).append('\n');
					}
				}
			}
		}
		return out.toString();
	}

	/** No token, secret or key in the output, in sync.runs, or anywhere in the database in plain text. */
	public static void assertNoSecret(String output, SyncHarness harness, List<String> tokens) throws Exception {
		List<String> secrets = new ArrayList<>(tokens);
		secrets.add(OAuthServer.CLIENT_SECRET);
		secrets.add(OAuthHarness.KEY);
		String dump = OAuthHarness.dump(harness.databaseUrl());
		assertThat(dump).as("the dump has the credentials row").contains("refresh_token");
		for (String secret : secrets) {
			assertThat(secret).isNotBlank();
			assertThat(output).as("output").doesNotContain(secret);
			assertThat(dump).as("database dump").doesNotContain(secret);
		}
	}
}
