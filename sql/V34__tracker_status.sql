-- Who is tracking now: the opt-in stream tracker_status (GET /time-tracking/current-data, one call per member and
-- run, read only when SYNC_STREAMS names it) and the BI view over it. One row per member whose tracker ran when last
-- read; a member without a running tracker has no live row (its row gets _deleted_at when the member is re-read).

CREATE TABLE webwork.tracker_status (
    workspace_id         bigint        NOT NULL,
    user_id              bigint        NOT NULL,
    contract_id          bigint,
    task_id              bigint,
    task_title           varchar(1000),
    activity_description varchar(5000),
    total_seconds        integer,
    total_minutes        integer,
    date                 date,
    raw                  jsonb         NOT NULL,
    _partition           varchar(64)   NOT NULL,
    _synced_at           timestamptz   NOT NULL,
    _run_id              bigint        NOT NULL,
    _deleted_at          timestamptz,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX tracker_status_partition_idx ON webwork.tracker_status (workspace_id, _partition);

COMMENT ON TABLE webwork.tracker_status IS 'The running tracker of each member when last read (GET /time-tracking/current-data, one member per call; opt-in: read only when SYNC_STREAMS names tracker_status). Grain: one row per member whose tracker was running; a member whose tracker is not running has no live row. WebWork documents that the endpoint sees only trackers started from the API or the browser.';
COMMENT ON COLUMN webwork.tracker_status.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.tracker_status.user_id IS 'Member whose tracker runs (webwork.members.id).';
COMMENT ON COLUMN webwork.tracker_status.contract_id IS 'Contract the tracker runs on (webwork.contracts.id, which names the project); NULL for time without a project.';
COMMENT ON COLUMN webwork.tracker_status.task_id IS 'Task (webwork.tasks.id); NULL without a task.';
COMMENT ON COLUMN webwork.tracker_status.task_title IS 'Title of the task at the time of reading.';
COMMENT ON COLUMN webwork.tracker_status.activity_description IS 'What the member typed for the running interval (free text).';
COMMENT ON COLUMN webwork.tracker_status.total_seconds IS 'The seconds left over beyond total_minutes (0 to 59).';
COMMENT ON COLUMN webwork.tracker_status.total_minutes IS 'Minutes on the day so far: the day''s timeline plus the running tracker, as of the read.';
COMMENT ON COLUMN webwork.tracker_status.date IS 'Calendar day the running tracker counts towards.';
COMMENT ON COLUMN webwork.tracker_status.raw IS 'The source object as the API returned it. Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.tracker_status._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row: member:<user_id>.';
COMMENT ON COLUMN webwork.tracker_status._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.tracker_status._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.tracker_status._deleted_at IS 'Soft delete: when a re-read of the member found no tracker running. NULL while the tracker runs; cleared when it runs again. Filter on _deleted_at IS NULL (the analytics views do).';

-- The view reads the ledger and the webhook hints with its owner's rights, as data_quality reads sync.reconciliation:
-- BI users (webwork_bi, whose default privileges cover every view added to analytics) see the view, never sync.*.
/* [jooq ignore start] */
CREATE VIEW analytics.tracking_now AS
SELECT s.workspace_id,
       s.user_id                                            AS member_id,
       m.display_name,
       c.project_id,
       p.name                                               AS project_name,
       s.task_id,
       s.task_title,
       s.activity_description,
       s.date                                               AS work_date,
       s.total_minutes                                      AS minutes_today,
       round(s.total_minutes / 60.0, 2)                     AS hours_today,
       CASE WHEN last_hint.kind = 'tracker.started' THEN last_hint.received_at END AS tracking_since,
       l.fetched_at                                         AS checked_at
FROM webwork.tracker_status s
JOIN analytics.members m ON m.workspace_id = s.workspace_id AND m.member_id = s.user_id
LEFT JOIN webwork.contracts c ON c.workspace_id = s.workspace_id AND c.id = s.contract_id AND c._deleted_at IS NULL
LEFT JOIN webwork.projects p ON p.workspace_id = s.workspace_id AND p.id = c.project_id AND p._deleted_at IS NULL
LEFT JOIN sync.partitions l ON l.stream = 'tracker_status' AND l.workspace_id = s.workspace_id
                           AND l.partition_key = s._partition
LEFT JOIN LATERAL (
    -- the member's latest tracker webhook received up to the read: a start not followed by a stop dates this tracker
    SELECT h.kind, h.received_at
    FROM sync.hints h
    WHERE h.workspace_id = s.workspace_id AND h.member_id = s.user_id
      AND h.kind IN ('tracker.started', 'tracker.stopped')
      AND (l.fetched_at IS NULL OR h.received_at <= l.fetched_at)
    ORDER BY h.received_at DESC, h.hint_id DESC
    LIMIT 1
) last_hint ON true
WHERE s._deleted_at IS NULL;

COMMENT ON VIEW analytics.tracking_now IS 'Who is tracking now: every live member whose tracker was running when the opt-in stream tracker_status last read them (SYNC_STREAMS must name it; without it the view is empty), on what project and task. As fresh as checked_at: the last run, or the last tracker hint run. Grain: workspace x member with a running tracker.';
COMMENT ON COLUMN analytics.tracking_now.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN analytics.tracking_now.member_id IS 'Member (analytics.members.member_id).';
COMMENT ON COLUMN analytics.tracking_now.display_name IS 'The member''s display name (analytics.members.display_name).';
COMMENT ON COLUMN analytics.tracking_now.project_id IS 'Project of the contract the tracker runs on; NULL for time without a project or a contract not synced.';
COMMENT ON COLUMN analytics.tracking_now.project_name IS 'Name of the project; NULL for time without a project.';
COMMENT ON COLUMN analytics.tracking_now.task_id IS 'Task (webwork.tasks.id); NULL without a task.';
COMMENT ON COLUMN analytics.tracking_now.task_title IS 'Title of the task.';
COMMENT ON COLUMN analytics.tracking_now.activity_description IS 'What the member typed for the running interval (free text; subject to SYNC_PRIVACY).';
COMMENT ON COLUMN analytics.tracking_now.work_date IS 'Calendar day the running tracker counts towards.';
COMMENT ON COLUMN analytics.tracking_now.minutes_today IS 'Minutes on work_date so far, the running tracker included, as of checked_at.';
COMMENT ON COLUMN analytics.tracking_now.hours_today IS 'minutes_today in hours, 2 decimals.';
COMMENT ON COLUMN analytics.tracking_now.tracking_since IS 'When the tracker started, as far as the warehouse can tell: when the tracker.started webhook for it arrived (docs/guide/webhooks.md). NULL without webhooks, or when that delivery was lost: the API does not say when a running tracker started.';
COMMENT ON COLUMN analytics.tracking_now.checked_at IS 'When the member''s tracker was last read (sync.partitions.fetched_at): the view says who was tracking then.';
/* [jooq ignore stop] */
