package com.webworksync;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import com.webworksync.bench.Bench;
import com.webworksync.config.Clocks;
import com.webworksync.config.Command;
import com.webworksync.config.StartupJit;
import com.webworksync.config.ConfigurationException;
import com.webworksync.config.Settings;
import com.webworksync.config.Variables;
import com.webworksync.demo.Demo;
import com.webworksync.hooks.WebhookSettings;
import com.webworksync.job.ExitCodes;
import com.webworksync.job.OutOfMemory;
import com.webworksync.job.StopSignals;
import com.webworksync.notify.NotifySettings;
import com.webworksync.observe.LogFormat;
import com.webworksync.observe.Pushgateway;
import com.webworksync.privacy.PrivacySettings;
import com.webworksync.streams.Catalog;
import com.webworksync.warehouse.EmbeddedWarehouse;

/**
 * The entry point: checks the command line and configuration before connecting anywhere, runs
 * the command, and turns every outcome into the documented exit code and one readable line.
 * The application context itself is configured by {@code config.SyncApplication}.
 */
public final class WebworkSyncApplication {

	private WebworkSyncApplication() {
	}

	/** The commands that only read the warehouse and print: their start-up is tuned for speed. */
	private static final Set<String> READS_ONLY = Set.of("plan", "status");

	public static void main(String[] args) {
		OutOfMemory.install(); // an OutOfMemoryError on any thread exits 5 (ExitCodes.OUT_OF_MEMORY), at once
		// SIGTERM (a pod being stopped, Ctrl-C): stop at the next checkpoint, then exit with the run's code
		CountDownLatch finished = new CountDownLatch(1);
		AtomicInteger exitCode = new AtomicInteger(ExitCodes.DEADLINE);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			StopSignals signals = StopSignals.active();
			if (finished.getCount() > 0 && signals != null && signals.stop("SIGTERM")) {
				try {
					if (finished.await(60, TimeUnit.SECONDS)) {
						Runtime.getRuntime().halt(exitCode.get());
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			EmbeddedWarehouse.closeAllOpen(); // only now: the run above may still have been writing to it
		}, "sigterm"));
		int code = run(args, Map.of(), true);
		exitCode.set(code);
		finished.countDown();
		System.exit(code);
	}

	/** Runs a command as {@code main} does, without exiting; {@code overrides} win over every other property. */
	public static int run(String[] args, Map<String, Object> overrides) {
		return run(args, overrides, false);
	}

	/** {@code ownProcess}: the command is the process (main), not a call among others (tests, the bench). */
	private static int run(String[] args, Map<String, Object> overrides, boolean ownProcess) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		environment.getPropertySources().addFirst(new MapPropertySource("overrides", new LinkedHashMap<>(overrides)));
		Command command = null;
		Settings settings;
		String warehouse;
		try {
			boolean tokenConfigured = Settings.anyToken(environment);
			command = Command.parse(args, tokenConfigured, Clocks.from(environment));
			if (ownProcess && READS_ONLY.contains(command.name())) {
				StartupJit.c1Only(); // process-wide: never in a JVM that runs other work after the command
			}
			if (command.help()) {
				System.out.println(Command.usage());
				return ExitCodes.OK;
			}
			if (command.name().equals("sandbox")) {
				return Demo.serveSandbox(environment);
			}
			if (command.name().equals("bench")) {
				try {
					return Bench.run(args);
				}
				catch (Exception ex) {
					System.err.println("webwork-sync: bench failed: " + ExitCodes.classify(ex).message());
					return ExitCodes.FAILED;
				}
			}
			settings = Settings.load(environment, new LinkedHashSet<>(new Catalog().names()),
					!List.of("demo", "status", "erase").contains(command.name()));
			warehouse = settings.warehouse().described();
			if (READS_ONLY.contains(command.name()) && settings.embeddedWarehouse()) {
				// its start overlaps the other checks and the context's (docs/engineering/performance.md, "Start-up")
				EmbeddedWarehouse.startEarly(settings.embeddedDirectory(), settings.embeddedPort());
			}
			LogFormat.json(environment);
			new Pushgateway(environment); // checks PUSHGATEWAY_URL
			NotifySettings.from(environment); // checks NOTIFY_URLS, NOTIFY_SECRET and NOTIFY_TIMEOUT
			PrivacySettings.from(environment, new Catalog()); // checks SYNC_PRIVACY, its overrides and the key
			WebhookSettings.from(environment); // WEBWORK_WEBHOOK_URL needs WEBWORK_CREDENTIALS_KEY
			if (command.name().equals("receive") && Variables.CREDENTIALS_KEY.read(environment) == null) {
				throw new ConfigurationException(Variables.CREDENTIALS_KEY.name()
						+ " is required by receive: the webhooks' signing secrets are stored encrypted with it");
			}
		}
		catch (ConfigurationException ex) {
			EmbeddedWarehouse.discardEarly();
			System.err.println("webwork-sync: " + ex.getMessage());
			if (command != null && command.name().equals("sync")) {
				CommandRuns.pushEnd(environment, ExitCodes.CONFIGURATION);
			}
			return ExitCodes.CONFIGURATION;
		}
		CommandRuns.CommandRun run = CommandRuns.ALL.get(command.name());
		if (run == null) {
			throw new IllegalStateException("no command " + command.name()); // Command.parse accepts only known names
		}
		try {
			if (READS_ONLY.contains(command.name())) {
				// a context up in seconds that neither maps JSON nor calls HTTP: Boot's warm-up threads (Jackson, the
				// message converters) would only take the 2 cores from it (docs/engineering/performance.md, "Start-up")
				System.setProperty("spring.backgroundpreinitializer.ignore", "true");
				overrides = new LinkedHashMap<>(overrides);
				overrides.put("webwork.reads-only", true); // warehouse/ReadsOnlyMigrations instead of Boot's Flyway
				overrides.put("spring.flyway.enabled", false);
			}
			return run.run(args, command, overrides, environment, warehouse);
		}
		finally {
			EmbeddedWarehouse.discardEarly();
		}
	}
}
