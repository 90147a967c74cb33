package com.webworksync.job;

import static com.webworksync.job.RunChecks.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.WarehouseAssertions;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;
import com.webworksync.streams.TableMapping;
import com.webworksync.schema.webwork.Webwork;

/**
 * What "the same as a clean run" means, for every suite that interrupts, breaks or moves a run
 * and compares the warehouse it ends with to one a clean run of the same data gives.
 */
final class CleanRun {

	private CleanRun() {
	}

	/**
	 * The harness with SYNC_NOW at noon of its sandbox's today on the owner's calendar: the clean run and every run
	 * compared with it plan the same days, even when the owner's midnight passes between them (a suite started at
	 * 23:59 there).
	 */
	static SyncHarness atNoon(SyncHarness harness) {
		Sandbox sandbox = harness.sandbox();
		long ws = sandbox.data().workspaceIds().get(0);
		return harness.with("sync.now",
				sandbox.data().today(ws).atTime(12, 0).atZone(sandbox.data().ownerZone(ws)).toInstant().toString());
	}

	/**
	 * The warehouse in {@code db} equals the clean run's, table by table and in the ledger, with no
	 * duplicate, no half-read partition and no run left STARTED.
	 */
	static void assertSameAsClean(String db, Map<String, List<String>> cleanSnapshot, Set<List<Object>> cleanLedger)
			throws SQLException {
		Map<String, List<String>> snapshot = read(db, WarehouseAssertions::snapshot);
		assertThat(snapshot.keySet()).isEqualTo(cleanSnapshot.keySet());
		snapshot.forEach((table, rows) -> assertThat(rows).as(table).isEqualTo(cleanSnapshot.get(table)));
		assertThat(read(db, CleanRun::ledger)).as("partition ledger").isEqualTo(cleanLedger);
		read(db, dsl -> {
			assertLedgerMatchesRows(dsl);
			assertNoDuplicateIds(dsl);
			assertHistoryInStep(dsl);
			return null;
		});
		assertThat(count(db, "select count(*) from sync.partition_keys")).as("half-read partitions left").isZero();
		assertThat(count(db, "select count(*) from sync.runs where status = 'STARTED'")).as("runs left STARTED").isZero();
	}

	/** Each ledger entry as (stream, workspace, partition, rows, pages); the rows themselves are compared by the snapshot. */
	static Set<List<Object>> ledger(DSLContext dsl) {
		Set<List<Object>> ledger = new HashSet<>();
		for (Record r : dsl.fetch("select stream, workspace_id, partition_key, row_count, pages from sync.partitions")) {
			ledger.add(List.of(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)));
		}
		return ledger;
	}

	/** No partition is marked complete whose rows are missing: each ledger row count is what its tables hold. */
	static void assertLedgerMatchesRows(DSLContext dsl) {
		Catalog catalog = new Catalog();
		var entries = dsl.fetch("select stream, workspace_id, partition_key, row_count from sync.partitions");
		assertThat(entries).isNotEmpty();
		for (Record entry : entries) {
			StreamDef stream = catalog.get(entry.get(0, String.class));
			long ws = entry.get(1, Long.class);
			String key = entry.get(2, String.class);
			long rows = 0;
			for (TableMapping mapping : stream.tables()) {
				rows += dsl.fetchCount(mapping.table(), DSL.field(DSL.name("_partition")).eq(key)
					.and(ws == 0 ? DSL.noCondition() : DSL.field(DSL.name("workspace_id")).eq(ws))
					.and(DSL.field(DSL.name("_deleted_at")).isNull()));
			}
			assertThat(rows).as("live rows of " + stream.name() + " " + ws + "/" + key).isEqualTo(entry.get(3, Long.class));
		}
	}

	/**
	 * Each dimension's history is in step with its current table: every live row has exactly one
	 * open version, equal to it, and no deleted row has one.
	 */
	static void assertHistoryInStep(DSLContext dsl) {
		int checked = 0;
		for (Table<?> history : Webwork.WEBWORK.getTables()) {
			if (!history.getName().endsWith("_history")) {
				continue;
			}
			checked++;
			String current = history.getName().substring(0, history.getName().length() - "_history".length());
			Record counts = dsl.fetchOne("select (select count(*) from webwork." + current + " where _deleted_at is null), "
					+ "(select count(*) from webwork." + history.getName() + " where valid_to is null), "
					+ "(select count(*) from webwork." + history.getName() + " h join webwork." + current
					+ " t using (workspace_id, id) where h.valid_to is null and t._deleted_at is null and h.raw = t.raw)");
			assertThat(counts.get(1, Long.class)).as(history.getName() + " open versions").isEqualTo(counts.get(0, Long.class));
			assertThat(counts.get(2, Long.class)).as(history.getName() + " open versions equal to live rows")
				.isEqualTo(counts.get(0, Long.class));
		}
		assertThat(checked).as("history tables").isEqualTo(7);
	}

	/** Where a table is keyed by the API's id, each id appears once and equals the id in raw. */
	static void assertNoDuplicateIds(DSLContext dsl) {
		int checked = 0;
		for (Table<?> table : Webwork.WEBWORK.getTables()) {
			if (!table.getPrimaryKey().getFields().stream().map(f -> f.getName()).toList().equals(List.of("workspace_id", "id"))) {
				continue;
			}
			checked++;
			Record counts = dsl.fetchOne("select count(*), count(distinct (workspace_id, raw->>'id')), "
					+ "count(*) filter (where id::text is distinct from raw->>'id') from webwork." + table.getName());
			assertThat(counts.get(1, Long.class)).as(table.getName() + " distinct ids").isEqualTo(counts.get(0, Long.class));
			assertThat(counts.get(2, Long.class)).as(table.getName() + " ids that differ from raw").isZero();
		}
		assertThat(checked).as("tables keyed by id").isGreaterThan(10);
	}

	static <T> T read(String databaseUrl, Function<DSLContext, T> query) throws SQLException {
		try (Connection connection = TestWarehouse.connect(databaseUrl)) {
			return query.apply(DSL.using(connection, SQLDialect.POSTGRES));
		}
	}
}
