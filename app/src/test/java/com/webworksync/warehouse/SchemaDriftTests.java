package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.webworksync.job.ExitCodes;
import com.webworksync.SyncHarness;
import com.webworksync.observe.StatusReport;

import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Schema drift against the sandbox, whose fields change under the job: an added field, a
 * documented field that stops arriving, a field that changes its JSON type. Real PostgreSQL.
 * <p>
 * The tests are steps of one scenario on one sandbox and warehouse, each starting from what the
 * runs before it left, so they run in {@code @Order} on purpose: a fresh warehouse per step would
 * repeat the first sync for every step.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaDriftTests {

	private static SyncHarness harness;

	@BeforeAll
	static void start() {
		harness = SyncHarness.start(SyncHarness.fastOptions().withHistoryDays(40)).with("sync.streams", "workspaces,members,projects");
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	@Order(1)
	void theSandboxAsDocumentedShowsNoDrift() {
		harness.with("sync.streams", "");
		long ws = harness.sandbox().data().workspaceIds().get(0);
		assertThat(harness.sync("sync", "--from=" + harness.sandbox().data().today(ws).minusDays(40))).isEqualTo(ExitCodes.OK);
		assertThat(findings()).as("every field of the contract has a typed column or is known to live in raw").isEmpty();
		harness.restartContext();
		harness.with("sync.streams", "workspaces,members,projects");
	}

	@Test
	@Order(2)
	void anAddedFieldIsRecordedOnceShownInStatusAndKeptInRaw(CapturedOutput output) {
		harness.sandbox().data().schema().add("members", "nickname", JsonNodeFactory.instance.stringNode("Nick"));

		assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);
		assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);

		assertThat(findings()).containsExactly("members|members|nickname|added|string");
		Record row = harness.dsl().fetchOne("select first_run_id, last_run_id from sync.schema_drift where field = 'nickname'");
		assertThat(row.get("last_run_id", Long.class)).as("last_seen moves with each run").isGreaterThan(row.get("first_run_id", Long.class));
		assertThat(count(output.getAll(), "the API added field 'nickname'")).as("one WARN, when first found").isEqualTo(1);
		assertThat(number("select count(*) from webwork.members where raw->>'nickname' = 'Nick'"))
			.isEqualTo(harness.sandbox().options().members());
		String status = harness.bean(StatusReport.class).render();
		assertThat(status).contains("schema drift").containsPattern("members\\s+members\\s+nickname\\s+added\\s+string");
		assertThat(harness.bean(io.micrometer.core.instrument.MeterRegistry.class)
			.get(SchemaDrift.FINDINGS).tag("stream", "members").tag("kind", "added").counter().count()).isEqualTo(1.0);
	}

	@Test
	@Order(3)
	void aDroppedDocumentedFieldIsRecordedAsMissing(CapturedOutput output) {
		harness.sandbox().data().schema().drop("members", "team_name");

		assertThat(harness.sync("sync")).isEqualTo(ExitCodes.OK);

		assertThat(findings()).contains("members|members|team_name|missing|null");
		assertThat(output.getAll()).contains("documented field 'team_name' of members did not arrive");
		assertThat(number("select count(*) from webwork.members where team_name is not null"))
			.isZero();
	}

	@Test
	@Order(4)
	void aRetypedFieldDoesNotFailTheRunAndIsRecorded(CapturedOutput output) {
		harness.sandbox().data().schema().retypeAsString("members", "weekly_hours_limit", " h");

		assertThat(harness.sync("sync")).as("the run goes on").isEqualTo(ExitCodes.OK);

		assertThat(findings()).contains("members|members|weekly_hours_limit|retyped|string");
		assertThat(output.getAll()).contains("field 'weekly_hours_limit' of members arrived as string")
			.contains("members.weekly_hours_limit (members) received values it cannot hold");
		assertThat(number("select count(*) from webwork.members where weekly_hours_limit is not null "
				+ "and _deleted_at is null")).as("the typed column is NULL").isZero();
		assertThat(number("select count(*) from webwork.members where raw->>'weekly_hours_limit' like '% h'")).as("raw keeps the value").isPositive();
	}

	private static List<String> findings() {
		return harness.dsl()
			.fetch("select stream, table_name, field, kind, coalesce(json_type, 'null') as t from sync.schema_drift "
					+ "order by stream, table_name, field, kind")
			.map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3) + "|" + r.get(4));
	}

	private static int number(String sql) {
		return harness.dsl().fetchOne(sql).get(0, Integer.class);
	}

	private static int count(String text, String part) {
		int n = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			n++;
		}
		return n;
	}
}
