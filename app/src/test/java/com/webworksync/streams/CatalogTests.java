package com.webworksync.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.webworksync.TestWarehouse;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

/**
 * Walks every stream of the catalog and checks that it is complete: each of its tables exists with
 * a primary key, the bookkeeping columns, the (workspace_id, _partition) index the partition close
 * needs, a comment on the table and every column, and an entry in docs/warehouse.md; and the
 * sandbox serves its endpoint with the parameters the stream's partitioning sends. A stream added
 * to the catalog fails here until its migration, its dictionary entry and its sandbox route exist.
 */
class CatalogTests {

	private static final Set<String> BOOKKEEPING = Set.of("workspace_id", "raw", "_partition", "_synced_at", "_run_id",
			"_deleted_at");
	private static final Path DICTIONARY = Path.of("docs", "warehouse.md");

	private static Connection connection;
	private static DSLContext db;
	private static Sandbox sandbox;
	private static long ws;
	private static String dictionary;
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@BeforeAll
	static void migrateAndServe() throws Exception {
		String url = TestWarehouse.newDatabase();
		TestWarehouse.migrate(url);
		connection = DriverManager.getConnection(url, TestWarehouse.username(), TestWarehouse.password());
		db = DSL.using(connection, SQLDialect.POSTGRES);
		sandbox = Sandbox.start(SandboxOptions.defaults().withRequestsPerMinute(0).withMembers(4).withHistoryDays(10));
		ws = sandbox.data().workspaceIds().get(0);
		dictionary = Files.readString(DICTIONARY);
	}

	@AfterAll
	static void close() throws SQLException {
		sandbox.close();
		connection.close();
	}

	static Stream<StreamDef> streams() {
		return new Catalog().all().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streams")
	void everyTableOfTheStreamIsMigratedKeyedIndexedCommentedAndDocumented(StreamDef stream) {
		assertThat(stream.tables()).as("tables of " + stream.name()).isNotEmpty();
		for (TableMapping mapping : stream.tables()) {
			String table = mapping.table().getName();
			Set<String> columns = db.fetch("select column_name from information_schema.columns where table_schema = "
					+ "'webwork' and table_name = ?", table).stream().map(r -> r.get(0, String.class)).collect(Collectors.toSet());
			assertThat(columns).as("webwork." + table + " (a migration in sql/)").containsAll(BOOKKEEPING);
			assertThat(db.fetchOne("select count(*) from pg_constraint where conrelid = ?::regclass and contype = 'p'",
					"webwork." + table).get(0, Integer.class)).as(table + " has a primary key").isEqualTo(1);
			assertThat(db.fetch("select indexdef from pg_indexes where schemaname = 'webwork' and tablename = ?", table)
				.stream()
				.map(r -> r.get(0, String.class)))
				.as(table + ": the index a partition close uses (sql/V7__partition_indexes.sql)")
				.anyMatch(index -> index.contains("(workspace_id, _partition)"));
			assertThat(db.fetchOne("select obj_description(?::regclass, 'pg_class')", "webwork." + table).get(0, String.class))
				.as(table + " has a COMMENT").isNotBlank();
			assertThat(db.fetch("""
					select a.attname from pg_attribute a
					 where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped
					   and col_description(a.attrelid, a.attnum) is null""", "webwork." + table))
				.as(table + ": columns without a COMMENT").isEmpty();
			assertThat(dictionary).as("docs/warehouse.md (regenerate it: see DataDictionaryTests)")
				.contains("### webwork." + table + "\n");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streams")
	void theSandboxServesTheStreamWithTheParametersItsPartitioningSends(StreamDef stream) throws Exception {
		HttpResponse<String> response = get(stream.path(), params(stream));
		assertThat(response.statusCode()).as("GET %s %s -> %s", stream.path(), params(stream), response.body())
			.isEqualTo(200);
		assertThat(response.body()).as("a data envelope").contains("\"data\"");
	}

	@Test
	void aBadDeclarationIsRejectedWithAMessageThatNamesIt() {
		StreamDef.Builder onAnUndeclaredStream = StreamDef.stream("attendance_again", "/reports/daily-attendance")
			.partitioned(Partitioning.DAY)
			.changeDetected(ChangeDetection.ALWAYS_ROWS)
			.alsoChangesWith("no_such_stream")
			.into(com.webworksync.schema.webwork.Tables.REPORT_ATTENDANCE, Mappers.onDay());
		assertThatThrownBy(() -> new Catalog().with(onAnUndeclaredStream)).hasMessageContaining("attendance_again")
			.hasMessageContaining("no_such_stream");
		assertThatThrownBy(() -> new Catalog().with(StreamDef.stream("members", "/members")
			.into(com.webworksync.schema.webwork.Tables.MEMBERS))).hasMessageContaining("members")
			.hasMessageContaining("twice");
		StreamDef.Builder aLateFingerprintSource = StreamDef.stream("report_tracked_hours_again", "/reports/tracked-hours")
			.partitioned(Partitioning.MONTH)
			.memberDayFingerprint("'h' || coalesce(total_minutes::text, '')")
			.into(com.webworksync.schema.webwork.Tables.REPORT_TRACKED_HOURS, Mappers.trackedHours());
		assertThatThrownBy(() -> new Catalog().with(aLateFingerprintSource)).as("a source read after what it fingerprints")
			.hasMessageContaining("stream report_timeline changes with report_tracked_hours_again");
	}

	/** One partition's parameters, as the planner makes them for the stream's partitioning. */
	private static Map<String, String> params(StreamDef stream) {
		LocalDate today = sandbox.data().today(ws);
		Map<String, String> params = new LinkedHashMap<>();
		if (stream.partitioning() != Partitioning.GLOBAL) {
			params.put("workspace_id", Long.toString(ws));
		}
		switch (stream.partitioning()) {
			case PROJECT -> params.put("project_id", sandbox.data().list("projects", ws).get(0).path("id").asString());
			case MONTH, SNAPSHOT_DAY -> {
				params.put(stream.fromParam(), today.withDayOfMonth(1).toString());
				params.put(stream.toParam(), today.toString());
			}
			case DAY -> params.put("date", today.toString());
			case MEMBER -> params.put("user_id", sandbox.data().list("members", ws).get(0).path("id").asString());
			case USER_DAY -> {
				params.put("user_id", sandbox.data().list("members", ws).get(0).path("id").asString());
				params.put("date", today.toString());
			}
			default -> {
			}
		}
		return params;
	}

	private static HttpResponse<String> get(String path, Map<String, String> params) throws Exception {
		String query = params.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path + (query.isEmpty() ? "" : "?" + query)))
			.header("Authorization", "Bearer " + sandbox.options().token())
			.GET()
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}
}
