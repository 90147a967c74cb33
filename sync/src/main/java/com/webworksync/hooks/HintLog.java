package com.webworksync.hooks;

import static com.webworksync.schema.sync.Tables.HINTS;
import static com.webworksync.schema.sync.Tables.WEBHOOK_DELIVERIES;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Writes a verified delivery's hint: its webhook-id and the hint in one transaction, committed before the receiver
 * answers, so a delivery the sender retries (after a crash, a timeout, a duplicate) is recorded once. Ids are kept
 * {@link #KEPT}.
 */
final class HintLog {

	static final Duration KEPT = Duration.ofHours(24);

	private final DataSource dataSource;

	private volatile Instant lastPurge = Instant.EPOCH;

	HintLog(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * A hint row per day the change touches ({@link Hint#days}). False when the webhook-id was already recorded for this
	 * connection (nothing written).
	 */
	boolean record(String connection, long workspaceId, Hint hint, List<LocalDate> days, String eventId,
			Instant receivedAt) throws SQLException {
		try (Connection jdbc = dataSource.getConnection()) {
			jdbc.setAutoCommit(false);
			try {
				DSLContext ctx = DSL.using(jdbc, SQLDialect.POSTGRES);
				var at = receivedAt.atOffset(ZoneOffset.UTC);
				if (lastPurge.isBefore(receivedAt.minus(Duration.ofMinutes(10)))) {
					lastPurge = receivedAt;
					ctx.deleteFrom(WEBHOOK_DELIVERIES).where(WEBHOOK_DELIVERIES.RECEIVED_AT.lt(at.minus(KEPT))).execute();
				}
				int fresh = ctx.insertInto(WEBHOOK_DELIVERIES)
					.set(WEBHOOK_DELIVERIES.CONNECTION, connection)
					.set(WEBHOOK_DELIVERIES.EVENT_ID, eventId)
					.set(WEBHOOK_DELIVERIES.RECEIVED_AT, at)
					.onConflictDoNothing()
					.execute();
				for (LocalDate day : fresh == 1 ? days : List.<LocalDate>of()) {
					ctx.insertInto(HINTS)
						.set(HINTS.CONNECTION, connection)
						.set(HINTS.WORKSPACE_ID, workspaceId)
						.set(HINTS.KIND, hint.kind())
						.set(HINTS.MEMBER_ID, hint.memberId())
						.set(HINTS.PROJECT_ID, hint.projectId())
						.set(HINTS.TASK_ID, hint.taskId())
						.set(HINTS.DAY, day)
						.set(HINTS.RECEIVED_AT, at)
						.set(HINTS.EVENT_ID, eventId)
						.execute();
				}
				jdbc.commit();
				return fresh == 1;
			}
			catch (RuntimeException | SQLException ex) {
				jdbc.rollback();
				throw ex;
			}
		}
	}

	/** For readiness: the database answers. */
	boolean reachable() {
		try (Connection jdbc = dataSource.getConnection()) {
			return jdbc.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}
}
