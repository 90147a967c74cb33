package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The three pagination shapes (`meta.pagination`, top-level `pagination`, none) and the page-size caps. */
class PaginationTests {

	private static Sandbox sandbox;

	private static Api api;

	private static long ws;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(PinnedSandbox.OPTIONS);
		api = new Api(sandbox);
		ws = sandbox.data().workspaceIds().get(0);
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void metaPaginationWithAFullLastPageAndAnEmptyPageAfterIt() throws Exception {
		// 12 members in pages of 4: page 3 is full and last, page 4 is past the end
		JsonNode third = api.ok("/members?workspace_id=" + ws + "&per_page=4&page=3").json();
		JsonNode pagination = third.get("meta").get("pagination");
		assertThat(third.get("data")).hasSize(4);
		assertThat(pagination.get("total").asInt()).isEqualTo(12);
		assertThat(pagination.get("per_page").asInt()).isEqualTo(4);
		assertThat(pagination.get("current_page").asInt()).isEqualTo(3);
		assertThat(pagination.get("last_page").asInt()).isEqualTo(3);
		assertThat(pagination.get("from").asInt()).isEqualTo(9);
		assertThat(pagination.get("to").asInt()).isEqualTo(12);
		assertThat(third.has("pagination")).isFalse();

		JsonNode fourth = api.ok("/members?workspace_id=" + ws + "&per_page=4&page=4").json();
		assertThat(fourth.get("data")).isEmpty();
		assertThat(fourth.get("meta").get("pagination").get("from").isNull()).isTrue();
		assertThat(fourth.get("meta").get("pagination").get("to").isNull()).isTrue();
	}

	@Test
	void pagesCoverEveryRowExactlyOnce() throws Exception {
		java.util.Set<Long> ids = new java.util.HashSet<>();
		for (int page = 1; page <= 3; page++) {
			api.ok("/members?workspace_id=" + ws + "&per_page=5&page=" + page)
				.data()
				.forEach(m -> assertThat(ids.add(m.get("id").asLong())).isTrue());
		}
		assertThat(ids).hasSize(12);
	}

	@Test
	void contractsPutPaginationAtTheTopLevel() throws Exception {
		int total = sandbox.data().list("contracts", ws).size();
		JsonNode body = api.ok("/contracts?workspace_id=" + ws + "&per_page=5&page=2").json();
		assertThat(body.get("meta").has("pagination")).isFalse();
		JsonNode pagination = body.get("pagination");
		assertThat(pagination.get("current_page").asInt()).isEqualTo(2);
		assertThat(pagination.get("per_page").asInt()).isEqualTo(5);
		assertThat(pagination.get("total").asInt()).isEqualTo(total);
		assertThat(pagination.get("last_page").asInt()).isEqualTo((total + 4) / 5);
		assertThat(body.get("data")).hasSize(5);
	}

	@Test
	void projectsHaveNoPaginationBlockAndEndOnAShortPage() throws Exception {
		JsonNode first = api.ok("/projects?workspace_id=" + ws + "&per_page=3").json();
		assertThat(first.get("meta").has("pagination")).isFalse();
		assertThat(first.has("pagination")).isFalse();
		assertThat(first.get("data")).hasSize(3);
		assertThat(api.ok("/projects?workspace_id=" + ws + "&per_page=3&page=2").data()).hasSize(2);
		assertThat(api.ok("/projects?workspace_id=" + ws + "&per_page=3&page=3").data()).isEmpty();
	}

	@Test
	void timeEntriesAndWebhooksCapPerPageAt50() throws Exception {
		String entries = "/time-entries?workspace_id=" + ws + "&user_id=100001&date=2026-01-28&per_page=";
		assertThat(api.get(entries + "50").status()).isEqualTo(200);
		Api.Reply tooMany = api.get(entries + "51");
		assertThat(tooMany.status()).isEqualTo(422);
		assertThat(tooMany.json().get("message").asString()).isEqualTo("The given data was invalid.");
		assertThat(tooMany.json().get("errors").get("per_page").get(0).asString()).contains("50");
		assertThat(api.get("/webhooks?workspace_id=" + ws + "&per_page=51").status()).isEqualTo(422);
		assertThat(api.get("/members?workspace_id=" + ws + "&per_page=100").status()).isEqualTo(200);
		assertThat(api.get("/members?workspace_id=" + ws + "&per_page=101").status()).isEqualTo(422);
	}

	@Test
	void reportsPaginateByUsers() throws Exception {
		JsonNode body = api.ok("/reports/daily-attendance?workspace_id=" + ws + "&date=2026-01-28&per_page=4").json();
		assertThat(body.get("data")).hasSize(4);
		long attendees = sandbox.data()
			.list("members", ws)
			.stream()
			.filter(m -> !m.get("current_role").asString().equals("Project viewer"))
			.filter(m -> !m.get("status").asString().equals("left"))
			.count();
		assertThat(body.get("meta").get("pagination").get("total").asLong()).isEqualTo(attendees).isLessThan(12);
		assertThat(body.get("data").get(0).get("user_id").asLong())
			.isLessThan(body.get("data").get(1).get("user_id").asLong());
	}

}
