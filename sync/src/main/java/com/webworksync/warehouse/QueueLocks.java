package com.webworksync.warehouse;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import java.sql.Connection;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import java.sql.SQLException;

/**
 * The advisory locks of the plan queue. A partition's lock is (plan, seq) in one bigint; a plan's "live" lock is
 * (plan, {@link #LIVE}), held shared by every run that works the plan; planning a stream's workspace takes a
 * transaction lock on ({@link #PLANNING}, hash of stream and workspace).
 */
final class QueueLocks {

	/** First key of the planning locks ("wwpl"); WarehouseLock's are "wwsc". */
	static final int PLANNING = 0x7777706c;
	/** First key of a partition's own lock ("wwpk"): one reader at a time, whichever plan names it. */
	static final int PARTITION = 0x7777706b;
	static final int LIVE = Integer.MAX_VALUE;

	private QueueLocks() {
	}

	/** jOOQ on one JDBC connection: session locks belong to it, and its transaction is the caller's. */
	static DSLContext on(Connection connection) {
		return DSL.using(connection, SQLDialect.POSTGRES);
	}

	static long key(long planId, int seq) {
		return (planId << 32) | (seq & 0xffffffffL);
	}

	static void planning(DSLContext dsl, String stream, long workspaceId) {
		dsl.execute("select pg_advisory_xact_lock(?, ?)", PLANNING, (stream + "@" + workspaceId).hashCode());
	}

	static void shareLive(DSLContext dsl, long planId) {
		dsl.execute("select pg_advisory_lock_shared(?)", key(planId, LIVE));
	}

	/** Some run holds the plan's shared lock: it works the plan now. */
	static boolean live(DSLContext dsl, long planId) {
		return !dsl.select(field("pg_try_advisory_xact_lock({0})", Boolean.class, val(key(planId, LIVE)))).fetchSingle().value1();
	}

	/**
	 * Gives a session's advisory locks back before its connection goes back to the pool: closing a pooled connection
	 * does not end its PostgreSQL session, so without this the locks would outlive the worker (a dead process's go with
	 * its sessions).
	 */
	static void closeSession(Connection connection) throws SQLException {
		try {
			if (!connection.isClosed()) {
				on(connection).execute("select pg_advisory_unlock_all()");
			}
		}
		catch (RuntimeException ex) {
			// the database went away: so did the session and its locks
		}
		finally {
			connection.close();
		}
	}

	static boolean tryLock(DSLContext dsl, long planId, int seq) {
		return dsl.select(field("pg_try_advisory_lock({0})", Boolean.class, val(key(planId, seq)))).fetchSingle().value1();
	}

	/**
	 * A partition as such (stream, workspace, key), whatever plan or run names it: a hinted partition and the same
	 * partition in a plan are never read at once. A hash collision only makes one of two partitions wait.
	 */
	static boolean tryLockPartition(DSLContext dsl, String stream, long workspaceId, String key) {
		return dsl.select(field("pg_try_advisory_lock({0}, {1})", Boolean.class, val(PARTITION),
				val((stream + "@" + workspaceId + "@" + key).hashCode()))).fetchSingle().value1();
	}

	static void unlockPartition(DSLContext dsl, String stream, long workspaceId, String key) {
		dsl.select(field("pg_advisory_unlock({0}, {1})", Boolean.class, val(PARTITION),
				val((stream + "@" + workspaceId + "@" + key).hashCode()))).fetch();
	}

	static void unlock(DSLContext dsl, long planId, int seq) {
		dsl.select(field("pg_advisory_unlock({0})", Boolean.class, val(key(planId, seq)))).fetch();
	}
}
