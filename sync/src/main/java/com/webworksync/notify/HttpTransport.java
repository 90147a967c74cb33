package com.webworksync.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One POST to a receiver with the JDK's HttpClient, given up after the time it is given; no redirect is followed.
 * What it says about a failure never holds the URL.
 */
final class HttpTransport {

	private final HttpClient http;

	HttpTransport(Duration connectTimeout) {
		this.http = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** Null when the receiver accepted it (2xx), else why not. */
	String post(URI uri, Map<String, String> headers, String body, Duration timeout) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.header("User-Agent", "webwork-sync")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		headers.forEach(request::header);
		try {
			int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			return status / 100 == 2 ? null : "the receiver answered " + status;
		}
		catch (HttpTimeoutException ex) {
			return "no answer within " + Math.max(1, timeout.toMillis()) + " ms (NOTIFY_TIMEOUT)";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
		catch (IOException | RuntimeException ex) {
			return "cannot reach the receiver (" + ex.getClass().getSimpleName() + ")";
		}
	}
}
