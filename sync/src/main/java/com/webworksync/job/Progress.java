package com.webworksync.job;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import com.webworksync.config.Settings;
import com.webworksync.connections.Connections;
import com.webworksync.observe.SyncMetrics;
import com.webworksync.plan.PlanReport;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;

/**
 * A progress line every 10 seconds while a stream is planned or read, whether or not a page
 * arrived (a slow page, a long plan), and one at the end of each stream: the phase, partitions
 * done of planned, requests done and planned, the rate so far and an ETA at that rate (at the
 * configured rate before the first request).
 */
@Component
public class Progress implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger("webwork-sync.progress");
	private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Duration interval;
	private final Connections connections;
	private long waitsAtStart;
	private String stream;
	private int planned;
	private int done;
	private long requests;
	private long lastLine;
	private long startedAt;
	private String phase;
	private Map<String, String> context;
	private final ScheduledExecutorService ticker = Executors
		.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "progress");
			thread.setDaemon(true);
			return thread;
		});

	private final SyncMetrics metrics;

	public Progress(Settings settings, Connections connections,
			SyncMetrics metrics) {
		this.metrics = metrics;
		this.interval = Duration.ofMillis(60_000L / settings.requestsPerMinute());
		this.connections = connections;
		ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
	}

	/** The stream's plan is being made (or loaded): can take a while on a big ledger. */
	synchronized void planning(String stream) {
		this.stream = stream;
		this.phase = "planning";
		this.context = MDC.getCopyOfContextMap();
		this.planned = 0;
		this.done = 0;
		this.requests = 0;
		this.startedAt = System.nanoTime();
		this.lastLine = startedAt;
	}

	/** From the ticker thread: with the step thread's MDC (run id, stream, workspace), as its own lines have. */
	private synchronized void tick() {
		if (phase != null && System.nanoTime() - lastLine >= EVERY_NANOS) {
			Map<String, String> previous = MDC.getCopyOfContextMap();
			try {
				if (context != null) {
					MDC.setContextMap(context);
				}
				line(phase);
			}
			finally {
				MDC.clear();
				if (previous != null) {
					MDC.setContextMap(previous);
				}
			}
		}
	}

	@Override
	public void destroy() {
		ticker.shutdownNow();
	}

	synchronized void streamStarted(String stream, int planned, int done) {
		this.stream = stream;
		this.phase = "reading";
		this.context = MDC.getCopyOfContextMap();
		this.startedAt = System.nanoTime();
		this.planned = planned;
		this.done = done;
		this.requests = 0;
		this.lastLine = System.nanoTime();
		this.waitsAtStart = connections.waits();
		metrics.partitionsPlanned(stream, planned);
	}

	synchronized void pageRead(String stream, int partitionIndex, int requests) {
		this.done = partitionIndex;
		this.context = MDC.getCopyOfContextMap();
		this.requests += requests;
		if (System.nanoTime() - lastLine >= EVERY_NANOS) {
			line(phase);
		}
	}

	/** The stream's last line: {@code done}, or {@code failed} or {@code stopped} where it did not finish. */
	synchronized void streamEnded(String stream, String outcome) {
		line(outcome);
		phase = null;
	}

	private void line(String what) {
		lastLine = System.nanoTime();
		int left = Math.max(0, planned - done);
		double seconds = Math.max(1e-3, (lastLine - startedAt) / 1e9);
		double rate = requests / seconds;
		// a partition is one request unless it spans pages: the partitions left estimate the requests left
		Duration eta = requests > 0 ? Duration.ofSeconds((long) Math.ceil(left / rate)) : interval.multipliedBy(left);
		log.info("{} {}: partitions {}/{}, requests {}/~{}, {} requests/s, rate-limit waits {}, eta {}", stream, what,
				Math.min(done, planned), planned, requests, requests + left, String.format(Locale.ROOT, "%.1f", rate),
				connections.waits() - waitsAtStart, what.equals("planning") ? "?" : phase == null || !what.equals(phase) ? "-" : format(eta));
	}

	static String format(Duration duration) {
		return PlanReport.format(duration); // one way to write a duration: plan's
	}
}
