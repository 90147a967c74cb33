package com.webworksync.client;

import java.time.Duration;

/**
 * How the client talks to the API. The token is only ever put in the Authorization header.
 */
public record ClientSettings(String baseUrl, String token, Duration connectTimeout, Duration readTimeout,
		int maxAttempts, int maxRateLimitRetries, Duration initialBackoff, Duration maxBackoff) {

	@Override
	public String toString() {
		return "ClientSettings[baseUrl=" + baseUrl + ", token=(hidden)]";
	}
}
