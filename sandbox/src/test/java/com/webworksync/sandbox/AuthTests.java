package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 401 without the right bearer token; 403 everywhere but /workspaces for roles below owner/EM. */
class AuthTests {

	@Test
	void missingOrWrongTokenIs401WithTheErrorEnvelope() throws Exception {
		try (Sandbox sandbox = Sandbox.start(PinnedSandbox.OPTIONS)) {
			for (Api api : new Api[] { new Api(sandbox).withToken(null), new Api(sandbox).withToken("nope") }) {
				Api.Reply reply = api.get("/workspaces");
				assertThat(reply.status()).isEqualTo(401);
				assertThat(reply.json().get("success").asBoolean()).isFalse();
				assertThat(reply.json().get("message").asString()).isEqualTo("Unauthenticated.");
				assertThat(reply.json().get("error").isNull()).isTrue();
				assertThat(reply.json().get("meta").get("api_version").asString()).isEqualTo("2.0.0");
			}
			assertThat(sandbox.requests().all()).hasSize(2).noneMatch(RecordedRequest::authorized);
			assertThat(sandbox.requests().all()).allMatch(r -> r.status() == 401 && r.path().equals("/workspaces"));
		}
	}

	@Test
	void ownerAndExecutiveManagerMayReadEverything() throws Exception {
		try (Sandbox sandbox = Sandbox.start(PinnedSandbox.OPTIONS.withCallerRole("Executive manager"))) {
			long ws = sandbox.data().workspaceIds().get(0);
			Api api = new Api(sandbox);
			assertThat(api.ok("/workspaces").data().get(0).get("role").asString()).isEqualTo("Executive manager");
			assertThat(api.get("/members?workspace_id=" + ws).status()).isEqualTo(200);
		}
	}

	@Test
	void otherRolesSeeWorkspacesButGet403Elsewhere() throws Exception {
		try (Sandbox sandbox = Sandbox.start(PinnedSandbox.OPTIONS.withCallerRole("Regular User"))) {
			long ws = sandbox.data().workspaceIds().get(0);
			Api api = new Api(sandbox);
			Api.Reply workspaces = api.ok("/workspaces");
			assertThat(workspaces.data().get(0).get("role").asString()).isEqualTo("Regular User");
			assertThat(workspaces.data().get(0).get("user_id").asLong())
				.isNotEqualTo(workspaces.data().get(0).get("owner_id").asLong());
			for (String path : new String[] { "/members", "/time-entries", "/reports/tracked-hours" }) {
				Api.Reply reply = api.get(path + "?workspace_id=" + ws);
				assertThat(reply.status()).as(path).isEqualTo(403);
				assertThat(reply.json().get("message").asString()).isEqualTo(ErrorAnswer.ROLE_MESSAGE);
			}
		}
	}

	@Test
	void unknownWorkspaceIs403() throws Exception {
		try (Sandbox sandbox = Sandbox.start(PinnedSandbox.OPTIONS)) {
			Api.Reply reply = new Api(sandbox).get("/members?workspace_id=999999");
			assertThat(reply.status()).isEqualTo(403);
			assertThat(reply.json().get("message").asString()).contains("Only workspace owners and executive managers");
		}
	}

}
