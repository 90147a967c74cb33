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
	/**
	 * First half of the lock a run that serves hints holds shared beside its own ("wwsh"), per job: what a
	 * {@code sync --hints} turned away looks at ({@link #hintsServed}).
	 */
	private static final int SERVING = 0x77777368;

	private final Connection connection;
	private final List<Lock> held;

	private record Lock(Long key, Integer classId, Integer objectId, boolean shared) {

		Lock(Long key, Integer classId, Integer objectId) {
			this(key, classId, objectId, false);
		}

		String sql(String function) {
			String name = shared ? function + "_shared" : function;
			return key != null ? "select " + name + "(" + key + ")"
					: "select " + name + "(" + classId + ", " + objectId + ")";
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
		return tryAcquire(dataSource, jobName, connections, false);
	}

	/**
	 * As {@link #tryAcquire(DataSource, String, List)}; a run that serves the hints arriving while it runs
	 * ({@link HintLane}) says so with the job's serving lock, held shared until {@link #close}.
	 */
	public static WarehouseLock tryAcquire(DataSource dataSource, String jobName, List<String> connections,
			boolean servesHints) throws SQLException {
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
			if (servesHints) {
				Lock serving = new Lock(null, SERVING, ("hints:" + jobName).hashCode(), true);
				try (PreparedStatement statement = connection.prepareStatement(serving.sql("pg_advisory_lock"))) {
					statement.execute(); // shared: it waits only for a hintsServed look, a moment
				}
				held.add(serving);
			}
			return new WarehouseLock(connection, held);
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * Whether the run that holds the job's lock serves hints: its serving lock is held (looked at with a transaction
	 * lock, gone when the statement ends).
	 */
	public static boolean hintsServed(DataSource dataSource, String jobName) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(
						"select pg_try_advisory_xact_lock(" + SERVING + ", " + ("hints:" + jobName).hashCode() + ")");
				ResultSet result = statement.executeQuery()) {
			result.next();
			return !result.getBoolean(1);
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
