package com.webworksync.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the tests: real sockets, no Spring, no parsing help beyond Jackson. */
final class Api {

	/** One answer: status, headers and the parsed body (null when it is not JSON). */
	record Reply(int status, HttpResponse<String> raw, JsonNode json) {

		Optional<String> header(String name) {
			return raw.headers().firstValue(name);
		}

		JsonNode data() {
			return json.get("data");
		}

	}

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String token;

	Api(Sandbox sandbox) {
		this(sandbox.baseUrl(), sandbox.options().token());
	}

	Api(String baseUrl, String token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	Api withToken(String other) {
		return new Api(baseUrl, other);
	}

	/**
	 * How long a request may wait for its answer: a guard against a hung test, not a verdict on speed. Two copies of
	 * the suite on 2 cores saw a report request take over 10 s.
	 */
	private static final Duration PATIENCE = Duration.ofMinutes(2);

	/** GET {@code pathAndQuery} (e.g. "/members?workspace_id=5001"); throws on transport errors. */
	Reply get(String pathAndQuery) throws IOException, InterruptedException {
		return exchange(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(PATIENCE).GET());
	}

	private Reply exchange(HttpRequest.Builder request) throws IOException, InterruptedException {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode json = null;
		try {
			json = MAPPER.readTree(response.body());
		}
		catch (RuntimeException notJson) {
			// left null: some faults send HTML or cut JSON on purpose
		}
		return new Reply(response.statusCode(), response, json);
	}

	/** POST, PUT or DELETE with a JSON body (null: none). */
	Reply send(String method, String pathAndQuery, String json) throws IOException, InterruptedException {
		return exchange(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
			.timeout(PATIENCE)
			.header("Content-Type", "application/json")
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
	}

	/** GET that must answer 200. */
	Reply ok(String pathAndQuery) throws IOException, InterruptedException {
		Reply reply = get(pathAndQuery);
		if (reply.status() != 200) {
			throw new AssertionError("GET " + pathAndQuery + " -> " + reply.status() + " " + reply.raw().body());
		}
		return reply;
	}

	/** All entries of one user-day over HTTP, following pagination like a client would. */
	List<JsonNode> entries(long ws, long user, String date) throws Exception {
		List<JsonNode> out = new ArrayList<>();
		for (int page = 1;; page++) {
			JsonNode body = ok("/time-entries?workspace_id=" + ws + "&user_id=" + user + "&date=" + date
					+ "&per_page=50&page=" + page).json();
			body.get("data").forEach(out::add);
			if (page >= body.get("meta").get("pagination").get("last_page").asInt()) {
				return out;
			}
		}
	}

}
