package com.webworksync;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import com.webworksync.job.StopSignals;
import com.webworksync.observe.EndOfRun;
import com.webworksync.observe.LogFormat;
import com.webworksync.observe.Pushgateway;
import com.webworksync.notify.NotifySettings;
import com.webworksync.privacy.PrivacySettings;
import com.webworksync.observe.RunObserver;
import com.webworksync.observe.StatusReport;
import com.webworksync.plan.PlanReport;
import com.webworksync.plan.RefreshReport;
import com.webworksync.plan.RunWindow;
import com.webworksync.plan.RunWindows;
import com.webworksync.job.SyncRunner;
import com.webworksync.streams.Catalog;
import com.webworksync.warehouse.AppliedMigrations;
import com.webworksync.warehouse.EmbeddedWarehouse;
import com.webworksync.config.Settings;
import com.webworksync.config.ConfigurationException;
import com.webworksync.config.Clocks;
import com.webworksync.config.Command;
import com.webworksync.config.EraseOptions;
import com.webworksync.job.EraseRunner;
import java.util.List;
import com.webworksync.config.Launcher;
import com.webworksync.bench.Bench;
import com.webworksync.job.ExitCodes;
import com.webworksync.job.OutOfMemory;
import com.webworksync.demo.Demo;
import com.webworksync.auth.CredentialsKey;
import com.webworksync.config.Variables;
import com.webworksync.hooks.Receiver;
import com.webworksync.hooks.Subscriptions;
import com.webworksync.hooks.WebhookSettings;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

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
		int code = run(args, Map.of());
		exitCode.set(code);
		finished.countDown();
		System.exit(code);
	}

	/** Runs a command as {@code main} does, without exiting; {@code overrides} win over every other property. */
	public static int run(String[] args, Map<String, Object> overrides) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		environment.getPropertySources().addFirst(new MapPropertySource("overrides", new LinkedHashMap<>(overrides)));
		Command command = null;
		Settings settings;
		String warehouse;
		try {
			boolean tokenConfigured = Settings.anyToken(environment);
			command = Command.parse(args, tokenConfigured, Clocks.from(environment));
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
				pushEnd(environment, ExitCodes.CONFIGURATION);
			}
			return ExitCodes.CONFIGURATION;
		}
		CommandRun run = COMMANDS.get(command.name());
		if (run == null) {
			throw new IllegalStateException("no command " + command.name()); // Command.parse accepts only known names
		}
		try {
			if (READS_ONLY.contains(command.name()) && schemaCurrent(settings)) {
				overrides = new LinkedHashMap<>(overrides);
				overrides.put("spring.flyway.enabled", false); // nothing to migrate: Flyway's start-up is skipped
			}
			return run.run(args, command, overrides, environment, warehouse);
		}
		finally {
			EmbeddedWarehouse.discardEarly();
		}
	}

	/**
	 * What a command does once the command line and the configuration are checked.
	 *
	 * @param warehouse WAREHOUSE_URL as messages show it (password masked)
	 */
	private interface CommandRun {
		int run(String[] args, Command command, Map<String, Object> overrides, StandardEnvironment environment,
				String warehouse);
	}

	private static final Map<String, CommandRun> COMMANDS = Map.of(
			"demo", (args, command, overrides, environment, warehouse) -> Demo.run(args, command, overrides,
					Clocks.from(environment), warehouse, Launcher::start),
			"plan", (args, command, overrides, environment, warehouse) -> plan(args, command, overrides, warehouse),
			"status", (args, command, overrides, environment, warehouse) -> status(args, overrides, warehouse),
			"erase", (args, command, overrides, environment, warehouse) -> erase(args, command, overrides, warehouse),
			"receive", (args, command, overrides, environment, warehouse) -> receive(args, command, overrides,
					environment, warehouse),
			"sync", (args, command, overrides, environment, warehouse) -> sync(args, command, overrides, environment,
					warehouse),
			// one engine: a refresh is a run like any other, with its own window (SyncRunner.window)
			"refresh", (args, command, overrides, environment, warehouse) -> sync(args, command, overrides, environment,
					warehouse));

	static int plan(String[] args, Command command, Map<String, Object> overrides, String warehouse) {
		return inContext(args, lazy(overrides), warehouse, context -> {
			RunWindow window = context.getBean(RunWindows.class).of(command);
			System.out.println(command.refresh() ? context.getBean(RefreshReport.class).render(window, command.json())
					: context.getBean(PlanReport.class).render(window, command.json()));
			return ExitCodes.OK;
		});
	}

	static int status(String[] args, Map<String, Object> overrides, String warehouse) {
		return inContext(args, lazy(overrides), warehouse, context -> {
			System.out.print(context.getBean(StatusReport.class).render());
			return ExitCodes.OK;
		});
	}

	/** erase: on a terminal only with --yes (or --dry-run): it cannot be undone. */
	static int erase(String[] args, Command command, Map<String, Object> overrides, String warehouse) {
		EraseOptions options = command.erase();
		if (!options.yes() && !options.dryRun() && System.console() != null) {
			System.err.println("webwork-sync: erase scrubs " + options.as() + " " + options.personId() + "'s personal values for good: "
					+ "see what it touches with --dry-run, then add --yes");
			return ExitCodes.CONFIGURATION;
		}
		return inContext(args, lazy(overrides), warehouse, context -> context.getBean(EraseRunner.class).run(options));
	}

	/**
	 * The webhook receiver, until SIGTERM: it needs the warehouse (secrets, hints) but neither the job nor the API
	 * clients, so its context is lazy like status's.
	 */
	static int receive(String[] args, Command command, Map<String, Object> overrides, StandardEnvironment environment,
			String warehouse) {
		WebhookSettings hooks = WebhookSettings.from(environment);
		return inContext(args, lazy(overrides), warehouse, context -> {
			if (command.unsubscribe()) {
				context.getBean(Subscriptions.class).unsubscribe().actions().forEach(System.out::println);
				return ExitCodes.OK;
			}
			Settings settings = context.getBean(Settings.class);
			Set<String> connections = new TreeSet<>();
			settings.connections().forEach(c -> connections.add(c.name()));
			Receiver receiver = Receiver.create(connections, context.getBean(DataSource.class),
					CredentialsKey.of(settings.credentialsKey()), context.getBean(Clock.class), hooks);
			Runtime.getRuntime().addShutdownHook(new Thread(receiver::close, "receiver-stop"));
			receiver.start().await();
			return ExitCodes.OK;
		});
	}

	/**
	 * A sync, and at its end (completed, failed or stopped) the summary of what it did and what it left out; its end is
	 * pushed to the Pushgateway by the runner, or here when the application never started (PostgreSQL unreachable or
	 * refusing the login, a migration failing).
	 */
	static int sync(String[] args, Command command, Map<String, Object> overrides, StandardEnvironment environment,
			String warehouse) {
		AtomicBoolean started = new AtomicBoolean();
		int code = inContext(args, overrides, warehouse, context -> {
			started.set(true);
			try {
				return context.getBean(SyncRunner.class).run(command);
			}
			finally {
				context.getBean(EndOfRun.class).print();
			}
		});
		if (!started.get() && code != ExitCodes.LOCKED) {
			pushEnd(environment, code);
		}
		return code;
	}

	/** A sync's end without the application, for the alerts; none when SYNC_NOW is itself the error. */
	private static void pushEnd(StandardEnvironment environment, int code) {
		Clock clock;
		try {
			clock = Clocks.from(environment);
		}
		catch (RuntimeException ex) {
			return;
		}
		RunObserver.endedWithoutApplication(environment, clock, code);
	}

	/**
	 * plan and status read the warehouse and print: the context creates only the beans they ask for (not the job, its
	 * steps, the API clients): see docs/engineering/performance.md, "Start-up".
	 */
	static Map<String, Object> lazy(Map<String, Object> overrides) {
		Map<String, Object> lazy = new LinkedHashMap<>(overrides);
		lazy.putIfAbsent("spring.main.lazy-initialization", true);
		return lazy;
	}

	/** Whether the warehouse has exactly this jar's migrations (warehouse/AppliedMigrations); false when in doubt. */
	private static boolean schemaCurrent(Settings settings) {
		if (settings.embeddedWarehouse()) {
			String url = EmbeddedWarehouse.earlyJdbcUrl();
			return url != null && AppliedMigrations.current(url, null, null);
		}
		return AppliedMigrations.current(settings.warehouse().jdbcUrl(), settings.warehouse().username(),
				settings.warehouse().password());
	}

	/** A command's work inside the application context. */
	interface InContext {
		int run(ConfigurableApplicationContext context) throws Exception;
	}

	static int inContext(String[] args, Map<String, Object> overrides, String warehouse, InContext work) {
		return ExitCodes.oneLine(() -> {
			try (ConfigurableApplicationContext context = Launcher.start(args, overrides)) {
				return work.run(context);
			}
		}, warehouse);
	}
}
