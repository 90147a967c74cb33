package com.webworksync.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.node.ObjectNode;

/** A response being prepared; faults may still bend it (headers, body, a cut connection) before it is written. */
final class Response {

	final int status;

	final ObjectNode json;

	private final byte[] raw;

	private final String contentType;

	final Map<String, String> headers = new LinkedHashMap<>();

	/** Send a Content-Length for the whole body, write half of it, then drop the connection. */
	boolean resetMidBody;

	/** Send only the first half of the body, with a matching Content-Length (valid HTTP, broken JSON). */
	boolean truncated;

	private Response(int status, ObjectNode json, byte[] raw, String contentType) {
		this.status = status;
		this.json = json;
		this.raw = raw;
		this.contentType = contentType;
	}

	static Response json(int status, ObjectNode body) {
		return new Response(status, body, null, "application/json");
	}

	static Response error(ErrorAnswer e) {
		return json(e.status, Envelope.error(e));
	}

	static Response html(int status, String html) {
		return new Response(status, null, html.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8");
	}

	Response header(String name, Object value) {
		headers.put(name, String.valueOf(value));
		return this;
	}

	byte[] body() {
		byte[] bytes = raw != null ? raw : Json.bytes(json);
		return truncated ? Arrays.copyOf(bytes, bytes.length / 2) : bytes;
	}

	void write(HttpExchange exchange) throws IOException {
		byte[] body = body();
		exchange.getResponseHeaders().set("Content-Type", contentType);
		headers.forEach(exchange.getResponseHeaders()::set);
		if (resetMidBody) {
			exchange.sendResponseHeaders(status, body.length);
			OutputStream out = exchange.getResponseBody();
			out.write(body, 0, body.length / 2);
			out.flush();
			// an exception escaping the handler makes the JDK server close the socket at once
			throw new IOException("sandbox fault: connection reset mid-body");
		}
		exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
