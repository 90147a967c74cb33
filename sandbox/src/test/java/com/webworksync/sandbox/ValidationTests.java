package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Required parameters, date windows, unknown and disabled paths. */
class ValidationTests {

	private static Sandbox sandbox;

	private static Api api;

	private static long ws;

	@BeforeAll
	static void start() {
		sandbox = Sandbox.start(PinnedSandbox.OPTIONS.withDisabledPaths(Set.of("/leaves/policies")));
		api = new Api(sandbox);
		ws = sandbox.data().workspaceIds().get(0);
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void tasksNeedAProjectOrAContract() throws Exception {
		assertInvalid("/tasks?workspace_id=" + ws, "project_id");
		long project = sandbox.data().list("projects", ws).get(0).get("id").asLong();
		assertThat(api.ok("/tasks?workspace_id=" + ws + "&project_id=" + project).data())
			.isNotEmpty()
			.allMatch(t -> t.get("project_id").asLong() == project);
		var contract = sandbox.data().list("contracts", ws).get(0);
		assertThat(api.ok("/tasks?workspace_id=" + ws + "&contract_id=" + contract.get("id").asLong()).data())
			.isNotEmpty()
			.allMatch(t -> t.get("project_id").asLong() == contract.get("project_id").asLong());
	}

	@Test
	void timeEntriesNeedUserAndDate() throws Exception {
		assertInvalid("/time-entries?workspace_id=" + ws + "&user_id=100001", "date");
		assertInvalid("/time-entries?workspace_id=" + ws + "&date=2026-01-28", "user_id");
		assertInvalid("/time-entries?workspace_id=" + ws + "&user_id=100001&date=28.01.2026", "date");
	}

	@Test
	void timeRequestsAndBalancesNeedBothDates() throws Exception {
		assertInvalid("/time-requests?workspace_id=" + ws + "&date_to=2026-01-28", "date_from");
		assertInvalid("/leaves/balances?workspace_id=" + ws + "&date_from=2026-01-01", "date_to");
		assertThat(api.get("/time-requests?workspace_id=" + ws + "&date_from=2025-10-01&date_to=2026-01-29").status())
			.isEqualTo(200);
	}

	@Test
	void workspaceIdIsRequired() throws Exception {
		assertInvalid("/members", "workspace_id");
		assertInvalid("/members?workspace_id=abc", "workspace_id");
	}

	@Test
	void rangeReportsAllowAtMost31DaysInclusive() throws Exception {
		String base = "?workspace_id=" + ws + "&start_date=2026-01-01&end_date=";
		for (String report : new String[] { "tracked-hours", "activity-level", "task-report",
				"activity-descriptions" }) {
			assertThat(api.get("/reports/" + report + base + "2026-01-31").status()).as(report).isEqualTo(200);
			assertInvalid("/reports/" + report + base + "2026-02-01", "end_date");
		}
		assertInvalid("/reports/tracked-hours?workspace_id=" + ws + "&start_date=2026-01-10&end_date=2026-01-01",
				"end_date");
		assertInvalid("/reports/tracked-hours?workspace_id=" + ws, "start_date");
	}

	@Test
	void timelineReachesOneYearEitherWay() throws Exception {
		String base = "/reports/daily-timeline?workspace_id=" + ws + "&date=";
		assertThat(api.get(base + "2025-01-29").status()).isEqualTo(200); // today - 365
		assertInvalid(base + "2025-01-28", "date");
		assertThat(api.get(base + "2027-01-29").status()).isEqualTo(200);
		assertInvalid(base + "2027-01-30", "date");
		assertInvalid("/reports/daily-timeline?workspace_id=" + ws, "date");
	}

	@Test
	void unknownAndDisabledPathsAre404() throws Exception {
		for (String path : new String[] { "/nothing-here?workspace_id=" + ws, "/leaves/policies?workspace_id=" + ws }) {
			Api.Reply reply = api.get(path);
			assertThat(reply.status()).as(path).isEqualTo(404);
			assertThat(reply.json().get("success").asBoolean()).isFalse();
			assertThat(reply.json().has("error")).isTrue();
		}
		assertThat(api.get("/expenses/categories?workspace_id=" + ws).status()).isEqualTo(200);
	}

	private static void assertInvalid(String pathAndQuery, String field) throws Exception {
		Api.Reply reply = api.get(pathAndQuery);
		assertThat(reply.status()).as(pathAndQuery).isEqualTo(422);
		assertThat(reply.json().get("success").asBoolean()).isFalse();
		assertThat(reply.json().get("message").asString()).isEqualTo("The given data was invalid.");
		assertThat(reply.json().get("errors").has(field)).as(pathAndQuery + " errors " + reply.json().get("errors"))
			.isTrue();
		assertThat(reply.json().get("meta").get("timestamp").asString())
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
	}

}
