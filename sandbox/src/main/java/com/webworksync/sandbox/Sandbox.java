package com.webworksync.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A deterministic stand-in for the WebWork Tracker REST API V2 on 127.0.0.1. Start it, point a
 * client at {@link #baseUrl()}, change its data or inject faults between requests, close it.
 */
public final class Sandbox implements AutoCloseable {

	private static final int THREADS = 4;

	static {
		// The JDK server sends headers and body as two TCP segments; without TCP_NODELAY each
		// response then waits ~40 ms for the client's delayed ACK. The JDK reads this property once,
		// when its first HttpServer starts, so it must be set before that.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final SandboxOptions options;

	private final SandboxData data;

	private final RequestLog requests = new RequestLog();

	private final Faults faults = new Faults();

	private final OAuthServer oauth;

	private final Tokens tokens;

	private final HttpServer server;

	private final Deliveries deliveries;

	private final ExecutorService executor;

	private Sandbox(SandboxOptions options) throws IOException {
		this.options = options;
		this.data = new SandboxData(options);
		this.oauth = new OAuthServer(options.clock());
		this.tokens = new Tokens(options);
		this.deliveries = new Deliveries(options, data);
		data.listen(deliveries::announce);
		RateLimiter limiter = new RateLimiter(options.requestsPerMinute(), options.clock()::millis);
		AtomicInteger threadNumber = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(THREADS, r -> {
			Thread t = new Thread(r, "sandbox-http-" + threadNumber.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
		server.createContext("/", new Routes(options, data, limiter, faults, requests, oauth, tokens));
		server.setExecutor(executor);
	}

	/** Generates the data, binds the port and returns once the server accepts connections. */
	public static Sandbox start(SandboxOptions options) {
		try {
			Sandbox sandbox = new Sandbox(options);
			sandbox.server.start();
			return sandbox;
		}
		catch (IOException e) {
			throw new UncheckedIOException("sandbox could not bind 127.0.0.1:" + options.port(), e);
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port() + Routes.PREFIX;
	}

	public int port() {
		return server.getAddress().getPort();
	}

	public SandboxOptions options() {
		return options;
	}

	public SandboxData data() {
		return data;
	}

	public RequestLog requests() {
		return requests;
	}

	/** The OAuth2 token endpoint at {@link #tokenUrl()}. */
	public OAuthServer oauth() {
		return oauth;
	}

	public String tokenUrl() {
		return "http://127.0.0.1:" + port() + OAuthServer.PATH;
	}

	/** The tokens it accepts: add more (a pool's), or revoke one mid-run. */
	public Tokens tokens() {
		return tokens;
	}

	public Faults faults() {
		return faults;
	}

	/** The signed webhook deliveries of every change, and the knobs that make them unreliable. */
	public Deliveries deliveries() {
		return deliveries;
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
		deliveries.close();
	}

}
