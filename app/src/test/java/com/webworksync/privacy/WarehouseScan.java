package com.webworksync.privacy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.webworksync.TestWarehouse;

/**
 * Every text and JSON value of every table and view in the schemas webwork, sync, analytics and batch, as text (Spring
 * Batch's serialized execution contexts also base64-decoded), searched for personal values.
 */
final class WarehouseScan {

	private static final List<String> SCHEMAS = List.of("webwork", "sync", "analytics", "batch");
	private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]{16,}");
	/** A pseudonym anywhere in a value (a column, or inside raw's JSON): its key id, then 64 hex digits. */
	private static final Pattern PSEUDONYM = Pattern
		.compile("(?<![a-z0-9>])([a-z][a-z0-9]{0,7}(?:>[a-z][a-z0-9]{0,7})?):[0-9a-f]{64}(?![0-9a-f])");

	/** One value found: where, and the value. */
	record Found(String where, String value) {
		@Override
		public String toString() {
			return where + " = " + (value.length() > 120 ? value.substring(0, 120) + "…" : value);
		}
	}

	private WarehouseScan() {
	}

	/** The values that contain any of {@code needles} (names as whole words, case-sensitive; e-mails in any case). */
	static List<Found> find(String databaseUrl, Collection<String> needles) throws SQLException {
		List<Pattern> patterns = needles.stream()
			.filter(n -> n != null && !n.isBlank())
			.distinct()
			.map(n -> n.contains("@") ? Pattern.compile(Pattern.quote(n), Pattern.CASE_INSENSITIVE)
					: Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(n) + "(?![\\p{L}\\p{N}])"))
			.toList();
		List<Found> found = new ArrayList<>();
		for (Found value : values(databaseUrl)) {
			if (patterns.stream().anyMatch(p -> p.matcher(value.value()).find())) {
				found.add(value);
			}
		}
		return found;
	}

	/** How many pseudonyms of each key id ({@code k1}, {@code k1>k2}) the values of the four schemas hold. */
	static Map<String, Long> keyIds(String databaseUrl) throws SQLException {
		Map<String, Long> counts = new TreeMap<>();
		for (Found value : values(databaseUrl)) {
			Matcher matcher = PSEUDONYM.matcher(value.value());
			while (matcher.find()) {
				counts.merge(matcher.group(1), 1L, Long::sum);
			}
		}
		return counts;
	}

	/** As {@link #keyIds(String)}, over the relations of one schema only. */
	static Map<String, Long> keyIds(String databaseUrl, String schema) throws SQLException {
		Map<String, Long> counts = new TreeMap<>();
		for (Found value : values(databaseUrl)) {
			Matcher matcher = PSEUDONYM.matcher(value.value());
			while (value.where().startsWith(schema + ".") && matcher.find()) {
				counts.merge(matcher.group(1), 1L, Long::sum);
			}
		}
		return counts;
	}

	/** Every non-null text-like value of the four schemas. */
	static List<Found> values(String databaseUrl) throws SQLException {
		List<Found> values = new ArrayList<>();
		try (Connection connection = TestWarehouse.connect(databaseUrl); Statement statement = connection.createStatement()) {
			List<String[]> columns = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery("select table_schema, table_name, column_name from information_schema.columns "
					+ "where table_schema in ('" + String.join("','", SCHEMAS) + "') "
					+ "and (data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or data_type = 'ARRAY') "
					+ "order by 1, 2, 3")) {
				while (rows.next()) {
					columns.add(new String[] { rows.getString(1), rows.getString(2), rows.getString(3) });
				}
			}
			for (String[] c : columns) {
				String where = c[0] + "." + c[1] + "." + c[2];
				try (ResultSet rows = statement.executeQuery("select \"" + c[2] + "\"::text from " + c[0] + ".\"" + c[1]
						+ "\" where \"" + c[2] + "\" is not null")) {
					while (rows.next()) {
						String value = rows.getString(1);
						values.add(new Found(where, value));
						if (c[0].equals("batch") && BASE64.matcher(value).matches()) {
							values.add(new Found(where + " (decoded)", decoded(value)));
						}
					}
				}
			}
		}
		return values;
	}

	private static String decoded(String base64) {
		try {
			return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.ISO_8859_1);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}
}
