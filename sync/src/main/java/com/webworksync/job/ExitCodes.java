package com.webworksync.job;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;

import com.webworksync.client.ApiException;
import com.webworksync.warehouse.ApiValues;
import com.webworksync.config.ConfigurationException;

/**
 * The one place that decides exit codes: of a failure (any exception, turned into one line a user can act on), of a
 * finished run ({@link #ofRun}), and of a command ({@link #oneLine}).
 */
public final class ExitCodes {

	public static final int OK = 0;
	public static final int FAILED = 1;
	public static final int CONFIGURATION = 2;
	public static final int DEADLINE = 3;
	/** Another run holds the warehouse (its advisory lock): this one changed nothing. Not a failure, not worth a retry. */
	public static final int LOCKED = 4;
	/**
	 * The JVM ran out of heap ({@link OutOfMemory} ends the process at once, on any thread): a retry with the same
	 * memory fails on the same page. Not 3 (what {@code -XX:+ExitOnOutOfMemoryError} exits with), not 137 (the
	 * kernel's kill at the container's memory limit), not 134 ({@code -XX:+CrashOnOutOfMemoryError}).
	 */
	public static final int OUT_OF_MEMORY = 5;

	private static final String WAREHOUSE_URL = "WAREHOUSE_URL";

	private ExitCodes() {
	}

	public record Failure(int exitCode, String message) {
	}

	/**
	 * A finished run's exit code and error line: 0 when it completed, 2 when it completed without some workspaces
	 * (their one lines joined), 3 when it stopped early (a deadline or SIGTERM), else its first failure's (5 for an
	 * OutOfMemoryError, should one reach here rather than end the process where it was thrown).
	 */
	public static Failure ofRun(BatchStatus status, Collection<String> workspaceFailures, Throwable firstFailure,
			String stopReason) {
		if (status == BatchStatus.COMPLETED) {
			return workspaceFailures.isEmpty() ? new Failure(OK, null)
					: new Failure(CONFIGURATION, String.join(" | ", workspaceFailures));
		}
		if (status == BatchStatus.STOPPED) {
			return new Failure(DEADLINE, "stopped early (" + (stopReason == null ? "on request" : stopReason)
					+ "); progress is saved and the next run continues from there");
		}
		return firstFailure == null ? new Failure(FAILED, "the run failed") : classify(firstFailure);
	}

	/** Runs a command; whatever fails is one line on stderr (the cause and the fix) and its exit code. */
	public static int oneLine(Callable<Integer> command) {
		return oneLine(command, WAREHOUSE_URL);
	}

	/**
	 * As {@link #oneLine(Callable)}, with {@code warehouse} naming the warehouse in database failures: the variable and
	 * its value, password masked (WAREHOUSE_URL=postgresql://user:***@host:5432/db).
	 */
	public static int oneLine(Callable<Integer> command, String warehouse) {
		try {
			return command.call();
		}
		catch (Throwable failure) {
			OutOfMemory.haltIfCause(failure, "running the command");
			Failure classified = classify(failure, warehouse);
			System.err.println("webwork-sync: " + classified.message());
			return classified.exitCode();
		}
	}

	public static Failure classify(Throwable failure) {
		return classify(failure, WAREHOUSE_URL);
	}

	/** As {@link #classify(Throwable)}; {@code warehouse} names the warehouse in database failures (never a password). */
	public static Failure classify(Throwable failure, String warehouse) {
		OutOfMemoryError outOfMemory = OutOfMemory.cause(failure);
		if (outOfMemory != null) {
			return new Failure(OUT_OF_MEMORY, OutOfMemory.message(outOfMemory, null));
		}
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof ConfigurationException ex) {
				return new Failure(CONFIGURATION, ex.getMessage());
			}
			if (t instanceof ApiException ex) {
				return new Failure(ApiErrorPolicy.exitCode(ex), ex.getMessage());
			}
			if (t instanceof ApiValues.UnexpectedValueException ex) {
				return new Failure(FAILED, ex.getMessage());
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				Failure database = database(sql, warehouse);
				if (database != null) {
					return database;
				}
			}
			if (t instanceof ConnectException) {
				return new Failure(FAILED, "cannot reach PostgreSQL (" + t.getMessage()
						+ "): start it, or fix the host and port in " + warehouse);
			}
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return new Failure(FAILED, "unexpected error: " + root.getClass().getSimpleName() + ": " + root.getMessage());
	}

	private static Failure database(SQLException sql, String warehouse) {
		String state = sql.getSQLState();
		if (state.equals("28P01") || state.equals("28000")) {
			return new Failure(CONFIGURATION, "PostgreSQL refused the login (" + state
					+ "): check WAREHOUSE_USERNAME and WAREHOUSE_PASSWORD");
		}
		if (state.equals("3D000")) {
			return new Failure(CONFIGURATION, "the database in " + warehouse + " does not exist: create it or fix the URL");
		}
		if (state.startsWith("08")) {
			return new Failure(FAILED, "cannot reach PostgreSQL (" + sql.getMessage()
					+ "): start it, or fix the host and port in " + warehouse + "; the next run resumes from the last checkpoint");
		}
		if (state.equals("42501")) {
			return new Failure(CONFIGURATION, "the warehouse user lacks a privilege (" + sql.getMessage()
					+ "): it needs to create schemas and tables in the database");
		}
		return null;
	}
}
