-- Notifications (NOTIFY_URLS): a durable outbox. Each event a run reports is written here in the
-- transaction that writes what it reports (the run's row in sync.runs), one row per receiver, and
-- delivered after the commit; what is left undelivered is sent by the next run. The event id is
-- the idempotency key (the webhook-id header): a receiver may see it twice after a crash, never
-- two ids for one event. Receiver URLs are secrets: only a masked form and a fingerprint are kept.
CREATE TABLE sync.notifications (
    event_id        varchar(64)   NOT NULL,
    receiver        varchar(64)   NOT NULL,
    receiver_masked varchar(300)  NOT NULL,
    event_type      varchar(40)   NOT NULL,
    subject         varchar(300)  NOT NULL,
    run_id          bigint,
    created_at      timestamptz   NOT NULL,
    payload         jsonb         NOT NULL,
    attempts        integer       NOT NULL DEFAULT 0,
    last_attempt_at timestamptz,
    last_error      varchar(300),
    delivered_at    timestamptz,
    seq             bigserial     NOT NULL,
    PRIMARY KEY (event_id, receiver)
);
COMMENT ON TABLE sync.notifications IS 'The notification outbox: one row per event and receiver of NOTIFY_URLS, written in the transaction of the state it reports and delivered after the commit (by the next run when this one could not). Grain: event x receiver.';
COMMENT ON COLUMN sync.notifications.event_id IS 'The event''s id, sent as the webhook-id header: the idempotency key, the same for every receiver and every attempt.';
COMMENT ON COLUMN sync.notifications.receiver IS 'Fingerprint of the receiver''s entry in NOTIFY_URLS (the first 16 hex digits of its SHA-256): which configured receiver the row is for, without the URL.';
COMMENT ON COLUMN sync.notifications.receiver_masked IS 'The receiver as it may be shown: its kind, scheme and host, the rest masked (slack:https://hooks.slack.com/***). Never the URL itself.';
COMMENT ON COLUMN sync.notifications.event_type IS 'run.failed, run.recovered, run.partial, run.slow, stream.stale, credential.expiring, reconciliation.mismatch or schema.drift.';
COMMENT ON COLUMN sync.notifications.subject IS 'What the event is about: the run, a stream and workspace, a connection, a finding. Events about the same subject are not repeated while it lasts (a stale stream, an expiring token).';
COMMENT ON COLUMN sync.notifications.run_id IS 'The run that reported it (sync.runs.run_id).';
COMMENT ON COLUMN sync.notifications.created_at IS 'When the run reported it (the run''s clock).';
COMMENT ON COLUMN sync.notifications.payload IS 'The Standard Webhooks body: {"type": ..., "timestamp": ..., "data": {...}}. Never a secret.';
COMMENT ON COLUMN sync.notifications.attempts IS 'Delivery attempts made so far, over all runs.';
COMMENT ON COLUMN sync.notifications.last_attempt_at IS 'When the last attempt was made.';
COMMENT ON COLUMN sync.notifications.last_error IS 'Why the last attempt failed: the status the receiver answered, or the kind of I/O error. Never the URL.';
COMMENT ON COLUMN sync.notifications.seq IS 'Order of writing: rows are delivered oldest first, and the events of one run in the order it reported them.';
COMMENT ON COLUMN sync.notifications.delivered_at IS 'When the receiver accepted it (a 2xx answer); NULL while it is pending.';

/* [jooq ignore start] */
CREATE INDEX notifications_pending ON sync.notifications (seq) WHERE delivered_at IS NULL;
CREATE INDEX notifications_subject ON sync.notifications (event_type, subject);
/* [jooq ignore stop] */
