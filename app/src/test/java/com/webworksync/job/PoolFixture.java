package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;

import com.webworksync.SyncHarness;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

/**
 * One sandbox workspace (5001) with three tokens, p1 its Owner's and p2, p3 its Executive Managers', each limited by
 * the sandbox on its own, and the configuration that pools them: connections p1…pn, each naming workspace 5001.
 */
final class PoolFixture {

	static final long WORKSPACE = 5001;
	static final int REQUESTS_PER_MINUTE = 600;

	private PoolFixture() {
	}

	static String token(int member) {
		return "pool-token-" + member + "-7f3a";
	}

	static Sandbox sandbox() {
		SandboxOptions options = SyncHarness.fastOptions()
			.withMembers(5)
			.withProjects(3)
			.withHistoryDays(40)
			.withRequestsPerMinute(REQUESTS_PER_MINUTE)
			.withToken(token(1));
		Sandbox sandbox = Sandbox.start(options);
		sandbox.tokens().add(token(2), "Executive manager");
		sandbox.tokens().add(token(3), "Executive manager");
		return sandbox;
	}

	/** Connections p1 … p{members}, each with its token and WORKSPACE_IDS=5001 (one member: no pool at all). */
	static SyncHarness pooled(SyncHarness harness, int members) {
		harness.properties().remove("webwork.api.token");
		harness.properties().remove("webwork.api.url");
		for (int i = 0; i < members; i++) {
			harness.with("webwork.connections[" + i + "].name", "p" + (i + 1))
				.with("webwork.connections[" + i + "].token", token(i + 1))
				.with("webwork.connections[" + i + "].url", harness.sandbox().baseUrl())
				.with("webwork.connections[" + i + "].workspace-ids", WORKSPACE);
		}
		return harness;
	}

	/**
	 * A clean run's ledger as a pool of {@code members} leaves it: the same, and the workspace lists of p2 … pn as
	 * partitions of their own, empty (the workspace's row is p1's).
	 */
	static Set<List<Object>> pooledLedger(Set<List<Object>> clean, int members) {
		Set<List<Object>> ledger = new HashSet<>(clean);
		for (int i = 2; i <= members; i++) {
			ledger.add(List.of("workspaces", 0L, "connection:p" + i, 0, 1));
		}
		return ledger;
	}

	/** The requests as "path?sorted query", counted: what a run asked for, and how often. */
	static Map<String, Long> asked(List<RecordedRequest> requests) {
		return requests.stream().collect(Collectors.groupingBy(ChildSync::key, Collectors.counting()));
	}

	/** No token got a 429, and none sent more than its limit in any sliding minute. */
	static void assertEachTokenUnderItsLimit(List<RecordedRequest> requests) {
		assertThat(requests).as("429s").noneMatch(r -> r.status() == 429);
		Map<String, List<RecordedRequest>> byToken = requests.stream()
			.filter(r -> r.caller() != null)
			.collect(Collectors.groupingBy(RecordedRequest::caller));
		byToken.forEach((token, sent) -> {
			List<java.time.Instant> at = new ArrayList<>(sent.stream().map(RecordedRequest::at).sorted().toList());
			int first = 0;
			for (int last = 0; last < at.size(); last++) {
				while (Duration.between(at.get(first), at.get(last)).compareTo(Duration.ofMinutes(1)) >= 0) {
					first++;
				}
				assertThat(last - first + 1).as("requests of one token in a minute").isLessThanOrEqualTo(REQUESTS_PER_MINUTE);
			}
		});
	}
}
