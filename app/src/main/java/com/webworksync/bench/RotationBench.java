package com.webworksync.bench;

import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.ConfigurableApplicationContext;

import com.webworksync.config.Launcher;
import com.webworksync.job.SyncRunner;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

/**
 * {@code bench --size=rotation}: a privacy key rotation at 50 and 400 members. A pseudonymized backfill of
 * {@value #DAYS} days under k1 (not measured), an ordinary run under k1, then the rotating run (WEBWORK_PRIVACY_KEY=k2,
 * k1 as the previous key): its wall time, the rewrite's share of it (sync.privacy_rewrites), the rows it checked and
 * re-keyed, and its requests beside the ordinary run's (the re-keying reads nothing from the API).
 */
final class RotationBench {

	static final int DAYS = 90;
	static final List<Integer> MEMBERS = List.of(50, 400);
	private static final String K1 = "k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
	private static final String K2 = "k2:ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

	/** One size: the ordinary run's and the rotating run's wall time (s) and requests, and the rewrite's. */
	record Result(int members, double runSeconds, long runRequests, double rotationSeconds, long rotationRequests,
			double rewriteSeconds, long rowsChecked, long rowsRekeyed) {
	}

	private RotationBench() {
	}

	static Result measure(Bench bench, int members) throws Exception {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withMembers(members).withProjects(12)
			.withHistoryDays(DAYS).withRequestsPerMinute(0))) {
			Map<String, Object> properties = Bench.properties(sandbox, bench.database(), 60_000);
			properties.put("sync.privacy", "pseudonymize");
			properties.put("webwork.privacy-key", K1);
			String from = "--from=" + sandbox.data().today(sandbox.data().workspaceIds().get(0)).minusDays(DAYS - 1);
			run(sandbox, properties, "sync", from);
			long[] ordinary = run(sandbox, properties, "sync");
			properties.put("webwork.privacy-key", K2);
			properties.put("webwork.privacy-previous-key", K1);
			try (ConfigurableApplicationContext context = Launcher.start(new String[0], properties)) {
				DSLContext dsl = context.getBean(DSLContext.class);
				Object before = dsl.fetchValue("select max(finished_at)::text from sync.privacy_rewrites");
				long started = System.nanoTime();
				List<RecordedRequest> requests = Bench.run(sandbox, context.getBean(SyncRunner.class), "sync");
				long rotation = System.nanoTime() - started;
				Record rewrite = dsl.fetchOne("select extract(epoch from max(finished_at) - min(started_at))::float8, "
						+ "sum(rows_checked)::bigint, sum(rows_rewritten)::bigint from sync.privacy_rewrites where started_at > coalesce(?::timestamptz, '-infinity')",
						before);
				return new Result(members, ordinary[0] / 1e9, ordinary[1], rotation / 1e9, requests.size(),
						rewrite.get(0, Double.class), rewrite.get(1, Long.class), rewrite.get(2, Long.class));
			}
		}
	}

	/** One run in a fresh context: its wall time (ns) and requests. */
	private static long[] run(Sandbox sandbox, Map<String, Object> properties, String... args) throws Exception {
		try (ConfigurableApplicationContext context = Launcher.start(new String[0], properties)) {
			long started = System.nanoTime();
			List<RecordedRequest> requests = Bench.run(sandbox, context.getBean(SyncRunner.class), args);
			return new long[] { System.nanoTime() - started, requests.size() };
		}
	}
}
