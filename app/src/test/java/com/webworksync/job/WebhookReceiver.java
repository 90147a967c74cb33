package com.webworksync.job;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.webworksync.FreePort;

/**
 * A webhook receiver on loopback (the JDK's HTTP server) that records every request. Its URL carries a random secret
 * path, to check that the job never prints or stores it. It can answer 200, hang (take the request and never answer,
 * until released), or be down (no server on its port: the connection is refused).
 */
final class WebhookReceiver implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One request as received, and what it was answered (0: never answered). */
	record Received(Map<String, String> headers, String body, int answered) {

		JsonNode json() {
			return JSON.readTree(body);
		}

		String type() {
			return json().path("type").asString();
		}

		String id() {
			return headers.get("webhook-id");
		}
	}

	final String secretPath = "hook-SECRET-" + UUID.randomUUID();
	private final int port;
	private final List<Received> received = new ArrayList<>();
	private final ExecutorService executor = Executors.newCachedThreadPool();
	private HttpServer server;
	private volatile boolean hang;
	private volatile CountDownLatch release = new CountDownLatch(1);

	private WebhookReceiver(int port) {
		this.port = port;
	}

	/** A receiver that is down: nothing listens on its port until {@link #up()}. */
	static WebhookReceiver down() throws IOException {
		return new WebhookReceiver(FreePort.pick());
	}

	static WebhookReceiver started() throws IOException {
		return down().up();
	}

	WebhookReceiver up() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.setExecutor(executor);
		server.createContext("/", this::handle);
		server.start();
		return this;
	}

	/** Takes requests without answering them, until {@link #answer()}. */
	WebhookReceiver hang() {
		release = new CountDownLatch(1);
		hang = true;
		return this;
	}

	/** Answers 200 from now on; requests left hanging are let go. */
	WebhookReceiver answer() {
		hang = false;
		release.countDown();
		return this;
	}

	String url() {
		return "http://127.0.0.1:" + port + "/" + secretPath;
	}

	synchronized List<Received> received() {
		return List.copyOf(received);
	}

	/** The requests of one event type, in the order they came. */
	List<Received> of(String type) {
		return received().stream().filter(r -> r.type().equals(type)).toList();
	}

	/** Requests answered 2xx: what the job counts as delivered. */
	List<Received> accepted() {
		return received().stream().filter(r -> r.answered() / 100 == 2).toList();
	}

	synchronized void clear() {
		received.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		Map<String, String> headers = new TreeMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (!exchange.getRequestURI().getPath().equals("/" + secretPath)) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		int index;
		synchronized (this) {
			received.add(new Received(headers, body, 0));
			index = received.size() - 1;
		}
		if (hang) {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return; // never answered
		}
		synchronized (this) {
			received.set(index, new Received(headers, body, 200));
		}
		exchange.sendResponseHeaders(200, -1);
		exchange.close();
	}

	@Override
	public void close() {
		release.countDown();
		if (server != null) {
			server.stop(0);
		}
		executor.shutdownNow();
	}
}
