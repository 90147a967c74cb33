package com.webworksync.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The sandbox's OAuth2 token endpoint (the API documentation implies it but does not show it): {@code POST /oauth/token} with the
 * refresh-token grant (single-use, rotating refresh tokens: each exchange spends the one given
 * and returns a new one) or the client-credentials grant; client id and secret in the form body
 * or HTTP Basic. Issued access tokens are accepted by the API beside the sandbox's fixed token.
 * Errors as RFC 6749 §5.2: {@code invalid_grant}, {@code invalid_client}, {@code unsupported_grant_type}.
 */
public final class OAuthServer {

	public static final String PATH = "/oauth/token";
	public static final String CLIENT_ID = "sandbox-client";
	public static final String CLIENT_SECRET = "sandbox-client-secret";

	private final Clock clock;
	private final Map<String, Instant> refreshTokens = new LinkedHashMap<>();
	private final Map<String, Instant> spent = new LinkedHashMap<>();
	private final Map<String, Instant> accessTokens = new LinkedHashMap<>();
	private final AtomicInteger exchanges = new AtomicInteger();
	private final AtomicInteger rejected = new AtomicInteger();
	private Duration accessLifetime = Duration.ofDays(15);
	private Duration refreshLifetime = Duration.ofDays(30);
	private Duration delay = Duration.ZERO;

	OAuthServer(Clock clock) {
		this.clock = clock;
	}

	/** What a user gets by authorizing the app: a new refresh token (the start of a chain). */
	public synchronized String authorize() {
		String token = "rt-" + UUID.randomUUID();
		refreshTokens.put(token, clock.instant().plus(refreshLifetime));
		return token;
	}

	/** Revokes a refresh token (the user removed the app's access): the next exchange gets invalid_grant. */
	public synchronized void revoke(String refreshToken) {
		refreshTokens.remove(refreshToken);
	}

	/** Revokes every refresh and access token. */
	public synchronized void revokeAll() {
		refreshTokens.clear();
		accessTokens.clear();
	}

	/** Access tokens stop working before their expiry (the API then answers 401). */
	public synchronized void revokeAccessTokens() {
		accessTokens.clear();
	}

	public synchronized OAuthServer lifetimes(Duration access, Duration refresh) {
		this.accessLifetime = access;
		this.refreshLifetime = refresh;
		return this;
	}

	/** Every exchange waits this long before answering (so two clients surely overlap). */
	public synchronized OAuthServer delay(Duration delay) {
		this.delay = delay;
		return this;
	}

	/** Successful exchanges so far. */
	public int exchanges() {
		return exchanges.get();
	}

	/** Exchanges answered with an error so far. */
	public int rejected() {
		return rejected.get();
	}

	/** True when {@code refreshToken} was exchanged (and so can never be used again). */
	public synchronized boolean spent(String refreshToken) {
		return spent.containsKey(refreshToken);
	}

	/** The refresh tokens that would still be accepted. */
	public synchronized Set<String> validRefreshTokens() {
		Instant now = clock.instant();
		Set<String> valid = new LinkedHashSet<>();
		refreshTokens.forEach((token, expiry) -> {
			if (expiry.isAfter(now)) {
				valid.add(token);
			}
		});
		return valid;
	}

	synchronized boolean validAccessToken(String token) {
		Instant expiry = accessTokens.get(token);
		return expiry != null && expiry.isAfter(clock.instant());
	}

	Response exchange(String authorization, String body) {
		Duration wait;
		synchronized (this) {
			wait = delay;
		}
		if (!wait.isZero()) {
			try {
				Thread.sleep(wait.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this) {
			Map<String, String> form = form(body);
			String clientId = form.get("client_id");
			String secret = form.get("client_secret");
			if (authorization != null && authorization.startsWith("Basic ")) {
				String[] pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
					.split(":", 2);
				clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
				secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
			}
			if (!CLIENT_ID.equals(clientId) || !CLIENT_SECRET.equals(secret)) {
				return error(401, "invalid_client", "Client authentication failed");
			}
			String grant = form.getOrDefault("grant_type", "");
			Instant now = clock.instant();
			if (grant.equals("refresh_token")) {
				String given = form.getOrDefault("refresh_token", "");
				Instant expiry = refreshTokens.get(given);
				if (expiry == null || !expiry.isAfter(now)) {
					return error(400, "invalid_grant", "The refresh token is invalid.");
				}
				refreshTokens.remove(given);
				spent.put(given, now);
				return tokens(now, authorize());
			}
			if (grant.equals("client_credentials")) {
				return tokens(now, null);
			}
			return error(400, "unsupported_grant_type", "The authorization grant type is not supported.");
		}
	}

	private Response tokens(Instant now, String refreshToken) {
		String access = "at-" + UUID.randomUUID();
		accessTokens.put(access, now.plus(accessLifetime));
		exchanges.incrementAndGet();
		ObjectNode json = JsonNodeFactory.instance.objectNode();
		json.put("token_type", "Bearer");
		json.put("expires_in", accessLifetime.toSeconds());
		json.put("access_token", access);
		if (refreshToken != null) {
			json.put("refresh_token", refreshToken);
			json.put("refresh_token_expires_in", refreshLifetime.toSeconds());
		}
		return Response.json(200, json).header("Cache-Control", "no-store");
	}

	private Response error(int status, String code, String description) {
		rejected.incrementAndGet();
		ObjectNode json = JsonNodeFactory.instance.objectNode();
		json.put("error", code);
		json.put("error_description", description);
		return Response.json(status, json);
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}
}
