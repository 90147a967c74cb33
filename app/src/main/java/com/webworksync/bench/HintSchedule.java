package com.webworksync.bench;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;

import com.webworksync.config.Command;
import com.webworksync.job.SyncRunner;
import com.webworksync.sandbox.Sandbox;

/**
 * {@code sync --hints} in process on a real schedule, every {@link #EVERY} at a fixed rate (as a CronJob would start
 * it), counting the runs that read something and the requests they made. While it runs, nothing else asks the
 * sandbox, so its request log between two clears is one hint run's.
 */
final class HintSchedule {

	static final Duration EVERY = Duration.ofSeconds(60);

	private final Sandbox sandbox;

	private final SyncRunner runner;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "bench-hint-runs");
		t.setDaemon(true);
		return t;
	});

	private volatile int runs;

	private volatile long requests;

	private volatile int failures;

	private HintSchedule(Sandbox sandbox, SyncRunner runner) {
		this.sandbox = sandbox;
		this.runner = runner;
	}

	static HintSchedule start(Sandbox sandbox, SyncRunner runner) {
		HintSchedule schedule = new HintSchedule(sandbox, runner);
		schedule.executor.scheduleAtFixedRate(schedule::runOnce, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
		return schedule;
	}

	private void runOnce() {
		try {
			sandbox.requests().clear();
			int exit = runner.run(Command.parse(new String[] { "sync", "--hints" }, true, sandbox.options().clock()));
			int made = sandbox.requests().all().size();
			if (exit != 0) {
				failures++;
			}
			if (made > 0) {
				runs++;
				requests += made;
			}
		}
		catch (Exception ex) { // a thrown task would cancel the schedule: counted, the next run still comes
			failures++;
			System.err.println("bench: a hint run failed: " + ex);
		}
	}

	/**
	 * Lets the schedule go on until no hint is open or {@code atMost} has passed, then stops it after the run under
	 * way; the hints left open.
	 */
	int drain(DSLContext dsl, Duration atMost) throws InterruptedException {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (open(dsl) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(1000);
		}
		executor.shutdown();
		executor.awaitTermination(5, TimeUnit.MINUTES);
		return open(dsl);
	}

	private static int open(DSLContext dsl) {
		return dsl.fetchOne("select count(*) from sync.hints where consumed_at is null").get(0, Integer.class);
	}

	int runs() {
		return runs;
	}

	long requests() {
		return requests;
	}

	int failures() {
		return failures;
	}
}
