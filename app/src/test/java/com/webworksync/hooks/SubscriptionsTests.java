package com.webworksync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import com.webworksync.observe.SyncMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.JsonNode;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.auth.CredentialsKey;
import com.webworksync.auth.WebhookSecrets;
import com.webworksync.sandbox.RecordedRequest;

/**
 * A sync with WEBWORK_WEBHOOK_URL against the sandbox, a real receiver and PostgreSQL: it keeps one webhook of ours per
 * workspace with the events the streams need, stores its secret encrypted at once (the sandbox's next delivery
 * verifies with it), repairs drift, never touches the workspace's other webhooks, never prints a secret, and
 * {@code receive --unsubscribe} removes ours.
 */
@ExtendWith(OutputCaptureExtension.class)
class SubscriptionsTests {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private static final Set<String> ALL_EVENTS = Set.of("member.invited", "member.updated", "member.deleted",
			"member.activated", "member.archived", "project.created", "project.updated", "project.deleted", "task.updated",
			"tracker.stopped");

	private SyncHarness harness;

	private Receiver receiver;

	private PGSimpleDataSource dataSource;

	private long ws;

	private String ours;

	@BeforeEach
	void start() {
		harness = SyncHarness.start(SyncHarness.fastOptions());
		dataSource = new PGSimpleDataSource();
		dataSource.setURL(harness.databaseUrl());
		dataSource.setUser(TestWarehouse.username());
		dataSource.setPassword(TestWarehouse.password());
		ws = harness.sandbox().data().workspaceIds().get(0);
	}

	@AfterEach
	void stop() {
		if (receiver != null) {
			receiver.close();
		}
		harness.close();
	}

	@Test
	void eachRunKeepsOneWebhookOfOursWithTheStreamsEventsAndRepairsDrift(CapturedOutput output) throws Exception {
		List<JsonNode> others = webhooks();
		assertThat(harness.main("status")).as("migrates the warehouse before the receiver starts").isZero();
		receiver = Receiver.create(Set.of("default"), dataSource, CredentialsKey.parse(KEY), Clock.systemUTC(),
				new WebhookSettings(null, 0, null)).start();
		ours = "http://127.0.0.1:" + receiver.port() + "/webhooks/default";
		harness.with("webwork.webhook-url", "http://127.0.0.1:" + receiver.port() + "/webhooks/")
			.with("webwork.credentials-key", KEY);

		assertThat(harness.main("sync")).isZero();
		JsonNode hook = ourWebhook();
		assertThat(events(hook)).isEqualTo(ALL_EVENTS);
		String token = hook.get("token").asString();
		List<String> stored = sql("select secret from sync.webhook_subscriptions");
		assertThat(stored).hasSize(1);
		assertThat(stored.get(0)).startsWith("v1:").doesNotContain(token).doesNotContain("whsec_");
		assertThat(secrets().of("default").get(0).secret()).isEqualTo(token);
		assertDeliveredAndRecorded(1);

		// deleted at WebWork: created again, with a new secret that the receiver takes
		harness.sandbox().data().remove("webhooks", ws, hook.get("id").asString());
		assertThat(harness.main("sync")).isZero();
		JsonNode again = ourWebhook();
		assertThat(again.get("id").asString()).isNotEqualTo(hook.get("id").asString());
		assertThat(secrets().of("default").get(0).webhookId()).isEqualTo(again.get("id").asString());
		assertDeliveredAndRecorded(2);

		// edited at WebWork: its URL and events put back, same webhook, same secret
		String id = again.get("id").asString();
		harness.sandbox().data().update("webhooks", ws, id, w -> {
			w.put("url", "https://elsewhere.example.com/hooks");
			w.putArray("events").add("task.updated");
		});
		assertThat(harness.main("sync")).isZero();
		JsonNode repaired = ourWebhook();
		assertThat(repaired.get("id").asString()).isEqualTo(id);
		assertThat(events(repaired)).isEqualTo(ALL_EVENTS);

		// what the upkeep found is a gauge pushed with the run's metrics: repaired, then unchanged
		harness.sandbox().data().update("webhooks", ws, id, w -> w.put("url", "https://elsewhere.example.com/hooks"));
		assertThat(harness.sync()).isZero();
		MeterRegistry registry = harness.bean(MeterRegistry.class);
		assertThat(upkeep(registry, "repaired")).isEqualTo(1);
		assertThat(harness.sync()).isZero();
		assertThat(upkeep(registry, "repaired")).isZero();
		assertThat(upkeep(registry, "unchanged")).isEqualTo(1);
		assertThat(ourWebhook().get("url").asString()).isEqualTo(ours);

		// nobody else's webhook was touched, and no request wrote to one
		assertThat(webhooks()).containsAll(others);
		Set<String> otherIds = others.stream().map(o -> o.get("id").asString()).collect(Collectors.toSet());
		assertThat(harness.sandbox().requests().all().stream().filter(r -> !r.method().equals("GET"))
			.map(RecordedRequest::path)).noneMatch(path -> otherIds.stream().anyMatch(path::endsWith));

		assertThat(harness.main("receive", "--unsubscribe")).isZero();
		assertThat(webhooks()).containsExactlyInAnyOrderElementsOf(others);
		assertThat(sql("select count(*) from sync.webhook_subscriptions")).containsExactly("0");

		for (JsonNode any : harness.sandbox().data().list("webhooks", ws)) {
			assertThat(output.getAll()).doesNotContain(any.get("token").asString());
		}
		assertThat(output.getAll()).doesNotContain(token).doesNotContain("whsec_");
	}

	@Test
	void withoutAWebhookUrlARunWritesNothingAndAUrlWithoutTheKeyIsExitTwo(CapturedOutput output) {
		assertThat(harness.main("sync")).isZero();
		assertThat(harness.sandbox().requests().all()).allMatch(r -> r.method().equals("GET"));
		assertThat(sql("select count(*) from sync.webhook_subscriptions")).containsExactly("0");

		harness.with("webwork.webhook-url", "https://sync.example.com/webhooks");
		assertThat(harness.main("sync")).isEqualTo(2);
		assertThat(output.getErr()).contains("webwork-sync: WEBWORK_CREDENTIALS_KEY is required when WEBWORK_WEBHOOK_URL is set");
	}

	private static double upkeep(MeterRegistry registry, String outcome) {
		return registry.get(SyncMetrics.WEBHOOK_SUBSCRIPTIONS).tag("outcome", outcome).gauge().value();
	}

	private void assertDeliveredAndRecorded(int hints) throws Exception {
		long member = harness.sandbox().data().list("members", ws).get(1).get("id").asLong();
		harness.sandbox().data().stopTracker(ws, member, 15, null, null);
		assertThat(harness.sandbox().deliveries().awaitSent(Duration.ofSeconds(20))).isTrue();
		assertThat(sql("select count(*) from sync.hints where kind = 'tracker.stopped' and member_id = " + member))
			.containsExactly(Integer.toString(hints));
	}

	private JsonNode ourWebhook() {
		List<JsonNode> mine = webhooks().stream().filter(w -> w.get("url").asString().equals(ours)).toList();
		assertThat(mine).as("exactly one webhook of ours").hasSize(1);
		return mine.get(0);
	}

	private List<JsonNode> webhooks() {
		return List.copyOf(harness.sandbox().data().list("webhooks", ws));
	}

	private static Set<String> events(JsonNode hook) {
		return hook.get("events").valueStream().map(JsonNode::asString).collect(Collectors.toSet());
	}

	private WebhookSecrets secrets() {
		return new WebhookSecrets(dataSource, CredentialsKey.parse(KEY), Clock.systemUTC());
	}

	private List<String> sql(String query) {
		return harness.dsl().fetch(query).map(r -> String.valueOf(r.get(0)));
	}
}
