-- WebWork's webhooks as change hints (docs/guide/webhooks.md). A delivery is never data: the
-- receiver verifies it, then records what it names as a hint, and a hint run re-reads that
-- through the same plan as every run. Polling stays the source of truth.

-- One subscription of ours per workspace and connection, with its signing secret encrypted with
-- WEBWORK_CREDENTIALS_KEY (as the OAuth tokens in sync.credentials, bound to connection and workspace).
CREATE TABLE sync.webhook_subscriptions (
    connection   varchar(40)   NOT NULL,
    workspace_id bigint        NOT NULL,
    webhook_id   varchar(64)   NOT NULL,
    url          varchar(2000) NOT NULL,
    events       varchar(500)  NOT NULL,
    secret       varchar(500)  NOT NULL,
    created_at   timestamptz   NOT NULL,
    checked_at   timestamptz   NOT NULL,
    PRIMARY KEY (connection, workspace_id)
);
COMMENT ON TABLE sync.webhook_subscriptions IS 'Our webhook subscription per workspace and connection (POST /webhooks), with its signing secret encrypted. Webhooks not listed here were created by someone else and are never touched.';
COMMENT ON COLUMN sync.webhook_subscriptions.connection IS 'Connection name: ''default'' or WEBWORK_CONNECTIONS_<i>_NAME; deliveries for it arrive at /webhooks/<connection>.';
COMMENT ON COLUMN sync.webhook_subscriptions.workspace_id IS 'The workspace the subscription belongs to.';
COMMENT ON COLUMN sync.webhook_subscriptions.webhook_id IS 'The webhook''s id at WebWork (an encoded string).';
COMMENT ON COLUMN sync.webhook_subscriptions.url IS 'Where WebWork delivers: WEBWORK_WEBHOOK_URL with /<connection> appended.';
COMMENT ON COLUMN sync.webhook_subscriptions.events IS 'Comma-separated event names: exactly those the enabled streams need.';
COMMENT ON COLUMN sync.webhook_subscriptions.secret IS 'The whsec_ signing secret POST /webhooks returned, encrypted: v1:<base64 of 12-byte IV + AES-GCM ciphertext> (WEBWORK_CREDENTIALS_KEY). Never stored or shown in clear.';
COMMENT ON COLUMN sync.webhook_subscriptions.created_at IS 'When POST /webhooks returned it.';
COMMENT ON COLUMN sync.webhook_subscriptions.checked_at IS 'When a run last found it as it should be (or repaired it).';

-- What a verified delivery names. Personal data (member_id): erased with the member.
CREATE TABLE sync.hints (
    hint_id      bigserial     NOT NULL PRIMARY KEY,
    connection   varchar(40)   NOT NULL,
    workspace_id bigint        NOT NULL,
    kind         varchar(40)   NOT NULL,
    member_id    bigint,
    project_id   bigint,
    task_id      bigint,
    day          date          NOT NULL,
    received_at  timestamptz   NOT NULL,
    event_id     varchar(100)  NOT NULL,
    consumed_at  timestamptz,
    consumed_run bigint
);
COMMENT ON TABLE sync.hints IS 'One row per verified webhook delivery (duplicates excepted): what changed, never the payload''s data. A hint run reads what open hints name and marks them consumed in the transaction of the rows it brought.';
COMMENT ON COLUMN sync.hints.hint_id IS 'Order of arrival.';
COMMENT ON COLUMN sync.hints.connection IS 'The connection whose secret verified the delivery.';
COMMENT ON COLUMN sync.hints.workspace_id IS 'The workspace the verifying secret belongs to.';
COMMENT ON COLUMN sync.hints.kind IS 'The event: tracker.started, tracker.stopped, member.*, project.*, task.updated.';
COMMENT ON COLUMN sync.hints.member_id IS 'The member the event names (user_id), if any. Personal data.';
COMMENT ON COLUMN sync.hints.project_id IS 'The project the event names, if any.';
COMMENT ON COLUMN sync.hints.task_id IS 'The task the event names, if any.';
COMMENT ON COLUMN sync.hints.day IS 'The calendar day of the workspace (owner''s zone) the change belongs to: the tracked interval''s start, else the event''s time.';
COMMENT ON COLUMN sync.hints.received_at IS 'When the receiver accepted the delivery (its clock).';
COMMENT ON COLUMN sync.hints.event_id IS 'The delivery''s webhook-id.';
COMMENT ON COLUMN sync.hints.consumed_at IS 'When a run committed what the hint names; NULL while it is open.';
COMMENT ON COLUMN sync.hints.consumed_run IS 'The run (sync.runs.run_id) that consumed it.';

-- webhook-ids seen in the last 24 hours: a sender's retry or duplicate is answered 200 without a second hint.
CREATE TABLE sync.webhook_deliveries (
    connection  varchar(40)  NOT NULL,
    event_id    varchar(100) NOT NULL,
    received_at timestamptz  NOT NULL,
    PRIMARY KEY (connection, event_id)
);
COMMENT ON TABLE sync.webhook_deliveries IS 'The webhook-ids accepted in the last 24 hours, per connection: a delivery seen again is answered 200 and recorded once.';
COMMENT ON COLUMN sync.webhook_deliveries.connection IS 'The connection the delivery was addressed to.';
COMMENT ON COLUMN sync.webhook_deliveries.event_id IS 'The webhook-id header.';
COMMENT ON COLUMN sync.webhook_deliveries.received_at IS 'When it was first accepted; rows older than 24 hours are removed.';

/* [jooq ignore start] */
CREATE INDEX hints_open ON sync.hints (workspace_id, hint_id) WHERE consumed_at IS NULL;
CREATE INDEX webhook_deliveries_age ON sync.webhook_deliveries (received_at);
/* [jooq ignore stop] */
