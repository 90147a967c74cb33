package com.webworksync.job;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.webworksync.config.Command;
import com.webworksync.config.Settings;

/**
 * A run turned away because another holds the warehouse lock: it changed nothing, and says so in one line. Exit 4,
 * except for a {@code sync --hints} when the holder serves the hints itself ({@link HintLane}, with
 * {@link WarehouseLock#hintsServed}): then there is nothing for it to do, and it exits 0, so a hint CronJob every few
 * minutes pages nobody beside a long backfill.
 */
final class LockRefused {

	/** Not an exit code: a hint run whose hints the lock's holder serves (exits 0, records and pushes nothing). */
	static final int SERVED = -1;

	private LockRefused() {
	}

	/** Prints the line and returns {@link ExitCodes#LOCKED} or {@link #SERVED}. */
	static int exit(Command command, DataSource dataSource, Settings settings) throws SQLException {
		String job = SyncJobConfiguration.jobName(settings.shard());
		if (command.hints() && WarehouseLock.hintsServed(dataSource, job)) {
			System.err.println("webwork-sync: the running webwork-sync run serves the hints as they arrive, between its "
					+ "partitions; this hint run changed nothing and exits " + ExitCodes.OK);
			return SERVED;
		}
		System.err.println("webwork-sync: another webwork-sync run is active against this warehouse (it holds the "
				+ "advisory lock" + (settings.shard().sharded() ? " of shard " + settings.shard()
						+ " or of one of its connections" : "")
				+ "); this run changed nothing and exits " + ExitCodes.LOCKED + " (not a failure)");
		return ExitCodes.LOCKED;
	}
}
