package com.webworksync.job;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A progress line at most every 10 seconds, and one at the end of each stream: partitions done
 * of planned, requests, and an ETA at the configured request rate.
 */
@Component
public class Progress {

	private static final Logger log = LoggerFactory.getLogger("webwork-sync.progress");
	private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Duration interval;
	private final com.webworksync.Connections client;
	private long waitsAtStart;
	private String stream;
	private int planned;
	private int done;
	private long requests;
	private long lastLine;

	private final com.webworksync.observe.SyncMetrics metrics;

	public Progress(com.webworksync.Settings settings, com.webworksync.Connections client,
			com.webworksync.observe.SyncMetrics metrics) {
		this.metrics = metrics;
		this.interval = Duration.ofMillis(60_000L / settings.requestsPerMinute());
		this.client = client;
	}

	synchronized void streamStarted(String stream, int planned, int done) {
		this.stream = stream;
		this.planned = planned;
		this.done = done;
		this.requests = 0;
		this.lastLine = System.nanoTime();
		this.waitsAtStart = client.waits();
		metrics.partitionsPlanned(stream, planned);
	}

	synchronized void pageRead(String stream, int partitionIndex, int requests) {
		this.done = partitionIndex;
		this.requests += requests;
		if (System.nanoTime() - lastLine >= EVERY_NANOS) {
			line("progress");
		}
	}

	synchronized void streamEnded(String stream) {
		line("done");
	}

	private void line(String what) {
		lastLine = System.nanoTime();
		int left = Math.max(0, planned - done);
		Duration eta = interval.multipliedBy(left);
		// a partition is one request unless it spans pages: the partitions left estimate the requests left
		log.info("{} {}: partitions {}/{}, requests {}/~{}, rate-limit waits {}, eta {}", stream, what,
				Math.min(done, planned), planned, requests, requests + left, client.waits() - waitsAtStart,
				what.equals("done") ? "-" : format(eta));
	}

	static String format(Duration duration) {
		long s = duration.toSeconds();
		return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
				: s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
	}
}
