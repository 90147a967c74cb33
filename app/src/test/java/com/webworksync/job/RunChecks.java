package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.test.system.CapturedOutput;

import com.webworksync.TestWarehouse;
import com.webworksync.sandbox.SandboxOptions;

/** What the suites that break a run check afterwards: its output, and the database it left. */
final class RunChecks {

	private RunChecks() {
	}

	static SandboxOptions small() {
		return SandboxOptions.defaults().withRequestsPerMinute(0).withMembers(6).withProjects(2).withHistoryDays(10);
	}

	static void assertNoStackTrace(CapturedOutput output) {
		assertThat(output.getAll().lines().filter(l -> l.startsWith("\tat "))).as("stack trace lines").isEmpty();
		assertThat(output.getAll()).doesNotContain("Exception in thread");
	}

	/** The application's schemas present in the database (none before its first connection). */
	static List<String> schemas(String url) throws SQLException {
		List<String> schemas = new ArrayList<>();
		try (Connection connection = TestWarehouse.connect(url); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select schema_name from information_schema.schemata "
						+ "where schema_name in ('webwork', 'sync', 'batch', 'analytics')")) {
			while (rows.next()) {
				schemas.add(rows.getString(1));
			}
		}
		return schemas;
	}

	static long count(String url, String sql) throws SQLException {
		try (Connection connection = TestWarehouse.connect(url); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** Rows over every table of schema webwork. */
	static long webworkRows(String url) throws SQLException {
		long total = 0;
		try (Connection connection = TestWarehouse.connect(url); Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery(
					"select table_name from information_schema.tables where table_schema = 'webwork' and table_type = 'BASE TABLE'")) {
				while (rows.next()) {
					tables.add(rows.getString(1));
				}
			}
			assertThat(tables).as("webwork tables").hasSizeGreaterThan(20);
			for (String table : tables) {
				try (ResultSet rows = statement.executeQuery("select count(*) from webwork." + table)) {
					rows.next();
					total += rows.getLong(1);
				}
			}
		}
		return total;
	}
}
