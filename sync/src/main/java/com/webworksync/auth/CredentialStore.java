package com.webworksync.auth;

import static com.webworksync.schema.sync.Tables.CREDENTIALS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import java.util.LinkedHashMap;
import org.jooq.Field;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * {@code sync.credentials}: reads and writes a connection's tokens, encrypted with
 * WEBWORK_CREDENTIALS_KEY, on a database connection of its own (never inside a chunk
 * transaction: a token must be committed the moment it is issued, whatever the run does next).
 */
public final class CredentialStore {

	/** The advisory-lock key space of credential exchanges (the two-int form: apart from the run locks). */
	private static final int LOCK_SPACE = 0x57574352; // "WWCR"

	private final DataSource dataSource;
	private final CredentialsKey key;

	public CredentialStore(DataSource dataSource, CredentialsKey key) {
		this.dataSource = dataSource;
		this.key = key;
	}

	/** What {@link #locked} writes (null: nothing) and returns. */
	record Outcome(StoredCredential write, String result) {
	}

	/**
	 * Runs {@code work} in one transaction holding the connection's exchange lock, with the row as
	 * it is once the lock is held; writes what it returns and commits before returning.
	 */
	String locked(String connection, Function<StoredCredential, Outcome> work) {
		try (Connection jdbc = dataSource.getConnection()) {
			boolean autoCommit = jdbc.getAutoCommit();
			jdbc.setAutoCommit(false);
			try {
				DSLContext ctx = DSL.using(jdbc, SQLDialect.POSTGRES);
				ctx.fetch("select pg_advisory_xact_lock(?, hashtext(?))", LOCK_SPACE, connection);
				Outcome outcome = work.apply(read(ctx, connection));
				if (outcome.write() != null) {
					write(ctx, outcome.write());
				}
				jdbc.commit();
				return outcome.result();
			}
			catch (RuntimeException ex) {
				jdbc.rollback();
				throw ex;
			}
			finally {
				jdbc.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException(
					"sync.credentials could not be read or written (connection '" + connection + "')", ex);
		}
	}

	public StoredCredential read(String connection) {
		try (Connection jdbc = dataSource.getConnection()) {
			return read(DSL.using(jdbc, SQLDialect.POSTGRES), connection);
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException(
					"sync.credentials could not be read (connection '" + connection + "')", ex);
		}
	}

	private StoredCredential read(DSLContext ctx, String connection) {
		Record row = ctx.selectFrom(CREDENTIALS).where(CREDENTIALS.CONNECTION.eq(connection)).fetchOne();
		if (row == null) {
			return null;
		}
		String refresh = row.get(CREDENTIALS.REFRESH_TOKEN);
		String access = row.get(CREDENTIALS.ACCESS_TOKEN);
		return new StoredCredential(connection, row.get(CREDENTIALS.GRANT_TYPE), row.get(CREDENTIALS.SEED_FINGERPRINT),
				refresh == null ? null : key.decrypt(refresh, connection, "refresh_token"),
				instant(row.get(CREDENTIALS.REFRESH_TOKEN_ISSUED_AT)), instant(row.get(CREDENTIALS.REFRESH_TOKEN_EXPIRES_AT)),
				access == null ? null : key.decrypt(access, connection, "access_token"),
				instant(row.get(CREDENTIALS.ACCESS_TOKEN_EXPIRES_AT)), row.get(CREDENTIALS.ROTATIONS),
				instant(row.get(CREDENTIALS.UPDATED_AT)));
	}

	private void write(DSLContext ctx, StoredCredential c) {
		var values = new LinkedHashMap<Field<?>, Object>();
		values.put(CREDENTIALS.GRANT_TYPE, c.grantType());
		values.put(CREDENTIALS.SEED_FINGERPRINT, c.seedFingerprint());
		values.put(CREDENTIALS.REFRESH_TOKEN,
				c.refreshToken() == null ? null : key.encrypt(c.refreshToken(), c.connection(), "refresh_token"));
		values.put(CREDENTIALS.REFRESH_TOKEN_ISSUED_AT, offset(c.refreshTokenIssuedAt()));
		values.put(CREDENTIALS.REFRESH_TOKEN_EXPIRES_AT, offset(c.refreshTokenExpiresAt()));
		values.put(CREDENTIALS.ACCESS_TOKEN,
				c.accessToken() == null ? null : key.encrypt(c.accessToken(), c.connection(), "access_token"));
		values.put(CREDENTIALS.ACCESS_TOKEN_EXPIRES_AT, offset(c.accessTokenExpiresAt()));
		values.put(CREDENTIALS.ROTATIONS, c.rotations());
		values.put(CREDENTIALS.UPDATED_AT, offset(c.updatedAt()));
		ctx.insertInto(CREDENTIALS)
			.set(CREDENTIALS.CONNECTION, c.connection())
			.set(values)
			.onConflict(CREDENTIALS.CONNECTION)
			.doUpdate()
			.set(values)
			.execute();
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	private static OffsetDateTime offset(Instant time) {
		return time == null ? null : time.atOffset(ZoneOffset.UTC);
	}
}
