package com.webworksync.observe;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import com.webworksync.config.Variables;

/**
 * {@code LOG_FORMAT=json} (property {@code log.format}) switches the console to Boot's structured
 * logging, ECS JSON, one object per line, unless {@code logging.structured.format.console} already
 * chooses a format ({@code ecs}, {@code logstash} or {@code gelf}). {@code text}, the default,
 * keeps the human-readable lines. Runs before the logging system is initialised.
 */
public class LogFormat implements EnvironmentPostProcessor, Ordered {

	static final String STRUCTURED = "logging.structured.format.console";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (json(environment)) {
			if (environment.getProperty(STRUCTURED, "").isBlank()) {
				environment.getPropertySources().addLast(new MapPropertySource("log-format", Map.of(STRUCTURED, "ecs")));
			}
		}
	}

	/** True for json, false for text (the default); a ConfigurationException for anything else. */
	public static boolean json(Environment environment) {
		return Variables.LOG_FORMAT.read(environment);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}
}
