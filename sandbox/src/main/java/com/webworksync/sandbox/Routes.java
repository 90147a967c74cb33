package com.webworksync.sandbox;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The thin HTTP front: authentication, faults, the rate limit, routing, and the request log.
 * Order per request: 401 (not counted) -> fault (bypasses the window) -> 429 -> 404 -> 403 -> handler.
 */
final class Routes implements HttpHandler {

	static final String PREFIX = "/api/v2";

	private final SandboxOptions options;

	private final SandboxData data;

	private final RateLimiter limiter;

	private final Faults faults;

	private final RequestLog log;

	private final Map<String, Route> routes = new HashMap<>();

	private final OAuthServer oauth;

	private final Tokens tokens;

	private final WebhookEndpoints webhooks;

	Routes(SandboxOptions options, SandboxData data, RateLimiter limiter, Faults faults, RequestLog log, OAuthServer oauth,
			Tokens tokens) {
		this.tokens = tokens;
		this.webhooks = new WebhookEndpoints(data, options.seed());
		this.oauth = oauth;
		this.options = options;
		this.data = data;
		this.limiter = limiter;
		this.faults = faults;
		this.log = log;
		ListEndpoints.register(routes);
		ReportEndpoints.register(routes);
		Trackers.register(routes);
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		long sequence = log.nextSequence();
		Instant at = options.clock().instant();
		String method = exchange.getRequestMethod();
		String rawPath = exchange.getRequestURI().getPath();
		String path = stripPrefix(rawPath);
		Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		byte[] body = exchange.getRequestBody().readAllBytes();
		if (OAuthServer.PATH.equals(rawPath) && "POST".equals(method)) {
			// the token endpoint is not part of the API: no rate limit, no request log entry
			oauth.exchange(authorization, new String(body, StandardCharsets.UTF_8)).write(exchange);
			return;
		}
		String caller = tokens.accepted(authorization);
		boolean authorized = caller != null || (authorization != null && authorization.startsWith("Bearer ")
				&& oauth.validAccessToken(authorization.substring(7)));
		Response response;
		try {
			response = respond(method, rawPath, path, query, body, authorized, caller == null ? options.token() : caller);
		}
		catch (RuntimeException e) {
			response = Response.error(new ErrorAnswer(500, "An error occurred", "Internal Server Error", null));
		}
		if (response.json != null && response.json.get("meta") instanceof ObjectNode meta) {
			meta.put("timestamp", Json.metaTimestamp(at)); // the sandbox's clock, not the machine's
		}
		log.record(sequence, new RecordedRequest(at, method, path, query, response.status, authorized, caller));
		response.write(exchange);
	}

	/** @param token the caller's token: its own rate-limit window and role */
	private Response respond(String method, String rawPath, String path, Map<String, List<String>> query, byte[] body,
			boolean authorized, String token) {
		if (!authorized) {
			return rateHeaders(Response.error(new ErrorAnswer(401, "Unauthenticated.", null, null)),
					limiter.peek(options.token()));
		}
		Fault fault = faults.take(path);
		if (fault != null) {
			RateLimiter.Decision now = limiter.peek(token);
			return rateHeaders(FaultResponses.apply(fault, () -> route(method, rawPath, path, query, body, token)), now);
		}
		RateLimiter.Decision decision = limiter.acquire(token);
		if (!decision.allowed()) {
			return rateHeaders(Response.error(new ErrorAnswer(429, "Too Many Attempts.", null, null)), decision)
				.header("Retry-After", decision.retryAfterSeconds())
				.header("X-RateLimit-Reset", decision.resetEpochSeconds());
		}
		return rateHeaders(route(method, rawPath, path, query, body, token), decision);
	}

	private Response route(String method, String rawPath, String path, Map<String, List<String>> query, byte[] body,
			String token) {
		try {
			if (rawPath.startsWith(PREFIX + "/") && WebhookEndpoints.handles(method, path)) {
				if (!Tokens.manager(tokens.role(token))) {
					throw ErrorAnswer.forbidden();
				}
				return webhooks.handle(method, path, query, body);
			}
			Route route = routes.get(path);
			if (!rawPath.startsWith(PREFIX + "/") || route == null || options.disabledPaths().contains(path)) {
				throw ErrorAnswer.notFound();
			}
			if (!"GET".equals(method)) {
				throw new ErrorAnswer(405, "The " + method + " method is not supported by the sandbox.", null, null);
			}
			// the V2 reference: only owners and executive managers; /workspaces still answers with the caller's role
			String role = tokens.role(token);
			if (!Tokens.manager(role) && !"/workspaces".equals(path)) {
				throw ErrorAnswer.forbidden();
			}
			Call call = new Call(query, data);
			Response response = Response.json(200, Envelope.success(data.read(() -> route.handle(call))));
			if ("/workspaces".equals(path) && !role.equals(options.callerRole())) {
				// another user's token: the same workspaces, with that user's role in them
				response.json.path("data").forEach(w -> ((ObjectNode) w).put("role", role));
			}
			return response;
		}
		catch (ErrorAnswer e) {
			return Response.error(e);
		}
	}

	/** X-RateLimit-Limit and X-RateLimit-Remaining on every response; none at all when the limit is off (requestsPerMinute 0). */
	private Response rateHeaders(Response response, RateLimiter.Decision decision) {
		if (!limiter.unlimited()) {
			response.headers.putIfAbsent("X-RateLimit-Limit", String.valueOf(decision.limit()));
			response.headers.putIfAbsent("X-RateLimit-Remaining", String.valueOf(decision.remaining()));
		}
		return response;
	}

	private static String stripPrefix(String rawPath) {
		String path = rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : rawPath;
		return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/** Keeps repeated keys (users[]=1&users[]=2) and their order. */
	static Map<String, List<String>> parseQuery(String rawQuery) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
		}
		query.replaceAll((k, v) -> Collections.unmodifiableList(v));
		return Collections.unmodifiableMap(query);
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

}
