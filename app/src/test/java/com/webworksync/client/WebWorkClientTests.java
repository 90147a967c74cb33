package com.webworksync.client;

import static com.webworksync.WarehouseAssertions.canonical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.webworksync.sandbox.Fault;
import com.webworksync.sandbox.Fault.Kind;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

import tools.jackson.databind.JsonNode;

/**
 * The real client against the sandbox over HTTP: the three pagination shapes walked to the end,
 * typed errors for what retrying cannot fix, and retries that recover from what it can.
 */
class WebWorkClientTests {

	private static final int MAX_ATTEMPTS = 4;

	private static Sandbox sandbox;
	private static long ws;
	private static Map<String, String> inWorkspace;

	private WebWorkClient client;

	@BeforeAll
	static void startSandbox() {
		sandbox = Sandbox.start(SandboxOptions.defaults()
			.withRequestsPerMinute(0)
			.withMembers(8)
			.withProjects(6)
			.withHistoryDays(10)
			.withToken("client-test-token"));
		ws = sandbox.data().workspaceIds().get(0);
		inWorkspace = Map.of("workspace_id", Long.toString(ws));
	}

	@AfterAll
	static void stopSandbox() {
		sandbox.close();
	}

	@BeforeEach
	void freshClient() {
		sandbox.faults().clear();
		sandbox.requests().clear();
		client = client(sandbox, sandbox.options().token());
	}

	private static WebWorkClient client(Sandbox target, String token) {
		return new WebWorkClient(new ClientSettings(target.baseUrl(), token, Duration.ofSeconds(5), Duration.ofSeconds(10),
				MAX_ATTEMPTS, 5, Duration.ofMillis(10), Duration.ofMillis(100)), new RequestBudget(60_000, java.time.Clock.systemUTC()));
	}

	// ---- pagination ----

	@Test
	void metaPaginationOnMembersIsWalkedToTheEnd() {
		List<JsonNode> served = sandbox.data().list("members", ws).stream().map(m -> (JsonNode) m).toList();
		assertThat(served).hasSize(8);
		assertThat(walk("/members", 3)).isEqualTo(canonical(served));
		// 3 + 3 + 2: meta.pagination.last_page ends the walk without asking for an empty page
		assertThat(pagesAsked("/members")).containsExactly("1", "2", "3");
	}

	@Test
	void topLevelPaginationOnContractsIsWalkedToTheEnd() {
		List<JsonNode> served = sandbox.data().list("contracts", ws).stream().map(m -> (JsonNode) m).toList();
		assertThat(served).hasSizeGreaterThan(4);
		int perPage = 4;
		assertThat(walk("/contracts", perPage)).isEqualTo(canonical(served));
		int pages = (served.size() + perPage - 1) / perPage;
		assertThat(pagesAsked("/contracts")).hasSize(pages);
	}

	@Test
	void noPaginationBlockOnProjectsStopsOnTheShortPage() {
		List<JsonNode> served = sandbox.data().list("projects", ws).stream().map(m -> (JsonNode) m).toList();
		assertThat(served).hasSize(6);
		assertThat(walk("/projects", 4)).isEqualTo(canonical(served));
		assertThat(pagesAsked("/projects")).containsExactly("1", "2");
	}

	@Test
	void aFullLastPageWithoutPaginationEndsWithOneEmptyPage() {
		List<JsonNode> served = sandbox.data().list("projects", ws).stream().map(m -> (JsonNode) m).toList();
		int perPage = 3; // 6 projects: two full pages, nothing tells the client page 2 is the last
		assertThat(served.size() % perPage).isZero();
		assertThat(walk("/projects", perPage)).isEqualTo(canonical(served));
		assertThat(pagesAsked("/projects")).containsExactly("1", "2", "3");
		assertThat(sandbox.requests().all()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
	}

	@Test
	void anEmptyPageIsTheLastOne() {
		ApiPage pastTheEnd = client.page("/projects", inWorkspace, 7, 100);
		assertThat(pastTheEnd.items()).isEmpty();
		assertThat(pastTheEnd.last()).isTrue();

		long user = sandbox.data().list("time_entries", ws).get(0).path("user_id").asLong();
		LocalDate longBeforeHistory = sandbox.data().today(ws).minusYears(3);
		ApiPage noTime = client.page("/time-entries",
				Map.of("workspace_id", Long.toString(ws), "user_id", Long.toString(user), "date", longBeforeHistory.toString()),
				1, 50);
		assertThat(noTime.items()).isEmpty();
		assertThat(noTime.last()).isTrue();
		assertThat(noTime.requests()).isEqualTo(1);
	}

	// ---- back-pressure and retries ----

	@Test
	void a429WithRetryAfterIsWaitedOutAndRetried() {
		sandbox.faults().inject(Fault.of(Kind.TOO_MANY_REQUESTS).on("/members").retryAfter(1));
		long waitsBefore = client.budget().waits();

		ApiPage page = client.page("/members", inWorkspace, 1, 100);

		assertThat(page.items()).hasSize(8);
		List<RecordedRequest> log = sandbox.requests().all();
		assertThat(log).extracting(RecordedRequest::status).containsExactly(429, 200);
		assertThat(client.retries()).isEqualTo(1);
		assertThat(client.budget().waits() - waitsBefore).isEqualTo(1);
		// Retry-After: 1 is a floor: the retry cannot arrive sooner after the 429's request did
		assertThat(Duration.between(log.get(0).at(), log.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void a429WithoutRetryAfterIsRetried() {
		sandbox.faults().inject(Fault.of(Kind.TOO_MANY_REQUESTS).on("/members"));

		ApiPage page = client.page("/members", inWorkspace, 1, 100);

		assertThat(page.items()).hasSize(8);
		assertThat(sandbox.requests().all()).extracting(RecordedRequest::status).containsExactly(429, 200);
		assertThat(client.retries()).isEqualTo(1);
		assertThat(client.requests()).isEqualTo(2);
	}

	@Test
	void aBurstOf5xxIsRecovered() {
		sandbox.faults().inject(Fault.of(Kind.UNAVAILABLE).on("/members").times(3));

		ApiPage page = client.page("/members", inWorkspace, 1, 100);

		assertThat(page.items()).hasSize(8);
		assertThat(page.requests()).isEqualTo(4);
		assertThat(sandbox.requests().all()).extracting(RecordedRequest::status).containsExactly(503, 503, 503, 200);
		assertThat(client.retries()).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(value = Kind.class, names = { "RESET_CONNECTION", "TRUNCATED_JSON", "HTML_200", "SUCCESS_FALSE_200" })
	void aBrokenAnswerOnceIsRetriedAndRecovered(Kind kind) {
		sandbox.faults().inject(Fault.of(kind).on("/members"));

		ApiPage page = client.page("/members", inWorkspace, 1, 100);

		assertThat(canonical(page.items())).isEqualTo(canonical(sandbox.data().list("members", ws)));
		assertThat(sandbox.requests().all()).hasSize(2);
		assertThat(sandbox.faults().pending()).isZero();
		assertThat(client.retries()).isEqualTo(1);
		assertThat(page.requests()).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(value = Kind.class, names = { "UNAVAILABLE", "SERVER_ERROR", "RESET_CONNECTION", "TRUNCATED_JSON", "HTML_200",
			"SUCCESS_FALSE_200" })
	void aFaultThatOutlastsEveryAttemptIsUnavailableNamingTheEndpoint(Kind kind) {
		client.page("/projects", inWorkspace, 1, 100); // the address has answered as the API: what follows is an outage
		sandbox.faults().inject(Fault.of(kind).on("/members").times(MAX_ATTEMPTS + 1));

		assertThatThrownBy(() -> client.page("/members", inWorkspace, 1, 100))
			.isInstanceOf(ApiException.Unavailable.class)
			.hasMessageContaining("GET /members?workspace_id=" + ws)
			.hasMessageContaining("failed " + MAX_ATTEMPTS + " times");
		assertThat(sandbox.requests().count("/members")).isEqualTo(MAX_ATTEMPTS);
	}

	// ---- errors that retrying cannot fix: one request each ----

	@Test
	void a401IsUnauthorizedNamingTheTokenVariable() {
		WebWorkClient wrongToken = client(sandbox, "not-the-token-4711");

		assertThatThrownBy(() -> wrongToken.page("/members", inWorkspace, 1, 100))
			.isInstanceOf(ApiException.Unauthorized.class)
			.hasMessageContaining("WEBWORK_API_TOKEN")
			.message()
			.doesNotContain("not-the-token-4711");
		assertThat(sandbox.requests().all()).extracting(RecordedRequest::status).containsExactly(401);
	}

	@Test
	void a403IsForbiddenNamingTheWorkspaceAndTheRole() {
		try (Sandbox regularUser = Sandbox.start(sandbox.options().withCallerRole("Regular User"))) {
			WebWorkClient asRegularUser = client(regularUser, regularUser.options().token());

			assertThatThrownBy(() -> asRegularUser.page("/members", inWorkspace, 1, 100))
				.isInstanceOfSatisfying(ApiException.Forbidden.class, ex -> assertThat(ex.workspaceId()).isEqualTo(ws))
				.hasMessageContaining("workspace " + ws)
				.hasMessageContaining("Owner or Executive manager");
			assertThat(regularUser.requests().all()).extracting(RecordedRequest::status).containsExactly(403);
		}
	}

	@Test
	void a404IsNotFound() {
		assertThatThrownBy(() -> client.page("/no-such-endpoint", inWorkspace, 1, 100))
			.isInstanceOf(ApiException.NotFound.class)
			.hasMessageContaining("/no-such-endpoint");
		assertThat(sandbox.requests().all()).extracting(RecordedRequest::status).containsExactly(404);
	}

	@Test
	void a422IsRejectedNamingTheEndpoint() {
		assertThatThrownBy(() -> client.page("/members", inWorkspace, 1, 500))
			.isInstanceOf(ApiException.Rejected.class)
			.hasMessageContaining("GET /members?workspace_id=" + ws + "&page=1&per_page=500")
			.hasMessageContaining("422")
			.hasMessageContaining("per page");
		assertThat(sandbox.requests().all()).extracting(RecordedRequest::status).containsExactly(422);
	}

	// ---- helpers ----

	/** Every page of a list until the client says it was the last, as canonical JSON. */
	private JsonNode walk(String path, int perPage) {
		List<JsonNode> items = new ArrayList<>();
		for (int page = 1;; page++) {
			ApiPage result = client.page(path, inWorkspace, page, perPage);
			assertThat(result.requests()).isEqualTo(1);
			assertThat(result.items().size()).isLessThanOrEqualTo(perPage);
			items.addAll(result.items());
			if (result.last()) {
				return canonical(items);
			}
			assertThat(page).as("pages of " + path).isLessThan(100);
		}
	}

	private List<String> pagesAsked(String path) {
		return sandbox.requests()
			.all()
			.stream()
			.filter(r -> r.path().equals(path))
			.map(r -> r.query().get("page").get(0))
			.toList();
	}
}
