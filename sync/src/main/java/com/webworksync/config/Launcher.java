package com.webworksync.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/** Starts the application context with property overrides: for the commands, the demo and the bench alike. */
public final class Launcher {

	private Launcher() {
	}

	/** A started context for these arguments; {@code overrides} win over every other property. */
	public static ConfigurableApplicationContext start(String[] args, Map<String, Object> overrides) {
		SpringApplication application = new SpringApplication(SyncApplication.class);
		// the context is closed by whoever started it, after the run: on SIGTERM the run first
		// finishes its chunk (see the entry point), so Spring must not close the DataSource under it
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
