package com.webworksync.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Notifications (NOTIFY_URLS): the events of a run's end go to the outbox in the transaction that writes the run's
 * books ({@link #runEnded}), and are delivered after the commit ({@link #deliver}), within NOTIFY_TIMEOUT; what is
 * left is delivered first by the next run. Neither ever throws: a notification never changes a run's outcome.
 */
@Component
public class Notifier {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	private final NotifySettings settings;
	private final DSLContext ctx;
	private final Clock clock;
	private final Outbox outbox;
	private final RunEvents runEvents;
	private final FindingEvents findings;
	private final Map<String, Receiver> receivers;
	private HttpTransport transport;

	public Notifier(Environment environment, DSLContext ctx, Clock clock, Outbox outbox, RunEvents runEvents,
			FindingEvents findings) {
		this.settings = NotifySettings.from(environment);
		this.ctx = ctx;
		this.clock = clock;
		this.outbox = outbox;
		this.runEvents = runEvents;
		this.findings = findings;
		this.receivers = settings.receivers()
			.stream()
			.collect(Collectors.toMap(Receiver::fingerprint, Function.identity(), (a, b) -> a));
	}

	/**
	 * Records the events of a run's end, inside the caller's transaction (the one that writes the run's row), under a
	 * savepoint: a failure here is logged and the run's books are committed all the same.
	 */
	public void runEnded(RunEnd end) {
		if (!settings.enabled()) {
			return;
		}
		try {
			ctx.transaction(nested -> {
				Instant now = clock.instant();
				List<Event> events = new ArrayList<>(runEvents.of(end, now, settings.slowAfter()));
				events.addAll(findings.of(end.runId(), now));
				events.forEach(event -> outbox.add(event, receivers.values()));
			});
		}
		catch (RuntimeException ex) {
			log.warn("notifications of run {} not recorded: {}", end.runId(), ex.getClass().getSimpleName());
		}
	}

	/** Delivers what the outbox holds for the configured receivers, oldest first, within NOTIFY_TIMEOUT. */
	public Delivery.Report deliver() {
		if (!settings.enabled()) {
			return new Delivery.Report(0, 0, 0, false);
		}
		try {
			List<Outbox.Pending> pending = outbox.pending(receivers.keySet());
			if (pending.isEmpty()) {
				return new Delivery.Report(0, 0, 0, false);
			}
			Delivery.Report report = Delivery.deliver(pending, this::attempt, settings.timeout(), System::nanoTime,
					duration -> Thread.sleep(duration.toMillis()));
			if (report.left() > 0) {
				log.warn("notifications: {} delivered, {} left for the next run (NOTIFY_TIMEOUT {} reached)", report.delivered(),
						report.left(), settings.timeout());
			}
			else {
				log.info("notifications: {} delivered", report.delivered());
			}
			return report;
		}
		catch (RuntimeException ex) {
			log.warn("notifications not delivered: {}; the next run tries again", ex.getClass().getSimpleName());
			return new Delivery.Report(0, 0, 0, false);
		}
	}

	private Delivery.Result attempt(Outbox.Pending row, Duration timeout) {
		Receiver receiver = receivers.get(row.receiver());
		Outbox.Sent sent = outbox.attempt(row, locked -> {
			Messages.Request request = Messages.render(receiver.kind(), locked.eventId(), locked.body(), settings.key(),
					clock.instant().getEpochSecond());
			String problem = transport().post(receiver.uri(), request.headers(), request.body(), timeout);
			if (problem != null) {
				log.warn("notification {} ({}) to {}: {}", locked.eventId(), locked.type(), receiver.masked(), problem);
			}
			return new Outbox.Sent(problem == null, problem);
		});
		return sent == null ? Delivery.Result.SKIPPED : sent.delivered() ? Delivery.Result.DELIVERED : Delivery.Result.FAILED;
	}

	private synchronized HttpTransport transport() {
		if (transport == null) {
			transport = new HttpTransport(settings.timeout());
		}
		return transport;
	}
}
