package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.webworksync.job.ExitCodes;
import com.webworksync.SyncHarness;

import tools.jackson.databind.node.ObjectNode;

/**
 * analytics.time_entry_cost prices each entry at the contract rate in force on its day: a rate
 * change in the middle of a month (seen by a run on the 15th) prices the entries before it at the
 * old rate and those from then on at the new one; the docs/bi.md query sums them per month.
 */
class CostViewTests {

	private static final String DIMENSIONS = "workspaces,members,projects,contracts";

	private static SyncHarness harness;
	private static long ws;
	private static long contractId;
	private static YearMonth month;
	private static LocalDate change;

	@BeforeAll
	static void rateChangesOnTheFifteenth() {
		harness = SyncHarness.start(SyncHarness.fastOptions());
		ws = harness.sandbox().data().workspaceIds().get(0);
		month = YearMonth.from(harness.sandbox().data().today(ws)).minusMonths(1);
		change = month.atDay(15);
		// the billable contract with the most time in the month
		Map<Long, Long> entries = harness.sandbox().data().list("time_entries", ws).stream()
			.filter(e -> YearMonth.from(LocalDate.parse(e.path("date").asString())).equals(month))
			.filter(e -> e.hasNonNull("contract_id"))
			.collect(Collectors.groupingBy(e -> e.path("contract_id").asLong(), Collectors.counting()));
		contractId = harness.sandbox().data().list("contracts", ws).stream()
			.filter(c -> c.hasNonNull("rate"))
			.map(c -> c.path("id").asLong())
			.max(Comparator.comparing(id -> entries.getOrDefault(id, 0L)))
			.orElseThrow();
		String id = Long.toString(contractId);

		harness.sandbox().data().update("contracts", ws, id, c -> c.put("rate", 50));
		harness.with("sync.streams", DIMENSIONS).with("sync.now", month.atDay(1) + "T12:00:00Z");
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);

		harness.sandbox().data().update("contracts", ws, id, c -> c.put("rate", 65));
		harness.restartContext();
		// seen 30 s into the 15th of the owner's calendar, which is the calendar work_date is in
		harness.with("sync.now", change.atStartOfDay(harness.sandbox().data().ownerZone(ws)).plusSeconds(30).toInstant().toString());
		assertThat(harness.sync()).isEqualTo(ExitCodes.OK);

		harness.restartContext();
		harness.properties().remove("sync.streams");
		harness.properties().remove("sync.now");
		assertThat(harness.sync("sync", "--from=" + month.atDay(1))).isEqualTo(ExitCodes.OK);
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	void entriesBeforeTheChangeCostTheOldRateAndFromItTheNew() {
		List<Record> rows = harness.dsl().fetch("select work_date, minutes, rate, cost from analytics.time_entry_cost "
				+ "where workspace_id = ? and contract_id = ? and work_date between ? and ?", ws, contractId, month.atDay(1),
				month.atEndOfMonth());
		assertThat(rows.stream().filter(r -> r.get(0, LocalDate.class).isBefore(change))).as("entries before the change")
			.isNotEmpty();
		assertThat(rows.stream().filter(r -> !r.get(0, LocalDate.class).isBefore(change))).as("entries from the change on")
			.isNotEmpty();
		for (Record row : rows) {
			BigDecimal rate = new BigDecimal(row.get(0, LocalDate.class).isBefore(change) ? 50 : 65);
			assertThat(row.get(2, BigDecimal.class)).as("rate on " + row.get(0)).isEqualByComparingTo(rate);
			BigDecimal cost = rate.multiply(BigDecimal.valueOf(row.get(1, Integer.class)))
				.divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
			assertThat(row.get(3, BigDecimal.class)).as("cost on " + row.get(0)).isEqualByComparingTo(cost);
		}
		assertThat(harness.dsl().fetchOne("select count(*) from webwork.contracts_history where id = ?", contractId)
			.get(0, Long.class)).as("versions of the contract").isEqualTo(2);
	}

	@Test
	void theBiQueryGivesTheCostPerProjectPerMonth() {
		// the example in docs/bi.md
		List<Record> perMonth = harness.dsl().fetch("""
				select project_id, date_trunc('month', work_date)::date as month,
				       sum(cost) as cost, sum(minutes) filter (where cost is not null) as priced_minutes
				from analytics.time_entry_cost
				where work_date >= date '2000-01-01'
				group by project_id, date_trunc('month', work_date)
				order by project_id, month""");
		long project = harness.dsl().fetchOne("select project_id from webwork.contracts where id = ?", contractId)
			.get(0, Long.class);
		BigDecimal expected = harness.dsl().fetchOne("select sum(cost) from analytics.time_entry_cost where project_id = ? "
				+ "and date_trunc('month', work_date) = ?::date", project, month.atDay(1)).get(0, BigDecimal.class);
		assertThat(perMonth.stream()
			.filter(r -> Long.valueOf(project).equals(r.get(0, Long.class)) && r.get(1, LocalDate.class).equals(month.atDay(1)))
			.map(r -> r.get(2, BigDecimal.class))
			.toList()).singleElement().satisfies(cost -> assertThat(cost).isEqualByComparingTo(expected).isPositive());
		BigDecimal atOneRate = harness.dsl().fetchOne("select round(sum(minutes) * 65 / 60.0, 2) from analytics.time_entry_cost "
				+ "where contract_id = ? and date_trunc('month', work_date) = ?::date", contractId, month.atDay(1))
			.get(0, BigDecimal.class);
		BigDecimal contractCost = harness.dsl().fetchOne("select sum(cost) from analytics.time_entry_cost where contract_id = ? "
				+ "and date_trunc('month', work_date) = ?::date", contractId, month.atDay(1)).get(0, BigDecimal.class);
		assertThat(contractCost).as("priced at two rates, less than all at the new one").isLessThan(atOneRate);
	}
}
