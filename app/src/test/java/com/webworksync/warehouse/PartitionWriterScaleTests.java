package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.Fingerprints;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Closing a partition at realistic size: a month of the activity-descriptions report with 250
 * users and 20,000 rows, read again with 100 rows gone. Exactly those rows get _deleted_at, read
 * in one page (keys in memory) as in three (keys staged in sync.partition_keys). No timeout: a verdict on
 * speed fails on a slow or busy machine; the close's statements and their plans are measured in
 * docs/engineering/performance-sql.md instead.
 */
class PartitionWriterScaleTests {

	private static final int USERS = 250;
	private static final int PER_USER = 80;
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static SyncHarness harness;
	private static PartitionWriter writer;
	private static StreamDef stream;
	private static DSLContext dsl;

	@BeforeAll
	static void start() {
		harness = SyncHarness.start(SyncHarness.fastOptions().withMembers(2));
		writer = harness.bean(PartitionWriter.class);
		dsl = harness.dsl();
		stream = new Catalog().get("report_activity_descriptions");
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	@Test
	void rowsGoneFromAPagedPartitionAndOnlyThoseAreDeleted() {
		Partition month = Partition.of(7001, "2026-01", "start_date", "2026-01-01", "end_date", "2026-01-31");
		read(month, users(Set.of()), 100);
		assertThat(live(month)).hasSize(USERS * PER_USER);

		Set<String> gone = gone();
		read(month, users(gone), 100);

		assertThat(deleted(month)).containsExactlyInAnyOrderElementsOf(gone);
		assertThat(live(month)).hasSize(USERS * PER_USER - gone.size()).doesNotContainAnyElementsOf(gone);
		assertThat(ledgerRowCount(month)).isEqualTo(USERS * PER_USER - gone.size());
		assertThat(dsl.fetchCount(DSL.table("sync.partition_keys"))).as("staged keys are dropped at close").isZero();
	}

	@Test
	void rowsGoneFromAOnePagePartitionAndOnlyThoseAreDeleted() {
		Partition month = Partition.of(7002, "2026-02", "start_date", "2026-02-01", "end_date", "2026-02-28");
		read(month, users(Set.of()), USERS);
		Set<String> gone = gone();
		read(month, users(gone), USERS);

		assertThat(deleted(month)).containsExactlyInAnyOrderElementsOf(gone);
		assertThat(live(month)).hasSize(USERS * PER_USER - gone.size());
		assertThat(ledgerRowCount(month)).isEqualTo(USERS * PER_USER - gone.size());
	}

	/** 100 rows spread over the pages: the 3rd and 40th description of every other of the first 100 users. */
	private static Set<String> gone() {
		Set<String> gone = new TreeSet<>();
		for (int user = 1; user <= 100; user += 2) {
			gone.add(grainKey(user, 3));
			gone.add(grainKey(user, 40));
		}
		return gone;
	}

	private static void read(Partition partition, List<JsonNode> users, int usersPerPage) {
		int pages = (users.size() + usersPerPage - 1) / usersPerPage;
		for (int page = 1; page <= pages; page++) {
			List<JsonNode> items = users.subList((page - 1) * usersPerPage, Math.min(users.size(), page * usersPerPage));
			writer.write(stream, new FetchedPage(partition, page, items, page == pages, 1, page), 1, p -> null);
		}
	}

	private static List<JsonNode> users(Set<String> without) {
		List<JsonNode> users = new ArrayList<>();
		for (int user = 1; user <= USERS; user++) {
			ObjectNode item = JSON.createObjectNode().put("user_id", user).put("firstname", "F" + user).put("lastname", "L");
			ArrayNode descriptions = item.putArray("descriptions");
			for (int n = 1; n <= PER_USER; n++) {
				if (!without.contains(grainKey(user, n))) {
					descriptions.addObject().put("date", date(n)).put("description", description(user, n)).put("total_minutes", n);
				}
			}
			users.add(item);
		}
		return users;
	}

	private static String grainKey(int user, int n) {
		return user + "|" + date(n) + "|" + Fingerprints.md5(description(user, n));
	}

	private static String date(int n) {
		return "2026-01-" + String.format("%02d", 1 + n % 28);
	}

	private static String description(int user, int n) {
		return "work item " + n + " of user " + user;
	}

	private static List<String> live(Partition partition) {
		return grainKeys(partition, DSL.field("_deleted_at").isNull());
	}

	private static List<String> deleted(Partition partition) {
		return grainKeys(partition, DSL.field("_deleted_at").isNotNull());
	}

	private static List<String> grainKeys(Partition partition, org.jooq.Condition condition) {
		return dsl.select(DSL.field("grain_key", String.class))
			.from("webwork.report_activity_descriptions")
			.where(DSL.field("workspace_id").eq(partition.workspaceId()))
			.and(DSL.field("_partition").eq(partition.key()))
			.and(condition)
			.fetch(0, String.class);
	}

	private static int ledgerRowCount(Partition partition) {
		return dsl.select(DSL.field("row_count", Integer.class))
			.from("sync.partitions")
			.where(DSL.field("workspace_id").eq(partition.workspaceId()))
			.and(DSL.field("partition_key").eq(partition.key()))
			.fetchOne(0, Integer.class);
	}
}
