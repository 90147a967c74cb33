package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.webworksync.sandbox.Fault.Kind;

/** Each fault kind once, then the normal answer again. */
class FaultsTests {

	private static Sandbox sandbox;

	private static Api api;

	private static String members;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(PinnedSandbox.OPTIONS.withRequestsPerMinute(1000));
		api = new Api(sandbox);
		members = "/members?workspace_id=" + sandbox.data().workspaceIds().get(0) + "&per_page=5";
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@AfterEach
	void clear() {
		sandbox.faults().clear();
	}

	@ParameterizedTest
	@CsvSource({ "SERVER_ERROR, 500", "BAD_GATEWAY, 502", "UNAVAILABLE, 503", "UNAUTHORIZED, 401", "FORBIDDEN, 403",
			"NOT_FOUND, 404", "TOO_MANY_REQUESTS, 429" })
	void errorKindsAnswerOnceWithTheErrorEnvelope(Kind kind, int status) throws Exception {
		sandbox.faults().inject(Fault.of(kind));
		assertThat(sandbox.faults().pending()).isEqualTo(1);
		Api.Reply reply = api.get(members);
		assertThat(reply.status()).isEqualTo(status);
		assertThat(reply.json().get("success").asBoolean()).isFalse();
		assertThat(reply.json().get("meta").get("api_version").asString()).isEqualTo("2.0.0");
		assertThat(reply.header("Retry-After")).isEmpty();
		assertThat(sandbox.faults().pending()).isZero();
		assertThat(api.get(members).status()).isEqualTo(200);
		var log = sandbox.requests().all();
		assertThat(log.get(log.size() - 2).status()).isEqualTo(status);
	}

	@Test
	void tooManyRequestsCanCarryRetryAfter() throws Exception {
		sandbox.faults().inject(Fault.of(Kind.TOO_MANY_REQUESTS).retryAfter(3));
		Api.Reply reply = api.get(members);
		assertThat(reply.status()).isEqualTo(429);
		assertThat(reply.header("Retry-After")).contains("3");
		assertThat(reply.json().get("message").asString()).isEqualTo("Too Many Attempts.");
	}

	@Test
	void slowWaitsThenAnswersNormally() throws Exception {
		sandbox.faults().inject(Fault.of(Kind.SLOW).delay(Duration.ofMillis(300)));
		long started = System.nanoTime();
		assertThat(api.get(members).status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void resetConnectionCutsTheBody() throws Exception {
		sandbox.faults().inject(Fault.of(Kind.RESET_CONNECTION));
		assertThatThrownBy(() -> api.get(members)).isInstanceOf(IOException.class);
		assertThat(api.get(members).status()).isEqualTo(200);
		assertThat(sandbox.requests().all().get((int) sandbox.requests().count() - 2).status()).isEqualTo(200);
	}

	@Test
	void truncatedJsonIsAShortUnparseable200() throws Exception {
		int full = api.get(members).raw().body().length();
		sandbox.faults().inject(Fault.of(Kind.TRUNCATED_JSON));
		Api.Reply reply = api.get(members);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json()).isNull();
		assertThat(reply.raw().body().length()).isLessThan(full).isGreaterThan(full / 3);
	}

	@Test
	void html200AndSuccessFalse200() throws Exception {
		sandbox.faults().inject(Fault.of(Kind.HTML_200));
		sandbox.faults().inject(Fault.of(Kind.SUCCESS_FALSE_200));
		Api.Reply html = api.get(members);
		assertThat(html.status()).isEqualTo(200);
		assertThat(html.header("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(html.raw().body()).contains("Service Unavailable");
		Api.Reply falsy = api.get(members);
		assertThat(falsy.status()).isEqualTo(200);
		assertThat(falsy.json().get("success").asBoolean()).isFalse();
		assertThat(falsy.json().get("message").asString()).isEqualTo("Something went wrong");
	}

	@Test
	void lyingRemainingSaysZeroOnANormalAnswer() throws Exception {
		assertThat(api.get(members).header("X-RateLimit-Remaining").map(Integer::parseInt).orElseThrow()).isPositive();
		sandbox.faults().inject(Fault.of(Kind.LYING_REMAINING));
		Api.Reply reply = api.get(members);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.data()).hasSize(5);
		assertThat(reply.header("X-RateLimit-Remaining")).contains("0");
	}

	@Test
	void bodyMutationsTouchEveryItem() throws Exception {
		sandbox.faults().inject(Fault.of(Kind.WRONG_TYPE));
		sandbox.faults().inject(Fault.of(Kind.EXTRA_FIELD));
		sandbox.faults().inject(Fault.of(Kind.MISSING_FIELD));
		// rules apply in order, one per request
		api.get(members).data().forEach(m -> assertThat(m.get("id").asString()).isEqualTo("abc"));
		api.get(members).data().forEach(m -> assertThat(m.get("x_new_field").get("a").asInt()).isEqualTo(1));
		api.get(members).data().forEach(m -> {
			assertThat(m.has("deleted_at")).isFalse();
			assertThat(m.has("id")).isTrue();
		});
		JsonNode normal = api.get(members).data().get(0);
		assertThat(normal.get("id").isNumber()).isTrue();
		assertThat(normal.has("deleted_at")).isTrue();
		assertThat(normal.has("x_new_field")).isFalse();
	}

	@Test
	void prefixSkipAndTimesSelectWhichRequestsFail() throws Exception {
		long ws = sandbox.data().workspaceIds().get(0);
		sandbox.faults().inject(Fault.of(Kind.SERVER_ERROR).on("/projects").skip(1).times(2));
		assertThat(api.get(members).status()).isEqualTo(200);
		assertThat(api.get("/projects?workspace_id=" + ws).status()).isEqualTo(200);
		assertThat(api.get("/projects?workspace_id=" + ws).status()).isEqualTo(500);
		assertThat(sandbox.faults().pending()).isEqualTo(1);
		assertThat(api.get("/projects?workspace_id=" + ws).status()).isEqualTo(500);
		assertThat(api.get("/projects?workspace_id=" + ws).status()).isEqualTo(200);
		assertThat(sandbox.faults().pending()).isZero();
	}

	@Test
	void requestLogCountsByPath() throws Exception {
		sandbox.requests().clear();
		sandbox.faults().inject(Fault.of(Kind.SERVER_ERROR));
		api.get(members);
		api.get(members);
		api.get("/workspaces");
		assertThat(sandbox.requests().count()).isEqualTo(3);
		assertThat(sandbox.requests().count("/members")).isEqualTo(2);
		assertThat(sandbox.requests().countsByPath()).containsEntry("/workspaces", 1L).containsEntry("/members", 2L);
		RecordedRequest first = sandbox.requests().all().get(0);
		assertThat(first.status()).isEqualTo(500);
		assertThat(first.method()).isEqualTo("GET");
		assertThat(first.query()).containsEntry("per_page", java.util.List.of("5"));
		assertThat(first.authorized()).isTrue();
		assertThat(JsonMapper.builder().build().writeValueAsString(first.query())).contains("workspace_id");
	}

}
