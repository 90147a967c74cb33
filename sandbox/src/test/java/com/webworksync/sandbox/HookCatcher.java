package com.webworksync.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/** A local endpoint that keeps every request it gets (headers and raw body) and answers {@link #status}. */
final class HookCatcher implements AutoCloseable {

	record Caught(String id, String timestamp, String signature, byte[] body) {
	}

	final List<Caught> caught = Collections.synchronizedList(new ArrayList<>());

	volatile int status = 204;

	private final HttpServer server;

	HookCatcher() {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.createContext("/", exchange -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			var headers = exchange.getRequestHeaders();
			caught.add(new Caught(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
					headers.getFirst("webhook-signature"), body));
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/default";
	}

	List<Caught> all() {
		return List.copyOf(caught);
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
