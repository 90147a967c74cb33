package com.webworksync.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.node.ObjectNode;

import com.webworksync.signing.Signature;
import com.webworksync.sandbox.Deliveries.Attempt;

/** Sends {@link Deliveries}' messages on one thread, signed, each retried with its webhook-id until a 2xx. */
final class DeliverySender implements AutoCloseable {

	/** One delivery as it will be sent, signed with {@code key} (the subscription's, or a wrong one). */
	record Message(String id, ObjectNode subscription, String type, long workspaceId, String body, byte[] key) {
	}

	private final Clock clock;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "sandbox-webhooks");
		t.setDaemon(true);
		return t;
	});
	private final AtomicInteger pending = new AtomicInteger();
	private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
	private volatile int maxAttempts = 3;
	private volatile Duration retryAfter = Duration.ofMillis(300);

	DeliverySender(Clock clock) {
		this.clock = clock;
	}

	void retries(int attemptsPerDelivery, Duration wait) {
		maxAttempts = attemptsPerDelivery;
		retryAfter = wait;
	}

	/** An attempt recorded without sending (a subscription the sandbox never sends to). */
	void record(Attempt attempt) {
		attempts.add(attempt);
	}

	List<Attempt> attempts() {
		return List.copyOf(attempts);
	}

	boolean awaitSent(Duration atMost) throws InterruptedException {
		long until = System.nanoTime() + atMost.toNanos();
		while (pending.get() > 0) {
			if (System.nanoTime() > until) {
				return false;
			}
			Thread.sleep(10);
		}
		return true;
	}

	void schedule(Message message, int attempt, Duration wait) {
		pending.incrementAndGet();
		sender.schedule(() -> {
			try {
				send(message, attempt);
			}
			finally {
				pending.decrementAndGet();
			}
		}, wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void send(Message message, int attempt) {
		URI url = URI.create(Json.text(message.subscription(), "url"));
		long timestamp = clock.instant().getEpochSecond();
		int status = 0;
		double answerMillis = 0;
		try {
			HttpRequest request = HttpRequest.newBuilder(url)
				.timeout(Duration.ofSeconds(5))
				.header("Content-Type", "application/json")
				.header("webhook-id", message.id())
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", Signature.sign(message.key(), message.id(), timestamp, message.body()))
				.POST(HttpRequest.BodyPublishers.ofString(message.body()))
				.build();
			long sent = System.nanoTime();
			status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			answerMillis = (System.nanoTime() - sent) / 1e6;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		attempts.add(new Attempt(message.id(), Json.text(message.subscription(), "id"), message.type(),
				message.workspaceId(), status, attempt, answerMillis));
		if ((status < 200 || status > 299) && attempt < maxAttempts) {
			schedule(message, attempt + 1, retryAfter);
		}
	}

	@Override
	public void close() {
		sender.shutdownNow();
	}
}
