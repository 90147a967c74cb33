package com.webworksync.notify;

import static com.webworksync.schema.sync.Tables.NOTIFICATIONS;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sync.notifications}: the events a run reported, one row per receiver, written in the caller's transaction (the
 * one of the state they report) and marked delivered one by one, each under a row lock that another process skips, so
 * two processes never send the same row at once. A row no receiver took within {@link #MAX_AGE} is left as it is.
 */
@Component
public class Outbox {

	/** How long an undelivered notification is still tried: after that it is stale news. */
	public static final Duration MAX_AGE = Duration.ofDays(7);

	private final DSLContext ctx;
	private final Clock clock;
	private final JsonMapper json = JsonMapper.builder().build();

	public Outbox(DSLContext ctx, Clock clock) {
		this.ctx = ctx;
		this.clock = clock;
	}

	/** A row to deliver: the event and the receiver (by fingerprint) it is for. */
	public record Pending(String eventId, String receiver, String type, String body) {
	}

	/** What one attempt came to: delivered, or why not (the receiver's status or the kind of error; never its URL). */
	public record Sent(boolean delivered, String problem) {
	}

	/** Adds the event for each receiver, in the caller's transaction. */
	public void add(Event event, Collection<Receiver> receivers) {
		String body = event.body(json);
		for (Receiver receiver : receivers) {
			ctx.insertInto(NOTIFICATIONS)
				.set(NOTIFICATIONS.EVENT_ID, event.id())
				.set(NOTIFICATIONS.RECEIVER, receiver.fingerprint())
				.set(NOTIFICATIONS.RECEIVER_MASKED, receiver.masked())
				.set(NOTIFICATIONS.EVENT_TYPE, event.type())
				.set(NOTIFICATIONS.SUBJECT, event.subject())
				.set(NOTIFICATIONS.RUN_ID, event.runId())
				.set(NOTIFICATIONS.CREATED_AT, event.at().atOffset(ZoneOffset.UTC))
				.set(NOTIFICATIONS.PAYLOAD, DSL.field("{0}::jsonb", JSON.class, body))
				.onConflictDoNothing()
				.execute();
		}
	}

	/** Whether an event of this type was already reported about this subject. */
	public boolean reported(String type, String subject) {
		return ctx.fetchExists(NOTIFICATIONS, NOTIFICATIONS.EVENT_TYPE.eq(type).and(NOTIFICATIONS.SUBJECT.eq(subject)));
	}

	/** Whether an event of this type was already reported whose payload contains {@code fragment} (jsonb {@code @>}). */
	public boolean reportedContaining(String type, Object fragment) {
		return ctx.fetchExists(NOTIFICATIONS, NOTIFICATIONS.EVENT_TYPE.eq(type)
			.and(DSL.condition("{0} @> {1}::jsonb", NOTIFICATIONS.PAYLOAD, json.writeValueAsString(fragment))));
	}

	/** Undelivered rows for these receivers, oldest first, younger than {@link #MAX_AGE}. */
	public List<Pending> pending(Collection<String> receivers) {
		return ctx.select(NOTIFICATIONS.EVENT_ID, NOTIFICATIONS.RECEIVER, NOTIFICATIONS.EVENT_TYPE, NOTIFICATIONS.PAYLOAD)
			.from(NOTIFICATIONS)
			.where(NOTIFICATIONS.DELIVERED_AT.isNull())
			.and(NOTIFICATIONS.RECEIVER.in(receivers))
			.and(NOTIFICATIONS.CREATED_AT.gt(OffsetDateTime.now(clock).minus(MAX_AGE)))
			.orderBy(NOTIFICATIONS.SEQ)
			.fetch(r -> new Pending(r.value1(), r.value2(), r.value3(), r.value4().data()));
	}

	/**
	 * Sends a row under its lock and records the outcome in the same transaction; null when another process holds it
	 * or it was delivered meanwhile (nothing sent).
	 */
	public Sent attempt(Pending row, Function<Pending, Sent> send) {
		return ctx.transactionResult(configuration -> {
			DSLContext tx = DSL.using(configuration);
			boolean mine = tx.selectOne()
				.from(NOTIFICATIONS)
				.where(NOTIFICATIONS.EVENT_ID.eq(row.eventId()))
				.and(NOTIFICATIONS.RECEIVER.eq(row.receiver()))
				.and(NOTIFICATIONS.DELIVERED_AT.isNull())
				.forUpdate()
				.skipLocked()
				.fetchOptional()
				.isPresent();
			if (!mine) {
				return null;
			}
			Sent sent = send.apply(row);
			OffsetDateTime now = OffsetDateTime.now(clock);
			String problem = sent.problem() == null ? null : sent.problem().substring(0, Math.min(300, sent.problem().length()));
			tx.update(NOTIFICATIONS)
				.set(NOTIFICATIONS.ATTEMPTS, NOTIFICATIONS.ATTEMPTS.plus(1))
				.set(NOTIFICATIONS.LAST_ATTEMPT_AT, now)
				.set(NOTIFICATIONS.LAST_ERROR, problem)
				.set(NOTIFICATIONS.DELIVERED_AT, sent.delivered() ? now : null)
				.where(NOTIFICATIONS.EVENT_ID.eq(row.eventId()))
				.and(NOTIFICATIONS.RECEIVER.eq(row.receiver()))
				.execute();
			return sent;
		});
	}
}
