package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.webworksync.TestWarehouse;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.PersonalField;
import com.webworksync.streams.StreamDef;
import com.webworksync.streams.TableMapping;

/**
 * docs/warehouse.md is the warehouse as the migrations build it: a fresh database migrated by
 * Flyway (as the application configures it) renders to exactly the committed file, and every
 * schema, table, view and column it lists has a comment.
 */
class DataDictionaryTests {

	static final List<String> SCHEMAS = List.of("webwork", "analytics", "sync");
	static final String WRITE = "webwork.dictionary.write";
	static final String REGENERATE = "./mvnw -o test -Dtest=DataDictionaryTests -D" + WRITE + "=true";

	private static final Path FILE = Path.of("docs", "warehouse.md");
	private static final String PREAMBLE = """
			# Warehouse data dictionary

			Every table and view of the schemas `webwork` (the synced data), `analytics` (views for BI,
			see [bi.md](bi.md)) and `sync` (the job's own state), with their columns, as the Flyway
			migrations in `sql/` build them. Spring Batch's tables (schema `batch`) are left out.

			Generated from the live schema by `DataDictionaryTests`; do not edit by hand. After changing
			a migration, regenerate it with

			    %s
			""".formatted(REGENERATE);

	private static Flyway flyway;
	private static Connection connection;
	private static DataDictionary dictionary;

	@BeforeAll
	static void migrateAFreshDatabase() throws SQLException {
		String url = TestWarehouse.newDatabase();
		flyway = TestWarehouse.migrate(url);
		connection = DriverManager.getConnection(url, TestWarehouse.username(), TestWarehouse.password());
		dictionary = DataDictionary.read(DSL.using(connection, SQLDialect.POSTGRES), SCHEMAS);
	}

	@AfterAll
	static void close() throws SQLException {
		connection.close();
	}

	@Test
	void everySchemaTableViewAndColumnHasAComment() {
		assertThat(dictionary.relations("webwork")).hasSizeGreaterThanOrEqualTo(25);
		assertThat(dictionary.relations("analytics")).hasSizeGreaterThanOrEqualTo(7);
		assertThat(dictionary.uncommented()).as("add COMMENT ON ... in a migration for").isEmpty();
	}

	@Test
	void theCommittedDictionaryIsUpToDate() throws IOException {
		String rendered = dictionary.markdown(PREAMBLE, personalNotes());
		if (Boolean.getBoolean(WRITE)) {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, rendered, StandardCharsets.UTF_8);
			return;
		}
		String committed = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
		if (!committed.equals(rendered)) {
			fail("docs/warehouse.md does not match the schema the migrations build (first difference: " + firstDifference(committed,
					rendered) + "). Regenerate it with '" + REGENERATE + "' and commit it.");
		}
	}

	@Test
	void flywayRunsTheVersionedMigrationsAndIgnoresTheRoleScript() {
		assertThat(DataDictionaryTests.class.getResource("/db/migration/roles/create_bi_readonly_role.sql"))
			.as("the role script ships beside the migrations")
			.isNotNull();
		List<String> scripts = Arrays.stream(flyway.info().all())
			.filter(info -> info.getVersion() != null)
			.map(MigrationInfo::getScript)
			.toList();
		assertThat(scripts).allMatch(script -> script.matches("V\\d+(_\\d+)?__\\w+\\.sql"), "named V<version>__<name>.sql or V<version>_<n>__<name>.sql")
			.contains("V10__analytics_views.sql", "V11__column_comments.sql")
			.noneMatch(script -> script.contains("role"));
		assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
	}

	private static String firstDifference(String committed, String rendered) {
		String[] a = committed.split("\n", -1);
		String[] b = rendered.split("\n", -1);
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			String left = i < a.length ? a[i] : "<end of file>";
			String right = i < b.length ? b[i] : "<end of file>";
			if (!left.equals(right)) {
				return "line " + (i + 1) + ": committed '" + left + "', schema '" + right + "'";
			}
		}
		return "none";
	}

	/**
	 * The personal fields the catalog declares, marked on their columns and on the history's: the kind, and for the raw
	 * column the paths of the values kept there only. The policies themselves are docs/privacy.md's.
	 */
	static Map<String, String> personalNotes() {
		Map<String, String> notes = new TreeMap<>();
		for (StreamDef stream : new Catalog().all()) {
			for (TableMapping mapping : stream.tables()) {
				String table = mapping.table().getName();
				List<String> rawOnly = new ArrayList<>();
				for (PersonalField field : mapping.personal()) {
					if (field.column()) {
						for (String relation : List.of(table, table + "_history")) {
							notes.put("webwork." + relation + "." + field.name(), " **Personal** (" + field.kind().label().replace('_', ' ')
									+ "): SYNC_PRIVACY applies, see [privacy.md](privacy.md).");
						}
					}
					else {
						rawOnly.add(field.name() + " (" + field.kind().label().replace('_', ' ') + ")");
					}
				}
				if (mapping.derivedKey() != null) {
					notes.put("webwork." + table + "." + mapping.derivedKey().column(), " **Derived from** the personal "
							+ mapping.derivedKey().digested() + ": with it pseudonymized, the md5 of the pseudonym; dropped, "
							+ "the row's ordinal (#1, #2, …) in its member-day; see [privacy.md](privacy.md).");
				}
				if (!rawOnly.isEmpty()) {
					for (String relation : List.of(table, table + "_history")) {
						notes.put("webwork." + relation + ".raw", " **Personal** inside: " + String.join(", ", rawOnly)
								+ "; SYNC_PRIVACY applies, see [privacy.md](privacy.md).");
					}
				}
			}
		}
		return notes;
	}
}
