package com.webworksync.bench;

import com.webworksync.config.Command;
import com.webworksync.config.ConfigurationException;
import com.webworksync.job.RunParameters;
import com.webworksync.job.SyncRunner;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.QuietPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code bench}: the request planner, the budget, the loader and the heap, measured against the
 * sandbox and an embedded PostgreSQL, ending with one line of ratios (issue 4).
 */
public final class Bench {

	/** The paths of the change-detected streams: what the oracle counts call by call. */
	static final Set<String> CHANGE_DETECTED = new Catalog().changeDetected()
		.stream()
		.map(StreamDef::path)
		.collect(Collectors.toUnmodifiableSet());

	private final int members;
	private final int days;
	private final String size;
	private final Map<String, String> table = new LinkedHashMap<>();
	private EmbeddedPostgres postgres;
	private int databases;

	private Bench(int members, int days, String size) {
		this.members = members;
		this.days = days;
		this.size = size;
	}

	public static int run(String[] args) throws Exception {
		int members = option(args, "--members=", 50);
		int days = option(args, "--days=", 365);
		String size = "base";
		for (String arg : args) {
			if (arg.startsWith("--size=")) {
				size = arg.substring("--size=".length());
			}
		}
		if (!Set.of("base", "large", "pool", "rotation", "hints", "all").contains(size)) {
			throw new ConfigurationException("--size must be base, large, pool, rotation, hints or all, got '" + size + "'");
		}
		return new Bench(members, days, size).measure();
	}

	private int measure() throws Exception {
		Path directory = Files.createTempDirectory("webwork-bench");
		QuietPostgres.unlessDebug();
		postgres = EmbeddedPostgres.builder().setPort(0).setDataDirectory(directory).setCleanDataDirectory(true).start();
		try {
			StringBuilder line = new StringBuilder("bench:");
			boolean ok = true;
			if (size.equals("base") || size.equals("all")) {
				ok &= BaseBench.measure(this, members, days, line);
			}
			if (size.equals("large") || size.equals("all")) {
				ok &= measureLarge(line);
			}
			if (size.equals("pool") || size.equals("all")) {
				measurePool(line);
			}
			if (size.equals("rotation") || size.equals("all")) {
				measureRotation(line);
			}
			if (size.equals("hints")) { // not in "all": it runs on the real clock, about ten minutes
				System.out.printf("bench, hints: %d members, %d tracker stops (%d simulated minutes in %d of wall clock), "
						+ "deliveries lossy, sandbox at %d requests/minute, sync --hints every %d s%n", HintsBench.MEMBERS,
						HintsBench.STOPS, HintsBench.SIMULATED_MINUTES, HintsBench.ACTIVITY.toMinutes(),
						HintsBench.REQUESTS_PER_MINUTE, HintSchedule.EVERY.toSeconds());
				ok &= HintsBench.measure(this, line);
			}
			System.out.println();
			table.forEach((k, v) -> {
				if (!k.equals("loader_vs_copy") && !k.equals("privacy_cost")) {
					System.out.printf("  %-62s %s%n", k, v);
				}
			});
			System.out.printf("%n%s%n", line);
			return ok ? 0 : 1;
		}
		finally {
			postgres.close();
		}
	}

	private void measurePool(StringBuilder line) throws Exception {
		System.out.printf("bench, pool: a %d-member x %d-day backfill with 1 token, then with %d pooled tokens; sandbox at %d "
				+ "requests/minute per token, each budget the same%n", PoolBench.MEMBERS, PoolBench.DAYS, PoolBench.TOKENS,
				PoolBench.REQUESTS_PER_MINUTE);
		PoolBench.Result pool = PoolBench.measure(this);
		row("pool backfill, 1 token: requests / minimum, wall time",
				pool.singleRequests() + " / " + pool.minimum() + String.format(", %.0f s", pool.singleSeconds()));
		row("pool backfill, " + PoolBench.TOKENS + " pooled tokens: requests, wall time",
				pool.pooledRequests() + String.format(", %.0f s", pool.pooledSeconds()));
		line.append(String.format(" pool_speedup=%.2f pool_vs_min=%.3f", pool.speedup(),
				ratio(pool.pooledRequests(), pool.minimum())));
	}

	private void measureRotation(StringBuilder line) throws Exception {
		System.out.printf("bench, rotation: a pseudonymized %d-day backfill under k1, an ordinary run, then the run that "
				+ "rotates to k2; sandbox unlimited%n", RotationBench.DAYS);
		for (int members : RotationBench.MEMBERS) {
			RotationBench.Result r = RotationBench.measure(this, members);
			row("rotation, " + members + " members: rotating run s (rewrite s), requests",
					String.format("%.1f (%.1f), %d", r.rotationSeconds(), r.rewriteSeconds(), r.rotationRequests()));
			row("rotation, " + members + " members: ordinary run s, requests; rows checked / re-keyed",
					String.format("%.1f, %d; %d / %d", r.runSeconds(), r.runRequests(), r.rowsChecked(), r.rowsRekeyed()));
			line.append(String.format(" rotation_%d_s=%.1f rotation_%d_requests=%d", members, r.rotationSeconds(), members,
					r.rotationRequests()));
		}
	}

	private boolean measureLarge(StringBuilder line) throws Exception {
		System.out.printf("bench, large: backfills of 50 and 400 members x %d days, sandbox unlimited; plan and an hourly run "
				+ "over a SYNTHESIZED %d-member x %d-day state (SQL, not a backfill)%n", LargeBench.SCALE_DAYS,
				LargeBench.LARGE_MEMBERS, LargeBench.LARGE_DAYS);
		LargeBench.Scale base = LargeBench.scale(this, 50, false);
		row("backfill 50 members x 90 days: requests / minimum, requests/s", base.backfillRequests() + " / "
				+ base.backfillMinimum() + String.format(", %.1f", base.requestsPerSecond()));
		LargeBench.Scale large = LargeBench.scale(this, 400, true);
		row("backfill 400 members x 90 days: requests / minimum, requests/s", large.backfillRequests() + " / "
				+ large.backfillMinimum() + String.format(", %.1f", large.requestsPerSecond()));
		row("daily run at 400 members: requests / minimum", large.daily() + " / " + large.dailyMinimum());
		LargeBench.Plan plan = LargeBench.plan(this);
		row("plan + hourly run, synthesized 2,000 x 1,095 state: s, peak MB",
				String.format("%.1f s, %d MB (%s)", plan.seconds(), plan.heapMegabytes(), plan.described()));
		line.append(String.format(" scale_rps=%.1f scale_vs_base=%.2f backfill_vs_min_large=%.3f incremental_vs_min_large=%.2f "
				+ "plan_large_s=%.1f heap_large_mb=%d large_state=synthesized", large.requestsPerSecond(),
				large.requestsPerSecond() / base.requestsPerSecond(), ratio(large.backfillRequests(), large.backfillMinimum()),
				ratio(large.daily(), large.dailyMinimum()), plan.seconds(), plan.heapMegabytes()));
		return true;
	}

	void row(String what, String value) {
		table.put(what, value);
		System.out.printf("  %-62s %s%n", what, value);
	}

	/** The last run's requests without those for a day of the months its history sweep re-checked. */
	static List<RecordedRequest> withoutSweep(ConfigurableApplicationContext context, List<RecordedRequest> requests) {
		String text = context.getBean(DSLContext.class)
			.fetchOptional("select parameter_value from batch.batch_job_execution_params where parameter_name = 'sweep' "
					+ "and job_execution_id = (select max(job_execution_id) from batch.batch_job_execution)")
			.map(r -> r.get(0, String.class))
			.orElse("");
		Set<YearMonth> months = new HashSet<>();
		RunParameters.sweep(text).values().forEach(months::addAll);
		return requests.stream()
			.filter(r -> r.query().values().stream().flatMap(List::stream).noneMatch(value -> {
				try {
					return months.contains(YearMonth.from(LocalDate.parse(value)));
				}
				catch (DateTimeParseException notADate) {
					return false;
				}
			}))
			.toList();
	}

	static List<RecordedRequest> run(Sandbox sandbox, SyncRunner runner, String... args) throws Exception {
		sandbox.requests().clear();
		int exit = runner.run(Command.parse(args, true, sandbox.options().clock()));
		if (exit != 0) {
			throw new IllegalStateException("bench run " + String.join(" ", args) + " exited " + exit);
		}
		return new ArrayList<>(sandbox.requests().all());
	}

	String database() throws Exception {
		String name = "bench_" + (++databases);
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
	}

	static Map<String, Object> properties(Sandbox sandbox, String database, int requestsPerMinute) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("webwork.api.url", sandbox.baseUrl());
		properties.put("webwork.api.token", sandbox.options().token());
		properties.put("webwork.requests-per-minute", requestsPerMinute);
		properties.put("warehouse.url", database);
		properties.put("warehouse.username", "postgres");
		properties.put("logging.level.com.webworksync", "WARN");
		properties.put("logging.level.webwork-sync", "WARN");
		return properties;
	}

	static double ratio(long a, long b) {
		return b == 0 ? 0 : (double) a / b;
	}

	/** A figure for the bench line only, not the table. */
	void figure(String key, String value) {
		table.put(key, value);
	}

	private static int option(String[] args, String prefix, int fallback) {
		for (String arg : args) {
			if (arg.startsWith(prefix)) {
				return Integer.parseInt(arg.substring(prefix.length()));
			}
		}
		return fallback;
	}

	static ZoneId zone(Sandbox sandbox, long ws) {
		return sandbox.data().ownerZone(ws);
	}

	static List<ObjectNode> entries(Sandbox sandbox, long ws) {
		return sandbox.data().list("time_entries", ws);
	}
}
