package com.webworksync.config;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application context's configuration: every component of {@code com.webworksync} plus Boot's auto-configuration.
 * Kept apart from the entry point so that what starts a context (the commands, the demo, the bench) does not depend on
 * the entry point that dispatches to them.
 */
@SpringBootApplication(scanBasePackages = "com.webworksync", proxyBeanMethods = false)
public class SyncApplication {
}
