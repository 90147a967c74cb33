package com.webworksync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.node.ObjectNode;

import com.webworksync.SyncHarness;
import com.webworksync.observe.SyncMetrics;

/**
 * Six trackers stop on six member-days; the sandbox drops two deliveries, sends one twice and holds three back to send
 * them newest first. The hint run reads what the four delivered name, the hourly run after it makes the warehouse
 * equal the source, and {@code changes_without_hint_total{stream="time_entries"}} is the two dropped, in the metrics
 * and in {@code status}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LossyDeliveryTests {

	private HookedSync hooked;

	private SyncHarness harness;

	private long ws;

	@BeforeEach
	void start() {
		hooked = HookedSync.start();
		harness = hooked.harness();
		ws = hooked.workspace();
	}

	@AfterEach
	void stop() {
		hooked.close();
	}

	@Test
	void theHourlyRunMakesTheWarehouseEqualAndCountsTheDroppedAsChangesWithoutHint(CapturedOutput output)
			throws Exception {
		List<ObjectNode> members = harness.sandbox().data().list("members", ws);
		harness.sandbox().deliveries().dropNext(2).duplicateNext(1);
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			if (i == 3) {
				harness.sandbox().deliveries().reorderNext(3);
			}
			entries.add(harness.sandbox().data().stopTracker(ws, members.get(i).get("id").asLong(), 10 + i, null, null)
				.get("id")
				.asString());
		}
		assertThat(harness.sandbox().deliveries().awaitSent(Duration.ofSeconds(20))).isTrue();
		assertThat(harness.sandbox().deliveries().dropped()).hasSize(2);
		assertThat(sql("select count(*) from sync.hints")).as("4 delivered, one of them twice").containsExactly("4");

		assertThat(harness.sync("--hints")).isZero();
		assertThat(sql("select count(*) from sync.hints where consumed_at is not null")).containsExactly("4");
		assertThat(liveEntries(entries)).as("the 4 hinted, before any hourly run").hasSize(4);
		MeterRegistry registry = harness.bean(MeterRegistry.class);
		assertThat(registry.get(SyncMetrics.HINT_LATENCY).summary().count()).isEqualTo(4);

		assertThat(harness.sync()).isZero();
		assertThat(liveEntries(entries)).containsExactlyInAnyOrderElementsOf(entries);
		String day = harness.sandbox().data().today(ws).toString();
		Set<String> source = new TreeSet<>();
		harness.sandbox().data().entriesOn(ws, harness.sandbox().data().today(ws)).forEach(e -> source.add(e.get("id").asString()));
		assertThat(new TreeSet<>(sql("select id from webwork.time_entries where workspace_id = " + ws + " and date = '" + day
				+ "' and _deleted_at is null"))).as("today's entries equal the source").isEqualTo(source);
		assertThat(registry.get(SyncMetrics.CHANGES_WITHOUT_HINT).tag("stream", "time_entries").counter().count())
			.isEqualTo(2.0);

		assertThat(harness.main("status")).isZero();
		assertThat(output.getOut()).contains("time_entries=2");
	}

	private List<String> liveEntries(List<String> ids) {
		return sql("select id from webwork.time_entries where _deleted_at is null and id in ('" + String.join("','", ids) + "')");
	}

	private List<String> sql(String query) {
		return harness.dsl().fetch(query).map(r -> String.valueOf(r.get(0)));
	}
}
