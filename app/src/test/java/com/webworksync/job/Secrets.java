package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import com.webworksync.TestWarehouse;

/**
 * The reliability suites' secrets: an API token and a database password that are random per JVM,
 * with one assertion that neither shows up in captured output nor in {@code sync.runs.error_message}.
 */
final class Secrets {

	static final String TOKEN = "rel-tok-SECRET-" + UUID.randomUUID();
	static final String PASSWORD = "rel-pw-SECRET-" + UUID.randomUUID();
	static final String ROLE = "reliability_user";

	private static boolean roleReady;

	private Secrets() {
	}

	/** The login role whose password is {@link #PASSWORD} (created once per JVM, checked by PostgreSQL). */
	static synchronized String role() {
		if (!roleReady) {
			TestWarehouse.loginRole(ROLE, PASSWORD);
			roleReady = true;
		}
		return ROLE;
	}

	/** Neither secret (nor any fragment marked SECRET) in {@code text}. */
	static void assertNoneIn(String what, String text) {
		assertThat(text).as(what + " holds the API token").doesNotContain(TOKEN);
		assertThat(text).as(what + " holds the database password").doesNotContain(PASSWORD);
		assertThat(text).as(what + " holds a secret").doesNotContain("SECRET-");
	}

	/** Neither secret in the output, nor in any error message of {@code sync.runs} (when the table exists). */
	static void assertNone(String output, String databaseUrl) throws SQLException {
		assertNoneIn("output", output);
		try (Connection connection = TestWarehouse.connect(databaseUrl); Statement statement = connection.createStatement()) {
			try (ResultSet exists = statement.executeQuery("select to_regclass('sync.runs') is not null")) {
				exists.next();
				if (!exists.getBoolean(1)) {
					return;
				}
			}
			try (ResultSet messages = statement
				.executeQuery("select coalesce(string_agg(error_message, E'\\n'), '') from sync.runs")) {
				messages.next();
				assertNoneIn("sync.runs.error_message", messages.getString(1));
			}
		}
	}
}
