package com.webworksync.observe;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A registry of the job's own when nothing else (an actuator, a test) provides one. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}
}
