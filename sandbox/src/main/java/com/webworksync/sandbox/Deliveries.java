package com.webworksync.sandbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.webworksync.sandbox.DeliverySender.Message;
import com.webworksync.signing.Signature;

/**
 * The sandbox's webhook deliveries: every change it simulates is POSTed, signed as Standard Webhooks v1 (the
 * project's working assumption), to each subscription of that workspace that names the event. The knobs make it as
 * unreliable as users report real senders to be: deliveries dropped, duplicated, delayed, reordered, signed with a
 * wrong key, and subscriptions disabled. A failed delivery (no 2xx) is retried with the same webhook-id.
 */
public final class Deliveries implements AutoCloseable {

	/**
	 * One attempt as the receiver answered it (status 0: no answer), and the receiver's answer time in milliseconds:
	 * from sending the request to its status line (0 for a delivery never sent).
	 */
	public record Attempt(String messageId, String webhookId, String type, long workspaceId, int status, int attempt,
			double answerMillis) {
	}

	private static final Set<String> LOCAL = Set.of("127.0.0.1", "localhost", "[::1]");
	private final SandboxOptions options;
	private final SandboxData data;
	private final DeliverySender sender;
	private final AtomicLong messages = new AtomicLong();
	private final Rng chance;
	private final List<String> droppedIds = Collections.synchronizedList(new ArrayList<>());
	private final Set<String> disabled = ConcurrentHashMap.newKeySet();
	private final List<Message> held = new ArrayList<>();
	private int dropNext;
	private int duplicateNext;
	private int wrongKeyNext;
	private int holdNext;
	private double dropShare;
	private double duplicateShare;
	private volatile Duration delay = Duration.ZERO;

	Deliveries(SandboxOptions options, SandboxData data) {
		this.options = options;
		this.data = data;
		this.chance = Rng.of(options.seed(), "deliveries");
		this.sender = new DeliverySender(options.clock());
	}

	/** The next {@code n} deliveries are never sent. */
	public synchronized Deliveries dropNext(int n) {
		dropNext = n;
		return this;
	}

	/** The next {@code n} deliveries are sent twice (same webhook-id). */
	public synchronized Deliveries duplicateNext(int n) {
		duplicateNext = n;
		return this;
	}

	/** The next {@code n} deliveries are signed with a key that is not the subscription's secret. */
	public synchronized Deliveries wrongKeyNext(int n) {
		wrongKeyNext = n;
		return this;
	}

	/** The next {@code n} deliveries are held, then sent newest first. */
	public synchronized Deliveries reorderNext(int n) {
		holdNext = n;
		return this;
	}

	/** Seeded shares of every later delivery dropped or sent twice (the benchmark's lossy sender). */
	public synchronized Deliveries lossy(double drop, double duplicate) {
		dropShare = drop;
		duplicateShare = duplicate;
		return this;
	}

	/** Each delivery waits this long before its first attempt. */
	public Deliveries delay(Duration wait) {
		delay = wait;
		return this;
	}

	/** Attempts per delivery (1: no retry) and the wait between them. */
	public Deliveries retries(int attemptsPerDelivery, Duration wait) {
		sender.retries(attemptsPerDelivery, wait);
		return this;
	}

	/** A subscription that gets nothing any more, as senders do after repeated failures; GET still lists it. */
	public void disable(String webhookId) {
		disabled.add(webhookId);
	}

	public List<Attempt> attempts() {
		return sender.attempts();
	}

	/** The webhook-ids of the deliveries the knobs dropped. */
	public List<String> dropped() {
		return List.copyOf(droppedIds);
	}

	/** Waits until every scheduled attempt has been made (held deliveries excepted); false when time ran out. */
	public boolean awaitSent(Duration atMost) throws InterruptedException {
		return sender.awaitSent(atMost);
	}

	/** A change happened: one message per subscription of the workspace that names {@code type}. */
	void announce(long workspaceId, String type, ObjectNode eventData) {
		if (!data.has(workspaceId)) {
			return;
		}
		Instant at = options.clock().instant();
		ObjectNode body = Json.object();
		body.put("type", type);
		body.put("timestamp", Json.isoZ(at));
		ObjectNode payload = body.putObject("data");
		payload.put("workspace_id", workspaceId);
		payload.setAll(eventData);
		String text = new String(Json.bytes(body), StandardCharsets.UTF_8);
		for (ObjectNode subscription : data.list("webhooks", workspaceId)) {
			boolean named = false;
			for (JsonNode event : subscription.path("events")) {
				named |= event.asString().equals(type);
			}
			if (named && !LOCAL.contains(URI.create(Json.text(subscription, "url")).getHost())) {
				// the sandbox never sends to the network (a generated subscription's address), nor spends a knob on it
				sender.record(new Attempt("-", Json.text(subscription, "id"), type, workspaceId, 0, 1, 0));
			}
			else if (named && !disabled.contains(Json.text(subscription, "id"))) {
				enqueue(new Message("msg_" + Rng.of(options.seed(), "webhook", messages.incrementAndGet()).hex(24),
						subscription, type, workspaceId, text, Signature.key(Json.text(subscription, "token"))));
			}
		}
	}

	private synchronized void enqueue(Message message) {
		if (dropNext > 0 || chance.chance(dropShare)) {
			dropNext = Math.max(0, dropNext - 1);
			droppedIds.add(message.id());
			return;
		}
		if (wrongKeyNext > 0) {
			wrongKeyNext--;
			message = new Message(message.id(), message.subscription(), message.type(), message.workspaceId(),
					message.body(), Signature.key(Signature.newSecret(chance.generator())));
		}
		int copies = 1;
		if (duplicateNext > 0 || chance.chance(duplicateShare)) {
			duplicateNext = Math.max(0, duplicateNext - 1);
			copies = 2;
		}
		if (holdNext > 0) {
			held.add(message);
			if (--holdNext == 0) {
				List<Message> release = new ArrayList<>(held);
				held.clear();
				Collections.reverse(release);
				release.forEach(m -> sender.schedule(m, 1, delay));
			}
			return;
		}
		for (int i = 0; i < copies; i++) {
			sender.schedule(message, 1, delay);
		}
	}

	@Override
	public void close() {
		sender.close();
	}
}
