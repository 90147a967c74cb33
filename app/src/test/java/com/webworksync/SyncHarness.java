package com.webworksync;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.webworksync.job.RunRecorder;
import com.webworksync.observe.RunSummary;
import com.webworksync.job.SyncRunner;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;
import com.webworksync.config.Command;
import com.webworksync.config.Launcher;

/**
 * A sandbox API, a fresh database in the test PostgreSQL, and the application wired to both. Runs
 * go through {@link SyncRunner} (in one long-lived context) or through the whole command line
 * ({@link #main}, a new context each time, as a user would start it).
 */
public final class SyncHarness implements AutoCloseable {

	private final Sandbox sandbox;
	private final String databaseUrl;
	private final Map<String, Object> properties = new LinkedHashMap<>();
	private final boolean ownsSandbox;
	private ConfigurableApplicationContext context;

	private SyncHarness(Sandbox sandbox, String databaseUrl, boolean ownsSandbox) {
		this.sandbox = sandbox;
		this.ownsSandbox = ownsSandbox;
		this.databaseUrl = databaseUrl;
		properties.put("webwork.api.url", sandbox.baseUrl());
		properties.put("webwork.api.token", sandbox.options().token());
		int rpm = sandbox.options().requestsPerMinute();
		properties.put("webwork.requests-per-minute", rpm == 0 ? 60_000 : rpm);
		properties.put("webwork.initial-backoff", "20ms");
		properties.put("warehouse.url", databaseUrl);
		properties.put("warehouse.username", TestWarehouse.username());
		properties.put("warehouse.password", TestWarehouse.password());
	}

	public static SyncHarness start(SandboxOptions options) {
		return new SyncHarness(Sandbox.start(options), TestWarehouse.newDatabase(), true);
	}

	/** Another fresh database against a sandbox the caller owns (and closes): two warehouses of the same data. */
	public static SyncHarness on(Sandbox sandbox) {
		return new SyncHarness(sandbox, TestWarehouse.newDatabase(), false);
	}

	/**
	 * As {@link #on}, on a database already migrated ({@link TestWarehouse#newMigratedDatabase()}):
	 * for suites that build many warehouses and test what runs do, not what the first start does.
	 */
	public static SyncHarness onMigrated(Sandbox sandbox) {
		return new SyncHarness(sandbox, TestWarehouse.newMigratedDatabase(), false);
	}

	/** Unlimited sandbox, 3 months of history: fast. */
	public static SandboxOptions fastOptions() {
		return SandboxOptions.defaults().withRequestsPerMinute(0).withMembers(8).withProjects(4).withHistoryDays(90);
	}

	/** Sets a property for the next context (call before the first run, or after {@link #restartContext()}). */
	public SyncHarness with(String key, Object value) {
		properties.put(key, value);
		return this;
	}

	public int sync(String... args) {
		try {
			return context().getBean(SyncRunner.class).run(Command.parse(args, true, context().getBean(java.time.Clock.class)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The whole command line in-process, as {@code java -jar webwork-sync.jar args} would run it. */
	public int main(String... args) {
		return WebworkSyncApplication.run(args, properties);
	}

	public RunSummary lastRun() {
		return context().getBean(RunRecorder.class).last();
	}

	public <T> T bean(Class<T> type) {
		return context().getBean(type);
	}

	public DSLContext dsl() {
		return context().getBean(DSLContext.class);
	}

	public Sandbox sandbox() {
		return sandbox;
	}

	public String databaseUrl() {
		return databaseUrl;
	}

	public Map<String, Object> properties() {
		return properties;
	}

	public void restartContext() {
		if (context != null) {
			context.close();
			context = null;
		}
	}

	private ConfigurableApplicationContext context() {
		if (context == null) {
			context = Launcher.start(new String[0], properties);
		}
		return context;
	}

	@Override
	public void close() {
		restartContext();
		if (ownsSandbox) {
			sandbox.close();
		}
	}
}
