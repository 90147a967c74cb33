package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;

import tools.jackson.databind.node.ObjectNode;

/**
 * webwork.<table>_history keeps every version of a dimension row: a change opens a version that
 * meets the one before, an unchanged row keeps its one version, a soft delete closes it and a row
 * that comes back opens a new one. Dimension streams only (the facts do not write history).
 */
class DimensionHistoryTests {

	private static final String DIMENSIONS = "workspaces,members,projects,contracts,project_viewers,leave_policies,expense_categories";

	private static SyncHarness harness;
	private static long ws;
	private static long contractId;

	@BeforeAll
	static void firstRun() {
		harness = SyncHarness.start(SyncHarness.fastOptions()).with("sync.streams", DIMENSIONS);
		ws = harness.sandbox().data().workspaceIds().get(0);
		ObjectNode contract = harness.sandbox().data().list("contracts", ws).stream()
			.filter(c -> c.hasNonNull("rate"))
			.findFirst()
			.orElseThrow();
		contractId = contract.path("id").asLong();
		harness.sandbox().data().update("contracts", ws, Long.toString(contractId), c -> c.put("rate", 50));
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	void everyLiveRowHasExactlyOneCurrentVersionEqualToIt() {
		for (String table : List.of("members", "projects", "contracts", "project_viewers", "leave_policies",
				"expense_categories")) {
			long live = number("select count(*) from webwork." + table + " where _deleted_at is null");
			long current = number("select count(*) from webwork." + table + "_history h join webwork." + table
					+ " t using (workspace_id, id) where h.valid_to is null and t._deleted_at is null and h.raw = t.raw");
			assertThat(live).as(table).isPositive();
			assertThat(current).as(table + " current versions equal to the live rows").isEqualTo(live);
		}
	}

	@Test
	void aRateChangeGivesTwoVersionsThatMeet() {
		harness.sandbox().data().update("contracts", ws, Long.toString(contractId), c -> c.put("rate", 65));
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		List<Record> versions = versions("contracts", contractId, "rate");
		assertThat(versions).hasSize(2);
		assertThat(versions.get(0).get("rate", BigDecimal.class)).isEqualByComparingTo("50");
		assertThat(versions.get(1).get("rate", BigDecimal.class)).isEqualByComparingTo("65");
		assertThat(versions.get(0).get("valid_to", OffsetDateTime.class)).as("the old version ends where the new begins")
			.isEqualTo(versions.get(1).get("valid_from", OffsetDateTime.class));
		assertThat(versions.stream().filter(v -> v.get("valid_to") == null)).as("open versions").hasSize(1);
		assertThat(versions.get(1).get("valid_to")).isNull();
		assertThat(versions.get(1).get("_run_id", Long.class)).isEqualTo(harness.lastRun().runId());
	}

	@Test
	void anUnchangedRowKeepsOneVersionAcrossTenRuns() {
		long memberId = harness.sandbox().data().list("members", ws).get(1).path("id").asLong();
		long allVersions = number("select count(*) from webwork.members_history");
		for (int run = 0; run < 10; run++) {
			assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		}
		assertThat(versions("members", memberId, "email")).hasSize(1);
		assertThat(number("select count(*) from webwork.members_history"))
			.as("no member got a version").isEqualTo(allVersions);
	}

	@Test
	void aDeletedRowIsClosedAndReopenedWhenItComesBack() {
		ObjectNode member = harness.sandbox().data().list("members", ws).get(4);
		long id = member.path("id").asLong();
		harness.sandbox().data().remove("members", ws, Long.toString(id));
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		OffsetDateTime deletedAt = harness.dsl().fetchOne("select _deleted_at from webwork.members where id = ?", id)
			.get(0, OffsetDateTime.class);
		List<Record> closed = versions("members", id, "email");
		assertThat(closed).hasSize(1);
		assertThat(closed.get(0).get("valid_to", OffsetDateTime.class)).as("closed at the soft delete").isEqualTo(deletedAt);

		harness.sandbox().data().add("members", ws, member);
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);
		List<Record> reopened = versions("members", id, "email");
		assertThat(reopened).hasSize(2);
		assertThat(reopened.get(0).get("valid_to", OffsetDateTime.class)).isEqualTo(deletedAt);
		assertThat(reopened.get(1).get("valid_from", OffsetDateTime.class)).isAfter(deletedAt);
		assertThat(reopened.get(1).get("valid_to")).isNull();
		assertThat(reopened.get(1).get("email", String.class)).isEqualTo(member.path("email").asString());
	}

	private static long number(String sql) {
		return harness.dsl().fetchOne(sql).get(0, Long.class);
	}

	private static List<Record> versions(String table, long id, String column) {
		return harness.dsl()
			.fetch("select " + column + ", valid_from, valid_to, _run_id from webwork." + table + "_history where workspace_id = ? "
					+ "and id = ? order by valid_from", ws, id);
	}
}
