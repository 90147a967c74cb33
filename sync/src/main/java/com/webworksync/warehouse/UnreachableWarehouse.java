package com.webworksync.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Once the pool has failed to open a connection to PostgreSQL (the server refused or never answered, not a pool that
 * is merely busy), every later request for a connection in this process fails at once with that same error. Without
 * it, a run whose database went away waits out the pool's connection timeout once per step, job repository update and
 * listener that still tries to write, minutes before it can say "cannot reach PostgreSQL"; none of those writes could
 * succeed, and the next run recovers what this one left.
 */
public final class UnreachableWarehouse extends DelegatingDataSource implements AutoCloseable {

	private volatile SQLException unreachable;

	public UnreachableWarehouse(DataSource pool) {
		super(pool);
	}

	@Override
	public Connection getConnection() throws SQLException {
		SQLException known = unreachable;
		if (known != null) {
			throw known;
		}
		try {
			return super.getConnection();
		}
		catch (SQLTransientConnectionException ex) {
			if (isUnreachable(ex)) {
				unreachable = ex;
			}
			throw ex;
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLException("the warehouse pool takes its login from its configuration");
	}

	/** Closes the pool (the context calls it when the command ends). */
	@Override
	public void close() throws Exception {
		if (getTargetDataSource() instanceof AutoCloseable pool) {
			pool.close();
		}
	}

	/**
	 * The pool's timeout carries the last failure to open a connection as its cause (state 08…: refused, reset, never
	 * answered); a timeout without one is a busy pool, which another wait may still serve.
	 */
	static boolean isUnreachable(SQLTransientConnectionException timeout) {
		return timeout.getCause() instanceof SQLException cause && cause.getSQLState() != null
				&& cause.getSQLState().startsWith("08");
	}
}
