package com.webworksync.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertyResolver;

import com.webworksync.job.RunRecorder;
import com.webworksync.observe.RunSummary;
import com.webworksync.job.SyncRunner;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.sandbox.Tokens;
import com.webworksync.warehouse.EmbeddedWarehouse;
import com.webworksync.schema.webwork.Webwork;
import com.webworksync.config.Clocks;
import com.webworksync.config.Settings;
import com.webworksync.config.Variables;
import com.webworksync.config.Command;
import com.webworksync.job.ExitCodes;

/**
 * {@code demo}: the sandbox API and the embedded warehouse, a full sync, and a summary of what
 * landed and how to look at it. {@code sandbox}: the sandbox alone.
 */
public final class Demo {

	/** The sandbox lets the demo go faster than the real API's 60 requests a minute. */
	static final int DEMO_REQUESTS_PER_MINUTE = 1200;

	private Demo() {
	}

	/** @param clock the job's clock (SYNC_NOW), so the sandbox's today is the job's */
	/** A started application context for these arguments and property overrides (the application's own start). */
	public interface Starter {
		ConfigurableApplicationContext start(String[] args, Map<String, Object> overrides);
	}

	/** @param warehouse WAREHOUSE_URL as messages show it (password masked) */
	public static int run(String[] args, Command command, Map<String, Object> overrides, Clock clock, String warehouse,
			Starter application) {
		SandboxOptions options = SandboxOptions.defaults()
			.withRequestsPerMinute(DEMO_REQUESTS_PER_MINUTE)
			.withClock(clock);
		long started = System.nanoTime();
		return ExitCodes.oneLine(() -> {
			try (Sandbox sandbox = Sandbox.start(options)) {
				Map<String, Object> properties = new LinkedHashMap<>(overrides);
				properties.put("webwork.api.url", sandbox.baseUrl());
				properties.put("webwork.api.token", options.token());
				properties.put("webwork.requests-per-minute", DEMO_REQUESTS_PER_MINUTE);
				System.out.println("demo: sandbox WebWork API at " + sandbox.baseUrl() + " (" + options.members()
						+ " members, " + options.projects() + " projects, " + options.historyDays() + " days of history)");
				try (ConfigurableApplicationContext context = application.start(args, properties)) {
					int exitCode = context.getBean(SyncRunner.class).run(command);
					Duration took = Duration.ofNanos(System.nanoTime() - started);
					print(context, sandbox, took, exitCode);
					if (command.serve() && exitCode == ExitCodes.OK) {
						System.out.println("demo: serving the warehouse and the sandbox until Ctrl-C");
						Thread.currentThread().join();
					}
					return exitCode;
				}
			}
		}, warehouse);
	}

	private static void print(ConfigurableApplicationContext context, Sandbox sandbox, Duration took, int exitCode) {
		DSLContext ctx = context.getBean(DSLContext.class);
		RunSummary summary = context.getBean(RunRecorder.class).last();
		StringBuilder out = new StringBuilder("\nwhat landed in the warehouse (schema webwork, live rows):\n");
		long total = 0;
		long versions = 0;
		for (Table<?> table : Webwork.WEBWORK.getTables()) {
			if (table.field("_deleted_at") == null) {
				versions += ctx.fetchCount(table); // a *_history table: versions, not live rows
				continue;
			}
			int rows = ctx.fetchCount(table, DSL.field(DSL.name("_deleted_at")).isNull());
			total += rows;
			out.append(String.format("  %-32s %8d%n", table.getName(), rows));
		}
		out.append(String.format("  %-32s %8d%n", "total", total));
		out.append(String.format("  and %d versions of the dimensions in webwork.*_history%n", versions));
		long requests = summary == null ? sandbox.requests().count() : summary.requests();
		if (summary != null) {
			long upserted = summary.byStream().values().stream().mapToLong(c -> c.get("upserted")).sum();
			long deleted = summary.byStream().values().stream().mapToLong(c -> c.get("deleted")).sum();
			out.append(String.format("%nthis run inserted or changed %d rows and marked %d deleted%n", upserted, deleted));
		}
		out.append(String.format("%nrun %s: exit code %d, %d requests, %d rate-limit waits, %d retries, %.1f s%n",
				summary == null ? "?" : Long.toString(summary.runId()), exitCode, requests,
				summary == null ? 0 : summary.waits(), summary == null ? 0 : summary.retries(), took.toMillis() / 1000.0));
		out.append(String.format("at the real API's 60 requests/minute the same run would take about %d min%n",
				Math.max(1, Math.round(requests / 60.0))));
		EmbeddedWarehouse embedded = context.getBean(EmbeddedWarehouse.class);
		Settings settings = context.getBean(Settings.class);
		if (settings.embeddedWarehouse()) {
			out.append(String.format("%nthe warehouse keeps its data in %s. To look at it:%n"
					+ "  java -jar target/webwork-sync.jar demo --serve     # syncs again, then keeps PostgreSQL up%n"
					+ "  psql -h localhost -p %d -U postgres -c 'select * from webwork.members limit 5'%n",
					embedded.directory().toAbsolutePath(), embedded.port()));
		}
		System.out.println(out);
	}

	/** The sandbox of the {@code sandbox} command: the Owner's token of {@code options}, and {@link Tokens#MEMBER_TOKEN}. */
	public static Sandbox startSandbox(SandboxOptions options) {
		Sandbox sandbox = Sandbox.start(options);
		sandbox.tokens().add(Tokens.MEMBER_TOKEN, Tokens.MEMBER_ROLE);
		return sandbox;
	}

	public static int serveSandbox(PropertyResolver environment) {
		int port = Variables.SANDBOX_PORT.read(environment);
		SandboxOptions options = SandboxOptions.defaults()
			.withPort(port)
			.withClock(Clocks.from(environment));
		try (Sandbox sandbox = startSandbox(options)) {
			System.out.println("sandbox: WebWork API V2 at " + sandbox.baseUrl());
			System.out.println("sandbox: token '" + options.token() + "' (a fake token for the sandbox only, of the "
					+ options.callerRole() + "), " + options.requestsPerMinute() + " requests/minute; Ctrl-C stops it");
			System.out.println("sandbox: member token '" + Tokens.MEMBER_TOKEN + "' (a " + Tokens.MEMBER_ROLE
					+ ", neither Owner nor Executive manager: its reports and lists answer 403)");
			Thread.currentThread().join();
			return ExitCodes.OK;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ExitCodes.OK;
		}
	}
}
