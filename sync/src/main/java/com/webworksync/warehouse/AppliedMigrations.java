package com.webworksync.warehouse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Whether a warehouse already has exactly this jar's migrations applied. A command that only reads the warehouse
 * ({@code plan}, {@code status}) then skips Flyway, whose set-up alone loads a tenth of the classes it loads
 * (docs/engineering/performance.md, "Start-up"): see {@link ReadsOnlyMigrations}. Any other answer, or any doubt,
 * leaves Flyway to migrate, validate and report, as every other command always does.
 */
public final class AppliedMigrations {

	/** A versioned migration's file name; Flyway reads {@code V1_2__x.sql} as version 1.2. */
	private static final Pattern VERSIONED = Pattern.compile("V([0-9_.]+)__.*\\.sql");

	private AppliedMigrations() {
	}

	/** Flyway's name for its history table (its default, which we keep). */
	private static final String HISTORY = "flyway_schema_history";

	/**
	 * True when the warehouse's Flyway history (in {@code schema}) holds, all successful, exactly the versions of the
	 * migrations in {@code locations}; false when it does not, or when it cannot be read.
	 */
	public static boolean current(DataSource warehouse, String locations, String schema) {
		try (Connection connection = warehouse.getConnection()) {
			Set<String> inJar = inJar(locations.split(","));
			return !inJar.isEmpty() && inJar.equals(applied(connection, schema, HISTORY));
		}
		catch (IOException | SQLException | RuntimeException ex) {
			return false; // Flyway connects again, and reports what is wrong
		}
	}

	static Set<String> inJar(String... locations) throws IOException {
		Set<String> versions = new TreeSet<>();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		for (String location : locations) {
			if (!location.trim().startsWith("classpath:")) {
				throw new IOException("only classpath locations are compared: " + location);
			}
			String folder = location.trim().substring("classpath:".length()).replaceAll("^/+|/+$", "");
			for (Resource resource : resolver.getResources("classpath*:" + folder + "/**/V*__*.sql")) {
				Matcher name = VERSIONED.matcher(resource.getFilename() == null ? "" : resource.getFilename());
				if (name.matches()) {
					versions.add(version(name.group(1)));
				}
			}
		}
		return versions;
	}

	/** The applied versions; a failed one is an empty answer: not current. */
	private static Set<String> applied(Connection connection, String schema, String table) throws SQLException {
		Set<String> versions = new TreeSet<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select version, success from " + quoted(schema) + "."
						+ quoted(table) + " where version is not null")) {
			while (rows.next()) {
				if (!rows.getBoolean(2)) {
					return Set.of();
				}
				versions.add(version(rows.getString(1)));
			}
		}
		return versions;
	}

	private static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/** Versions compared as Flyway does: {@code 1_2} and {@code 1.2} are one, and so are {@code 1.0} and {@code 1}. */
	static String version(String text) {
		return text.replace('_', '.').replaceAll("(\\.0+)+$", "");
	}
}
