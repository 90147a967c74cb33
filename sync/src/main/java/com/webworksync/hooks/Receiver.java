package com.webworksync.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import com.webworksync.auth.CredentialsKey;
import com.webworksync.auth.WebhookSecrets;
import com.webworksync.warehouse.WarehouseQueries;

/**
 * The {@code receive} command's HTTP server: POST /webhooks/&lt;connection&gt; takes a delivery, verifies its raw bytes
 * and records the hint it names, committed before the answer; GET /livez and /readyz are the probes. What it accepts
 * is bounded: {@link #MAX_BODY} per body, {@link #THREADS} handlers and {@link #QUEUE} waiting requests (beyond that the
 * acceptor runs the request itself, so new connections wait in the socket backlog instead of in memory).
 */
public final class Receiver implements AutoCloseable {

	static final int MAX_BODY = 64 * 1024;

	static final int THREADS = 4;

	static final int QUEUE = 256;

	private static final Logger log = LoggerFactory.getLogger(Receiver.class);

	static {
		// a client that sends its request slowly must not hold a handler for ever (seconds; read once per JVM)
		if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
			System.setProperty("sun.net.httpserver.maxReqTime", "10");
		}
	}

	/** How deliveries were answered, by reason: what a flood or a bad sender looks like from here. */
	private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();

	private final ConnectionKeys keys;

	private final HintLog hints;

	private final String hexHeader;

	private final Clock clock;

	private final HttpServer server;

	private final ThreadPoolExecutor executor;

	private final CountDownLatch stopped = new CountDownLatch(1);

	Receiver(ConnectionKeys keys, HintLog hints, String hexHeader, Clock clock, int port) {
		this.keys = keys;
		this.hints = hints;
		this.hexHeader = hexHeader;
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
			Thread t = new Thread(r, "receiver-" + threads.incrementAndGet());
			t.setDaemon(true);
			return t;
		}, new ThreadPoolExecutor.CallerRunsPolicy());
		try {
			this.server = HttpServer.create(new InetSocketAddress(port), 128);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the receiver could not listen on port " + port, ex);
		}
		server.createContext("/", this::handle);
		server.setExecutor(executor);
	}

	/** A receiver for these connections' deliveries, on {@code settings.port()} (0: any free port). */
	public static Receiver create(Set<String> connections, DataSource dataSource, CredentialsKey key, Clock clock,
			WebhookSettings settings) {
		ConnectionKeys keys = new ConnectionKeys(connections, new WebhookSecrets(dataSource, key, clock),
				new WarehouseQueries(DSL.using(dataSource, SQLDialect.POSTGRES)), clock);
		return new Receiver(keys, new HintLog(dataSource), settings.hexHeader(), clock, settings.port());
	}

	public Receiver start() {
		server.start();
		log.info("receiving webhooks on port {} at /webhooks/<connection>", port());
		return this;
	}

	public int port() {
		return server.getAddress().getPort();
	}

	/** Blocks until {@link #close()}. */
	public void await() throws InterruptedException {
		stopped.await();
	}

	/** Answers given so far by reason (recorded, duplicate, unauthorized, too_large, …). */
	public Map<String, Long> answers() {
		Map<String, Long> out = new TreeMap<>();
		answers.forEach((reason, count) -> out.put(reason, count.get()));
		return out;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if (path.equals("/livez")) {
				answer(exchange, 200, "live");
				return;
			}
			if (path.equals("/readyz")) {
				boolean ready = hints.reachable();
				answer(exchange, ready ? 200 : 503, ready ? "ready" : "the warehouse does not answer");
				return;
			}
			if (!path.startsWith("/webhooks/") || path.indexOf('/', "/webhooks/".length()) >= 0) {
				answer(exchange, 404, "not_found");
				return;
			}
			if (!method.equals("POST")) {
				exchange.getResponseHeaders().set("Allow", "POST");
				answer(exchange, 405, "method_not_allowed");
				return;
			}
			String connection = path.substring("/webhooks/".length());
			if (!keys.known(connection)) {
				answer(exchange, 404, "unknown_connection");
				return;
			}
			byte[] body = bounded(exchange);
			if (body == null) {
				answer(exchange, 413, "too_large");
				return;
			}
			deliver(exchange, connection, body);
		}
	}

	private void deliver(HttpExchange exchange, String connection, byte[] body) throws IOException {
		Instant now = clock.instant();
		DeliveryCheck.Verified verified;
		try {
			verified = DeliveryCheck.check(exchange.getRequestHeaders()::getFirst, body, keys.of(connection).keys(),
					hexHeader, now);
			if (verified == null) {
				verified = DeliveryCheck.check(exchange.getRequestHeaders()::getFirst, body,
						keys.recheck(connection).keys(), hexHeader, now);
			}
		}
		catch (DataAccessException ex) {
			answer(exchange, 503, "warehouse_unavailable");
			return;
		}
		if (verified == null) {
			answer(exchange, 401, "unauthorized");
			return;
		}
		Hint hint;
		try {
			hint = Hint.parse(body, verified.workspaceId(), verified.signedAt());
		}
		catch (Hint.Malformed ex) {
			answer(exchange, 400, "malformed");
			return;
		}
		try {
			boolean fresh = hints.record(connection, verified.workspaceId(), hint,
					hint.days(keys.zone(connection, verified.workspaceId())), verified.eventId(), now);
			answer(exchange, 200, fresh ? "recorded" : "duplicate");
		}
		catch (SQLException | DataAccessException ex) {
			// not recorded: the sender retries it
			log.warn("a delivery for connection '{}' could not be recorded: {}", connection, ex.getClass().getSimpleName());
			answer(exchange, 503, "warehouse_unavailable");
		}
	}

	/** The body, or null when it is longer than {@link #MAX_BODY} (read no further than that). */
	private static byte[] bounded(HttpExchange exchange) throws IOException {
		String length = exchange.getRequestHeaders().getFirst("Content-Length");
		if (length != null && length.matches("\\d{1,19}") && Long.parseLong(length) > MAX_BODY) {
			return null;
		}
		try (InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readNBytes(MAX_BODY + 1);
			return body.length > MAX_BODY ? null : body;
		}
	}

	private void answer(HttpExchange exchange, int status, String reason) throws IOException {
		answers.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
		byte[] text = (reason + "\n").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		if (status == 413 || status == 401) {
			exchange.getResponseHeaders().set("Connection", "close"); // do not read what is left of it
		}
		exchange.sendResponseHeaders(status, text.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(text);
		}
	}

	@Override
	public void close() {
		server.stop(1);
		executor.shutdownNow();
		stopped.countDown();
	}
}
