package com.webworksync.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.ResourceAccessException;

import tools.jackson.databind.JsonNode;

import com.webworksync.client.Transport.Response;

/**
 * The one HTTP client for the WebWork API V2: bearer token, envelope, pagination, typed errors,
 * bounded retries for 429/5xx/I-O/malformed bodies, all within one {@link RequestBudget}.
 */
public final class WebWorkClient {

	private static final Logger log = LoggerFactory.getLogger(WebWorkClient.class);

	private final Transport transport;
	private final RequestBudget budget;
	private final ClientSettings settings;
	private final TokenSource tokens;
	private final AtomicLong requests = new AtomicLong();
	private final AtomicLong retries = new AtomicLong();
	private final AddressCheck address;
	private volatile ResponseListener listener = (path, status, nanos) -> {
	};

	/** Told about every response (status 0: an I/O error, no response), for metrics. */
	@FunctionalInterface
	public interface ResponseListener {
		void responded(String path, int status, long nanos);
	}

	public WebWorkClient(ClientSettings settings, RequestBudget budget) {
		this(settings, budget, TokenSource.fixed(settings.token()));
	}

	/** A client whose bearer token comes from {@code tokens} (OAuth2: renewed before it expires). */
	public WebWorkClient(ClientSettings settings, RequestBudget budget, TokenSource tokens) {
		this.settings = settings;
		this.budget = budget;
		this.tokens = tokens;
		this.address = new AddressCheck(settings.baseUrl());
		this.transport = new Transport(settings);
	}

	/**
	 * GET one page. {@code params} must include {@code workspace_id} where the endpoint needs it.
	 */
	public ApiPage page(String path, Map<String, String> params, int page, int perPage) {
		Map<String, String> query = new LinkedHashMap<>(params);
		query.put("page", Integer.toString(page));
		query.put("per_page", Integer.toString(perPage));
		Answer answer = call("GET", path, query, null);
		return Pagination.read(answer.body(), page, perPage, answer.attempts());
	}

	/**
	 * A write (POST, PUT or DELETE) with a JSON body, under the same budget, retries and error policy as every read;
	 * returns the envelope's {@code data}. The sync itself only writes its own webhook subscriptions.
	 */
	public JsonNode write(String method, String path, Map<String, String> query, String jsonBody) {
		return call(method, path, new LinkedHashMap<>(query), jsonBody).body().path("data");
	}

	private record Answer(JsonNode body, int attempts) {
	}

	private Answer call(String method, String path, Map<String, String> query, String jsonBody) {
		String endpoint = describe(method, path, query);
		int attempts = 0;
		int rateLimited = 0;
		boolean renewed = false;
		String problem;
		while (true) {
			attempts++;
			String token = tokens.token(); // before the budget: an OAuth exchange is not an API request
			budget.acquire();
			requests.incrementAndGet();
			Response response;
			long sent = System.nanoTime();
			try {
				response = transport.send(method, path, query, jsonBody, token);
				listener.responded(path, response.status(), System.nanoTime() - sent);
			}
			catch (ResourceAccessException ex) {
				for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
					if (t instanceof OutOfMemoryError error) {
						throw error; // the HTTP client's thread ran out of memory: not an I/O failure to retry
					}
				}
				listener.responded(path, 0, System.nanoTime() - sent);
				problem = "I/O error: " + Transport.rootMessage(ex);
				wrongAddressAfter(attempts, address.connectionProblem(ex));
				if (!retryable(endpoint, attempts, problem)) {
					throw new ApiException.Unavailable(endpoint, attempts, problem);
				}
				continue;
			}
			budget.observe(response.intHeader("X-RateLimit-Limit"), response.intHeader("X-RateLimit-Remaining"),
					response.longHeader("X-RateLimit-Reset"));
			int status = response.status();
			if (Envelope.looksLikeTheApi(response.body())) {
				address.answered();
			}
			else if ((status >= 200 && status < 300) || status == 404) {
				// a web page, or a wrong path's 404 page, where the API's JSON should be (a proxy's 5xx page is an outage)
				wrongAddressAfter(attempts, address.answerProblem(status, response.contentType(), response.body().length));
			}
			if (status == 429) {
				rateLimited++;
				if (rateLimited > settings.maxRateLimitRetries()) {
					throw new ApiException.Unavailable(endpoint, attempts, "429 Too Many Requests " + rateLimited + " times in a row");
				}
				Integer retryAfter = response.intHeader("Retry-After");
				Duration pause = retryAfter != null ? Duration.ofSeconds(Math.max(retryAfter, 1))
						: backoff(rateLimited).plus(budget.interval());
				log.info("rate limited on {}: waiting {} s{}", endpoint, pause.toMillis() / 1000.0,
						retryAfter != null ? " (Retry-After)" : "");
				budget.block(pause);
				retries.incrementAndGet();
				attempts--; // back-pressure, not a failure: it does not use up an attempt
				continue;
			}
			if (status == 401) {
				if (!renewed && tokens.rejected(token)) {
					renewed = true; // an OAuth access token revoked early: one fresh exchange, then give up
					attempts--;
					continue;
				}
				throw new ApiException.Unauthorized(endpoint, tokens.whenRejected());
			}
			if (status == 403) {
				throw new ApiException.Forbidden(workspaceOf(query), endpoint);
			}
			if (status == 404) {
				throw new ApiException.NotFound(endpoint);
			}
			if (status == 400 || status == 422) {
				throw new ApiException.Rejected(endpoint, status, Envelope.errorDetail(response.body()));
			}
			if (status >= 200 && status < 300) {
				JsonNode body = Envelope.object(response.body());
				if (body == null) {
					problem = "status " + status + " with a body that is not JSON (" + response.contentType() + ", "
							+ response.body().length + " bytes)";
				}
				else if (!body.path("success").asBoolean(false)) {
					problem = "status " + status + " with success=false: " + body.path("message").asString("(no message)");
				}
				else {
					return new Answer(body, attempts);
				}
			}
			else {
				problem = "status " + status;
			}
			if (!retryable(endpoint, attempts, problem)) {
				throw new ApiException.Unavailable(endpoint, attempts, problem);
			}
		}
	}

	public long requests() {
		return requests.get();
	}

	public void listener(ResponseListener listener) {
		this.listener = listener;
	}

	public long retries() {
		return retries.get();
	}

	public RequestBudget budget() {
		return budget;
	}

	/**
	 * The address answered in an earlier successful run (the warehouse's sync.runs say so): a failure to reach it is an
	 * outage from the start, never a wrong address.
	 */
	public void answeredInEarlierRuns() {
		address.answered();
	}

	/** A never-answered address that still is not the API after {@link AddressCheck#ATTEMPTS} tries is a mistake. */
	private void wrongAddressAfter(int attempts, String problem) {
		if (problem != null && attempts >= AddressCheck.ATTEMPTS) {
			throw new ApiException.WrongAddress(address.url(), problem);
		}
	}

	private boolean retryable(String endpoint, int attempts, String problem) {
		if (attempts >= settings.maxAttempts()) {
			return false;
		}
		Duration pause = backoff(attempts);
		log.warn("{} failed ({}); retry {} of {} in {} ms", endpoint, problem, attempts, settings.maxAttempts() - 1,
				pause.toMillis());
		retries.incrementAndGet();
		budget.block(pause);
		return true;
	}

	/** Exponential with full jitter, capped: spreads retries of many clients. */
	private Duration backoff(int attempt) {
		long base = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 10);
		long capped = Math.min(base, settings.maxBackoff().toMillis());
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}

	private static long workspaceOf(Map<String, String> params) {
		String id = params.get("workspace_id");
		return id == null ? 0 : Long.parseLong(id);
	}

	static String describe(String method, String path, Map<String, String> query) {
		return method + " " + path + "?" + query.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining("&"));
	}
}
