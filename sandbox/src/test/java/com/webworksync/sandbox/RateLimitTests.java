package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The rate limit: a sliding 60-second window per token, with headers on every answer. */
class RateLimitTests {

	@Test
	void sixthRequestInAMinuteIs429WithRetryAfterAndReset() throws Exception {
		try (Sandbox sandbox = Sandbox.start(PinnedSandbox.OPTIONS.withRequestsPerMinute(5))) {
			Api api = new Api(sandbox);
			for (int i = 1; i <= 5; i++) {
				Api.Reply reply = api.get("/workspaces");
				assertThat(reply.status()).isEqualTo(200);
				assertThat(reply.header("X-RateLimit-Limit")).contains("5");
				assertThat(reply.header("X-RateLimit-Remaining")).contains(String.valueOf(5 - i));
			}
			long before = System.currentTimeMillis() / 1000;
			Api.Reply limited = api.get("/workspaces");
			assertThat(limited.status()).isEqualTo(429);
			assertThat(limited.json().get("message").asString()).isEqualTo("Too Many Attempts.");
			assertThat(limited.json().get("success").asBoolean()).isFalse();
			int retryAfter = Integer.parseInt(limited.header("Retry-After").orElseThrow());
			assertThat(retryAfter).isBetween(1, 60);
			long reset = Long.parseLong(limited.header("X-RateLimit-Reset").orElseThrow());
			assertThat(reset).isBetween(before, before + 61);
			assertThat(limited.header("X-RateLimit-Remaining")).contains("0");
			// a rejected request does not count, and faults never use the window
			assertThat(api.get("/workspaces").status()).isEqualTo(429);
			sandbox.faults().inject(Fault.of(Fault.Kind.SLOW).delay(java.time.Duration.ZERO));
			assertThat(api.get("/workspaces").status()).isEqualTo(200);
			assertThat(sandbox.requests().count()).isEqualTo(8);
			assertThat(sandbox.requests().all().stream().filter(r -> r.status() == 429).count()).isEqualTo(2);
		}
	}

	@Test
	void windowSlidesAndRejectionsDoNotCount() {
		AtomicLong now = new AtomicLong(1_000_000);
		RateLimiter limiter = new RateLimiter(2, now::get);
		assertThat(limiter.acquire("t").allowed()).isTrue();
		now.addAndGet(10_000);
		assertThat(limiter.acquire("t").remaining()).isEqualTo(0);
		RateLimiter.Decision rejected = limiter.acquire("t");
		assertThat(rejected.allowed()).isFalse();
		assertThat(rejected.retryAfterSeconds()).isEqualTo(50); // the first request leaves at +60 s
		now.addAndGet(50_000);
		assertThat(limiter.acquire("t").allowed()).isTrue(); // first one left the window
		assertThat(limiter.acquire("t").allowed()).isFalse();
		assertThat(limiter.acquire("other").allowed()).isTrue(); // per token
	}

	@Test
	void unlimitedSendsNoRateHeaders() throws Exception {
		try (Sandbox sandbox = Sandbox.start(PinnedSandbox.OPTIONS)) {
			Api.Reply reply = new Api(sandbox).get("/workspaces");
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.header("X-RateLimit-Limit")).isEmpty();
		}
	}

}
