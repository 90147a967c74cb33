package com.webworksync.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/** One HTTP exchange with the API's address, as bytes: what {@link WebWorkClient} makes of it is its own business. */
final class Transport {

	/** Built on the first request: its HttpClient loads TLS (a few hundred ms), which plan and status never need. */
	private RestClient rest;
	private final ClientSettings settings;

	Transport(ClientSettings settings) {
		this.settings = settings;
	}

	private synchronized RestClient rest() {
		if (rest == null) {
			HttpClient http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
			JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
			factory.setReadTimeout(settings.readTimeout());
			rest = RestClient.builder()
				.baseUrl(settings.baseUrl())
				.requestFactory(factory)
				.defaultHeader(HttpHeaders.ACCEPT, "application/json")
				.build();
		}
		return rest;
	}

	/** The whole answer, body read; a connection that drops mid-body is an I/O failure like any other. */
	Response send(String method, String path, Map<String, String> query, String jsonBody, String token) {
		RestClient.RequestBodySpec request = rest().method(HttpMethod.valueOf(method)).uri(builder -> {
			builder.path(path);
			query.forEach(builder::queryParam);
			return builder.build();
		}).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		if (jsonBody != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).body(jsonBody);
		}
		return request.exchange((sent, response) -> {
			byte[] body;
			try {
				body = response.getBody().readAllBytes();
			}
			catch (IOException ex) {
				throw new ResourceAccessException("connection dropped while reading the body: " + ex.getMessage(), ex);
			}
			return new Response(response.getStatusCode().value(), response.getHeaders(), body);
		}, true);
	}

	/** The innermost cause of an I/O failure, as a log line shows it. */
	static String rootMessage(Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		String m = t.getMessage();
		return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
	}

	record Response(int status, HttpHeaders headers, byte[] body) {

		Integer intHeader(String name) {
			Long value = longHeader(name);
			return value == null ? null : value.intValue();
		}

		Long longHeader(String name) {
			String value = headers.getFirst(name);
			if (value == null) {
				return null;
			}
			try {
				return Long.parseLong(value.trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

		String contentType() {
			String type = headers.getFirst(HttpHeaders.CONTENT_TYPE);
			return type == null ? "no content type" : type;
		}
	}
}
