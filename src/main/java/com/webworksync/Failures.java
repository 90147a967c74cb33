package com.webworksync;

import java.net.ConnectException;
import java.sql.SQLException;

import com.webworksync.client.ApiException;
import com.webworksync.warehouse.ApiValues;

/** Turns any failure into the documented exit code and one line a user can act on. */
public final class Failures {

	public static final int OK = 0;
	public static final int FAILED = 1;
	public static final int CONFIGURATION = 2;
	public static final int DEADLINE = 3;

	private Failures() {
	}

	public record Failure(int exitCode, String message) {
	}

	public static Failure classify(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof ConfigurationException ex) {
				return new Failure(CONFIGURATION, ex.getMessage());
			}
			if (t instanceof ApiException.Unauthorized || t instanceof ApiException.Forbidden) {
				return new Failure(CONFIGURATION, t.getMessage());
			}
			if (t instanceof ApiException ex) {
				return new Failure(FAILED, ex.getMessage());
			}
			if (t instanceof ApiValues.UnexpectedValueException ex) {
				return new Failure(FAILED, ex.getMessage());
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				Failure database = database(sql);
				if (database != null) {
					return database;
				}
			}
			if (t instanceof ConnectException) {
				return new Failure(FAILED, "cannot reach PostgreSQL (" + t.getMessage()
						+ "): start it, or fix the host and port in WAREHOUSE_URL");
			}
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return new Failure(FAILED, "unexpected error: " + root.getClass().getSimpleName() + ": " + root.getMessage());
	}

	private static Failure database(SQLException sql) {
		String state = sql.getSQLState();
		if (state.equals("28P01") || state.equals("28000")) {
			return new Failure(CONFIGURATION, "PostgreSQL refused the login (" + state
					+ "): check WAREHOUSE_USERNAME and WAREHOUSE_PASSWORD");
		}
		if (state.equals("3D000")) {
			return new Failure(CONFIGURATION, "the database in WAREHOUSE_URL does not exist: create it or fix the URL");
		}
		if (state.startsWith("08")) {
			return new Failure(FAILED, "cannot reach PostgreSQL (" + sql.getMessage()
					+ "): start it, or fix the host and port in WAREHOUSE_URL; the next run resumes from the last checkpoint");
		}
		if (state.equals("42501")) {
			return new Failure(CONFIGURATION, "the warehouse user lacks a privilege (" + sql.getMessage()
					+ "): it needs to create schemas and tables in the database");
		}
		return null;
	}
}
