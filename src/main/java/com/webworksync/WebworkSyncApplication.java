package com.webworksync;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import com.webworksync.job.StopSignals;
import com.webworksync.observe.LogFormat;
import com.webworksync.observe.Pushgateway;
import com.webworksync.observe.StatusReport;
import com.webworksync.plan.PlanReport;
import com.webworksync.job.SyncRunner;
import com.webworksync.streams.Catalog;
import com.webworksync.config.Settings;
import com.webworksync.config.ConfigurationException;
import com.webworksync.config.Command;
import com.webworksync.job.ExitCodes;
import com.webworksync.demo.Demo;

/**
 * The entry point: checks the command line and configuration before connecting anywhere, runs
 * the command, and turns every outcome into the documented exit code and one readable line.
 */
@SpringBootApplication
public class WebworkSyncApplication {

	public static void main(String[] args) {
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
		Command command;
		try {
			boolean tokenConfigured = Settings.anyToken(environment);
			command = Command.parse(args, tokenConfigured, com.webworksync.config.Clocks.from(environment));
			if (command.help()) {
				System.out.println(Command.usage());
				return ExitCodes.OK;
			}
			if (command.name().equals("sandbox")) {
				return Demo.serveSandbox(environment);
			}
			if (command.name().equals("bench")) {
				try {
					return com.webworksync.bench.Bench.run(args);
				}
				catch (Exception ex) {
					System.err.println("webwork-sync: bench failed: " + ExitCodes.classify(ex).message());
					return ExitCodes.FAILED;
				}
			}
			Settings.load(environment, new LinkedHashSet<>(new Catalog().names()),
					!command.name().equals("demo") && !command.name().equals("status"));
			LogFormat.json(environment);
			new Pushgateway(environment); // checks PUSHGATEWAY_URL
		}
		catch (ConfigurationException ex) {
			System.err.println("webwork-sync: " + ex.getMessage());
			return ExitCodes.CONFIGURATION;
		}
		if (command.name().equals("demo")) {
			return Demo.run(args, command, overrides, com.webworksync.config.Clocks.from(environment),
					WebworkSyncApplication::start);
		}
		if (command.name().equals("plan")) {
			return plan(args, command, overrides);
		}
		if (command.name().equals("status")) {
			return status(args, overrides);
		}
		return sync(args, command, overrides);
	}

	static int plan(String[] args, Command command, Map<String, Object> overrides) {
		return inContext(args, overrides, context -> {
			System.out.println(context.getBean(PlanReport.class).render(context.getBean(SyncRunner.class).window(command),
					command.json()));
			return ExitCodes.OK;
		});
	}

	static int status(String[] args, Map<String, Object> overrides) {
		return inContext(args, overrides, context -> {
			System.out.print(context.getBean(StatusReport.class).render());
			return ExitCodes.OK;
		});
	}

	static int sync(String[] args, Command command, Map<String, Object> overrides) {
		return inContext(args, overrides, context -> context.getBean(SyncRunner.class).run(command));
	}

	/** A command's work inside the application context. */
	interface InContext {
		int run(ConfigurableApplicationContext context) throws Exception;
	}

	static int inContext(String[] args, Map<String, Object> overrides, InContext work) {
		return ExitCodes.oneLine(() -> {
			try (ConfigurableApplicationContext context = start(args, overrides)) {
				return work.run(context);
			}
		});
	}

	public static ConfigurableApplicationContext start(String[] args, Map<String, Object> overrides) {
		SpringApplication application = new SpringApplication(WebworkSyncApplication.class);
		// the context is closed by whoever started it, after the run: on SIGTERM the run first
		// finishes its chunk (see main), so Spring must not close the DataSource under it
		application.setRegisterShutdownHook(false);
		application.addInitializers(context -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("overrides", new LinkedHashMap<>(overrides))));
		// the overrides also before the environment is post-processed and logging starts (log.format)
		application.addListeners(new OverridesFirst(overrides));
		return application.run(args);
	}

	/** Puts the overrides first as soon as the environment exists, before anything reads it. */
	private record OverridesFirst(Map<String, Object> overrides)
			implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

		@Override
		public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
			event.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("overrides", new LinkedHashMap<>(overrides)));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}
	}
}
