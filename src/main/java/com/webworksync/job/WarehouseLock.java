package com.webworksync.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * PostgreSQL session advisory locks held for the whole run on a connection of its own: one for
 * the job (a shard's job when the connections are sharded) and one per API connection it syncs.
 * A second run of the same job, or of any of the same connections, sees a lock taken and exits at
 * once, touching nothing; shards with other connections run side by side. The locks die with the
 * session, so a crashed run never blocks the next one.
 */
public final class WarehouseLock implements AutoCloseable {

	/** "webwork-sync" as a 64-bit key: the lock of the unsharded job. */
	private static final long KEY = 0x7765627763796e63L;
	/** First half of the two-key locks of shards' jobs and of connections ("wwsc"). */
	private static final int CLASS = 0x77777363;

	private final Connection connection;
	private final List<Lock> held;

	private record Lock(Long key, Integer classId, Integer objectId) {

		String sql(String function) {
			return key != null ? "select " + function + "(" + key + ")"
					: "select " + function + "(" + classId + ", " + objectId + ")";
		}
	}

	private WarehouseLock(Connection connection, List<Lock> held) {
		this.connection = connection;
		this.held = held;
	}

	/** The lock of the unsharded job, or null when another run holds it. */
	public static WarehouseLock tryAcquire(DataSource dataSource) throws SQLException {
		return tryAcquire(dataSource, SyncJobConfiguration.JOB_NAME, List.of());
	}

	/** The locks of a job and its connections, or null (and none held) when another run holds one. */
	public static WarehouseLock tryAcquire(DataSource dataSource, String jobName, List<String> connections)
			throws SQLException {
		List<Lock> wanted = new ArrayList<>();
		wanted.add(SyncJobConfiguration.JOB_NAME.equals(jobName) ? new Lock(KEY, null, null)
				: new Lock(null, CLASS, ("job:" + jobName).hashCode()));
		connections.forEach(name -> wanted.add(new Lock(null, CLASS, ("connection:" + name).hashCode())));
		Connection connection = dataSource.getConnection();
		List<Lock> held = new ArrayList<>();
		try {
			for (Lock lock : wanted) {
				try (PreparedStatement statement = connection.prepareStatement(lock.sql("pg_try_advisory_lock"));
						ResultSet result = statement.executeQuery()) {
					result.next();
					if (!result.getBoolean(1)) {
						new WarehouseLock(connection, held).close();
						return null;
					}
					held.add(lock);
				}
			}
			return new WarehouseLock(connection, held);
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

	@Override
	public void close() throws SQLException {
		try {
			for (Lock lock : held) {
				try (PreparedStatement statement = connection.prepareStatement(lock.sql("pg_advisory_unlock"))) {
					statement.execute();
				}
			}
		}
		finally {
			connection.close();
		}
	}
}
