package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.webworksync.signing.Signature;

/**
 * POST/GET/PUT/DELETE /webhooks over HTTP, and the signed deliveries of the changes the sandbox simulates, checked
 * with the shared Standard Webhooks verification; then each knob that makes the sender unreliable.
 */
class WebhooksTests {

	private static final Instant NOW = Instant.parse("2026-01-29T15:00:00Z");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Sandbox sandbox;

	private Api api;

	private HookCatcher catcher;

	private long ws;

	@BeforeEach
	void start() {
		sandbox = Sandbox.start(PinnedSandbox.OPTIONS.withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
		api = new Api(sandbox);
		catcher = new HookCatcher();
		ws = sandbox.data().workspaceIds().get(0);
		sandbox.deliveries().retries(1, Duration.ZERO);
		// the generated subscriptions (someone else's, on addresses the sandbox never calls) would take the knobs' turns
		for (JsonNode other : sandbox.data().list("webhooks", ws)) {
			sandbox.data().remove("webhooks", ws, other.get("id").asString());
		}
	}

	@AfterEach
	void stop() {
		sandbox.close();
		catcher.close();
	}

	@Test
	void aSubscriptionIsCreatedWithAWhsecSecretReadUpdatedAndDeleted() throws Exception {
		Api.Reply created = subscribe("tracker.stopped");
		assertThat(created.status()).isEqualTo(201);
		JsonNode hook = created.data();
		assertThat(hook.get("token").asString()).startsWith("whsec_");
		assertThat(Signature.key(hook.get("token").asString())).hasSize(32);
		String id = hook.get("id").asString();

		assertThat(api.ok("/webhooks/" + id + "?workspace_id=" + ws).data().get("url").asString()).isEqualTo(catcher.url());
		assertThat(ids(api.ok("/webhooks?workspace_id=" + ws).data())).contains(id);

		Api.Reply updated = api.send("PUT", "/webhooks/" + id, "{\"workspace_id\": " + ws + ", \"url\": \"" + catcher.url()
				+ "?v=2\", \"events\": [\"member.updated\"]}");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.data().get("events").get(0).asString()).isEqualTo("member.updated");
		assertThat(updated.data().get("url").asString()).endsWith("?v=2");

		assertThat(api.send("DELETE", "/webhooks/" + id + "?workspace_id=" + ws, null).status()).isEqualTo(200);
		assertThat(api.get("/webhooks/" + id + "?workspace_id=" + ws).status()).isEqualTo(404);
		assertThat(ids(api.ok("/webhooks?workspace_id=" + ws).data())).doesNotContain(id);
	}

	@Test
	void badRequestsAreRefusedAsTheApiDoes() throws Exception {
		Api.Reply unknownEvent = api.send("POST", "/webhooks",
				"{\"workspace_id\": " + ws + ", \"url\": \"" + catcher.url() + "\", \"events\": [\"time.travelled\"]}");
		assertThat(unknownEvent.status()).isEqualTo(422);
		assertThat(unknownEvent.json().get("errors").has("events")).isTrue();
		assertThat(api.send("POST", "/webhooks", "{\"url\": \"" + catcher.url() + "\", \"events\": [\"task.updated\"]}")
			.status()).isEqualTo(422);
		assertThat(api.send("POST", "/webhooks", "{\"workspace_id\": 1, \"url\": \"" + catcher.url()
				+ "\", \"events\": [\"task.updated\"]}").status()).isEqualTo(403);
		assertThat(api.send("PATCH", "/webhooks/abc?workspace_id=" + ws, "{}").status()).isEqualTo(405);
		assertThat(api.withToken("wrong").send("POST", "/webhooks", "{}").status()).isEqualTo(401);
	}

	@Test
	void aStoppedTrackerAndAnUpdatedMemberAreDeliveredSignedToTheSubscriptionsThatNameThem() throws Exception {
		String secret = subscribe("tracker.stopped").data().get("token").asString();
		long member = sandbox.data().list("members", ws).get(1).get("id").asLong();

		JsonNode entry = sandbox.data().stopTracker(ws, member, 30, null, null);
		sandbox.data().update("members", ws, Long.toString(member), m -> m.put("firstname", "Renamed")); // not subscribed
		assertThat(sandbox.deliveries().awaitSent(Duration.ofSeconds(10))).isTrue();

		List<HookCatcher.Caught> caught = catcher.all();
		assertThat(caught).hasSize(1);
		HookCatcher.Caught delivery = caught.get(0);
		assertThat(delivery.id()).startsWith("msg_");
		assertThat(delivery.timestamp()).isEqualTo(Long.toString(NOW.getEpochSecond()));
		assertThat(Signature.verifies(Signature.key(secret), delivery.id(), NOW.getEpochSecond(), delivery.body(),
				delivery.signature())).isTrue();
		JsonNode body = JSON.readTree(new String(delivery.body(), StandardCharsets.UTF_8));
		assertThat(body.get("type").asString()).isEqualTo("tracker.stopped");
		assertThat(body.get("data").get("workspace_id").asLong()).isEqualTo(ws);
		assertThat(body.get("data").get("user_id").asLong()).isEqualTo(member);
		assertThat(body.get("data").get("time_entry_id").asString()).isEqualTo(entry.get("id").asString());
		assertThat(api.entries(ws, member, entry.get("date").asString()).stream().map(e -> e.get("id").asString())).contains(entry.get("id").asString());

		subscribe("member.updated", "project.updated", "task.updated");
		sandbox.data().update("members", ws, Long.toString(member), m -> m.put("firstname", "Again"));
		assertThat(sandbox.deliveries().awaitSent(Duration.ofSeconds(10))).isTrue();
		assertThat(types(catcher.all())).containsExactly("tracker.stopped", "member.updated");
	}

	@Test
	void theKnobsDropDuplicateReorderMissignAndDisable() throws Exception {
		String secret = subscribe("tracker.started").data().get("token").asString();
		long member = sandbox.data().list("members", ws).get(1).get("id").asLong();
		Deliveries deliveries = sandbox.deliveries();

		deliveries.dropNext(1);
		sandbox.data().startTracker(ws, member, null);
		deliveries.duplicateNext(1);
		sandbox.data().startTracker(ws, member, null);
		assertThat(deliveries.awaitSent(Duration.ofSeconds(10))).isTrue();
		assertThat(deliveries.dropped()).hasSize(1);
		List<HookCatcher.Caught> twice = catcher.all();
		assertThat(twice).hasSize(2);
		assertThat(twice.get(0).id()).isEqualTo(twice.get(1).id()).isNotEqualTo(deliveries.dropped().get(0));

		catcher.caught.clear();
		deliveries.reorderNext(3);
		for (long project = 1; project <= 3; project++) {
			sandbox.data().startTracker(ws, member, project);
		}
		assertThat(deliveries.awaitSent(Duration.ofSeconds(10))).isTrue();
		List<Long> reordered = catcher.all()
			.stream()
			.map(c -> JSON.readTree(new String(c.body(), StandardCharsets.UTF_8)).get("data").get("project_id").asLong())
			.toList();
		assertThat(reordered).containsExactly(3L, 2L, 1L);

		catcher.caught.clear();
		deliveries.wrongKeyNext(1);
		sandbox.data().startTracker(ws, member, null);
		assertThat(deliveries.awaitSent(Duration.ofSeconds(10))).isTrue();
		HookCatcher.Caught forged = catcher.all().get(0);
		assertThat(Signature.verifies(Signature.key(secret), forged.id(), Long.parseLong(forged.timestamp()), forged.body(),
				forged.signature())).isFalse();

		catcher.caught.clear();
		String id = api.ok("/webhooks?workspace_id=" + ws).data().get(0).get("id").asString();
		deliveries.disable(id);
		sandbox.data().startTracker(ws, member, null);
		assertThat(deliveries.awaitSent(Duration.ofSeconds(10))).isTrue();
		assertThat(catcher.all()).isEmpty();
		assertThat(ids(api.ok("/webhooks?workspace_id=" + ws).data())).as("still listed").contains(id);
	}

	@Test
	void aFailedDeliveryIsRetriedWithTheSameId() throws Exception {
		subscribe("tracker.stopped");
		sandbox.deliveries().retries(3, Duration.ofMillis(10));
		catcher.status = 503;
		sandbox.data().stopTracker(ws, sandbox.data().list("members", ws).get(1).get("id").asLong(), 20, null, null);
		assertThat(sandbox.deliveries().awaitSent(Duration.ofSeconds(10))).isTrue();
		assertThat(catcher.all()).hasSize(3);
		assertThat(catcher.all().stream().map(HookCatcher.Caught::id).distinct()).hasSize(1);
		assertThat(sandbox.deliveries().attempts()).extracting(Deliveries.Attempt::attempt).containsExactly(1, 2, 3);
	}

	private Api.Reply subscribe(String... events) throws Exception {
		String names = String.join("\", \"", events);
		return api.send("POST", "/webhooks", "{\"workspace_id\": " + ws + ", \"url\": \"" + catcher.url()
				+ "\", \"events\": [\"" + names + "\"]}");
	}

	private static List<String> ids(JsonNode list) {
		return list.valueStream().map(w -> w.get("id").asString()).toList();
	}

	private static List<String> types(List<HookCatcher.Caught> caught) {
		return caught.stream()
			.map(c -> JSON.readTree(new String(c.body(), StandardCharsets.UTF_8)).get("type").asString())
			.toList();
	}
}
