package com.webworksync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

import com.webworksync.auth.CredentialsKey;
import com.webworksync.config.Clocks;
import com.webworksync.config.Command;
import com.webworksync.config.EraseOptions;
import com.webworksync.config.Launcher;
import com.webworksync.config.Settings;
import com.webworksync.config.StartupJit;
import com.webworksync.demo.Demo;
import com.webworksync.hooks.Receiver;
import com.webworksync.hooks.Subscriptions;
import com.webworksync.hooks.WebhookSettings;
import com.webworksync.job.EraseRunner;
import com.webworksync.job.ExitCodes;
import com.webworksync.job.SyncRunner;
import com.webworksync.observe.EndOfRun;
import com.webworksync.observe.Pushgateway;
import com.webworksync.observe.RunObserver;
import com.webworksync.observe.StatusReport;
import com.webworksync.plan.PlanReport;
import com.webworksync.plan.RefreshReport;
import com.webworksync.plan.RunWindow;
import com.webworksync.plan.RunWindows;

/**
 * What each command does once the entry point has checked the command line and the configuration: most start the
 * application context and ask one bean to do the work; every outcome is one exit code, every failure one line.
 */
final class CommandRuns {

	private CommandRuns() {
	}

	/**
	 * What a command does once the command line and the configuration are checked.
	 *
	 * @param warehouse WAREHOUSE_URL as messages show it (password masked)
	 */
	interface CommandRun {
		int run(String[] args, Command command, Map<String, Object> overrides, StandardEnvironment environment,
				String warehouse);
	}

	static final Map<String, CommandRun> ALL = Map.of(
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
			StartupJit.restoreC2(); // started: a large plan's own work may want the optimizing compiler
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
		if (options.refusedOn(stdinIsATerminal())) {
			System.err.println(options.refusal());
			return ExitCodes.CONFIGURATION;
		}
		return inContext(args, lazy(overrides), warehouse, context -> context.getBean(EraseRunner.class).run(options));
	}

	/**
	 * Whether stdin is a terminal: on Linux, what file descriptor 0 is; elsewhere {@code System.console()}, which in Java
	 * 17 needs stdout to be a terminal too (so {@code erase … > log} on a terminal would not ask there).
	 */
	static boolean stdinIsATerminal() {
		try {
			String stdin = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
			return stdin.startsWith("/dev/pts/") || stdin.startsWith("/dev/tty") || stdin.equals("/dev/console");
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return System.console() != null;
		}
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
	static void pushEnd(StandardEnvironment environment, int code) {
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
