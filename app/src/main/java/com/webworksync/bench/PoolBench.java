package com.webworksync.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import com.webworksync.config.Launcher;
import com.webworksync.job.SyncRunner;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

/**
 * {@code bench --size=pool}: a 50-member × 90-day backfill with one token, then the same with three pooled tokens
 * (the workspace's Owner and two Executive Managers), the sandbox limiting each token to 600 requests a minute and
 * each client's budget set to match. Wall time one ÷ three is {@code pool_speedup}; the pooled run's requests ÷ the
 * single-token minimum is {@code pool_vs_min}.
 */
final class PoolBench {

	static final int MEMBERS = 50;
	static final int DAYS = 90;
	static final int TOKENS = 3;
	static final int REQUESTS_PER_MINUTE = 600;

	record Result(double singleSeconds, long singleRequests, double pooledSeconds, long pooledRequests, long minimum) {

		double speedup() {
			return singleSeconds / pooledSeconds;
		}
	}

	private PoolBench() {
	}

	static Result measure(Bench bench) throws Exception {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
			.withMembers(MEMBERS)
			.withProjects(12)
			.withHistoryDays(DAYS)
			.withRequestsPerMinute(REQUESTS_PER_MINUTE)
			.withToken(token(1)))) {
			for (int i = 2; i <= TOKENS; i++) {
				sandbox.tokens().add(token(i), "Executive manager");
			}
			long ws = sandbox.data().workspaceIds().get(0);
			LocalDate today = sandbox.data().today(ws);
			String from = "--from=" + today.minusDays(DAYS - 1);
			long[] single = backfill(sandbox, properties(sandbox, bench.database(), ws, 1), from);
			List<RecordedRequest> singleRequests = sandbox.requests().all();
			long minimum = Minimum.backfill(sandbox, ws, today.minusDays(DAYS - 1), today, singleRequests);
			long[] pooled = backfill(sandbox, properties(sandbox, bench.database(), ws, TOKENS), from);
			return new Result(single[0] / 1e9, single[1], pooled[0] / 1e9, pooled[1], minimum);
		}
	}

	/** One backfill in a fresh context: its wall time (ns) and requests. */
	private static long[] backfill(Sandbox sandbox, Map<String, Object> properties, String from) throws Exception {
		try (ConfigurableApplicationContext context = Launcher.start(new String[0], properties)) {
			SyncRunner runner = context.getBean(SyncRunner.class);
			long started = System.nanoTime();
			List<RecordedRequest> requests = Bench.run(sandbox, runner, "sync", from);
			return new long[] { System.nanoTime() - started, requests.size() };
		}
	}

	/** Connections p1 … p{tokens}, each naming the workspace (one token: no pool). */
	private static Map<String, Object> properties(Sandbox sandbox, String database, long ws, int tokens) {
		Map<String, Object> properties = Bench.properties(sandbox, database, REQUESTS_PER_MINUTE);
		properties.remove("webwork.api.token");
		for (int i = 0; i < tokens; i++) {
			properties.put("webwork.connections[" + i + "].name", "p" + (i + 1));
			properties.put("webwork.connections[" + i + "].token", token(i + 1));
			properties.put("webwork.connections[" + i + "].workspace-ids", ws);
		}
		return properties;
	}

	private static String token(int i) {
		return "bench-pool-token-" + i;
	}
}
