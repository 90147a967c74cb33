package com.webworksync.config;

/** Bad configuration or usage: not worth retrying (exit code 2). The message names the fix. */
public class ConfigurationException extends RuntimeException {

	public ConfigurationException(String message) {
		super(message);
	}
}
