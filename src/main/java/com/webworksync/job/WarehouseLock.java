package com.webworksync.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock held for the whole run on a connection of its own: a
 * second run against the same warehouse sees it taken and exits at once, touching nothing. The
 * lock dies with the session, so a crashed run never blocks the next one.
 */
public final class WarehouseLock implements AutoCloseable {

	/** "webwork-sync" as a 64-bit key. */
	private static final long KEY = 0x7765627763796e63L;

	private final Connection connection;

	private WarehouseLock(Connection connection) {
		this.connection = connection;
	}

	/** The lock, or null when another run holds it. */
	public static WarehouseLock tryAcquire(DataSource dataSource) throws SQLException {
		Connection connection = dataSource.getConnection();
		try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
			statement.setLong(1, KEY);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				if (result.getBoolean(1)) {
					return new WarehouseLock(connection);
				}
			}
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		connection.close();
		return null;
	}

	@Override
	public void close() throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
			statement.setLong(1, KEY);
			statement.execute();
		}
		finally {
			connection.close();
		}
	}
}
