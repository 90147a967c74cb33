package com.webworksync.bench;

import java.time.Duration;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

import com.webworksync.config.Command;
import com.webworksync.config.Launcher;
import com.webworksync.job.SyncRunner;
import com.webworksync.sandbox.RecordedRequest;
import com.webworksync.sandbox.Sandbox;
import com.webworksync.sandbox.SandboxOptions;

/**
 * The request budget over a sustained stretch: sandbox and client at the same limit, nothing else
 * using the token. The achieved rate should sit just under the limit, with no 429.
 */
final class Budget {

	record Result(long requests, double perMinute, long tooManyRequests) {
	}

	private Budget() {
	}

	static Result measure(Bench bench, int limit) throws Exception {
		try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
			.withSeed(11)
			.withMembers(12)
			.withHistoryDays(31)
			.withRequestsPerMinute(limit));
				ConfigurableApplicationContext context = Launcher.start(new String[0],
						Bench.properties(sandbox, bench.database(), limit))) {
			context.getBean(SyncRunner.class).run(Command.parse(new String[] { "sync" }, true, sandbox.options().clock()));
			List<RecordedRequest> requests = sandbox.requests().all();
			Duration span = Duration.between(requests.get(0).at(), requests.get(requests.size() - 1).at());
			double perMinute = (requests.size() - 1) * 60_000.0 / Math.max(1, span.toMillis());
			long tooMany = requests.stream().filter(r -> r.status() == 429).count();
			return new Result(requests.size(), perMinute, tooMany);
		}
	}
}
