-- The freshness contract: analytics.stream_status, one row per stream and workspace, says how recent a stream is
-- (last success, last change, its goal: ok / late / failing) and how complete (synced from, verified through, the
-- backfill left and its ETA). analytics.data_freshness stays, as a view over it, for the queries written against it.

ALTER TABLE sync.streams ADD COLUMN freshness_goal_seconds integer;
ALTER TABLE sync.streams ADD COLUMN backfill_eta_seconds bigint;
COMMENT ON COLUMN sync.streams.freshness_goal_seconds IS 'How old the last success may be before the stream is late: SYNC_FRESHNESS_GOALS, as the last run that completed the stream had it.';
COMMENT ON COLUMN sync.streams.backfill_eta_seconds IS 'With a start date: how long the backfill left takes at the configured rate, as the last run estimated it (the runs'' fresh windows and waits aside).';

/* [jooq ignore start] */
CREATE VIEW analytics.stream_status AS
WITH zones AS (
    -- a workspace's calendar is its owner's time zone, as the planner sees it (UTC when unknown)
    SELECT w.workspace_id, w.workspace_name, coalesce(tz.name, 'UTC') AS zone
    FROM webwork.workspaces w
    LEFT JOIN webwork.members o
           ON o.workspace_id = w.workspace_id AND o.id = w.owner_id AND o._deleted_at IS NULL
    LEFT JOIN pg_catalog.pg_timezone_names tz ON tz.name = o.timezone
    WHERE w._deleted_at IS NULL
), ledger AS (
    SELECT stream, workspace_id, max(fetched_at) AS newest_fetched_at, count(*) AS partitions
    FROM sync.partitions
    GROUP BY stream, workspace_id
), dated AS (
    -- date-addressed partitions (a month 2026-01, a day 2026-01-31, a member-day 104@2026-01-31)
    -- read by a run that completed the stream: the days each covers and when it was read
    SELECT p.stream, p.workspace_id, p.run_id, p.fetched_at,
           CASE WHEN p.partition_key ~ '^[0-9]{4}-[0-9]{2}$' THEN to_date(p.partition_key || '-01', 'YYYY-MM-DD')
                WHEN p.partition_key ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN to_date(p.partition_key, 'YYYY-MM-DD')
                ELSE to_date(split_part(p.partition_key, '@', 2), 'YYYY-MM-DD') END AS first_day,
           p.partition_key ~ '^[0-9]{4}-[0-9]{2}$' AS is_month
    FROM sync.partitions p
    JOIN sync.streams s ON s.stream = p.stream AND s.workspace_id = p.workspace_id
    WHERE p.run_id <= s.last_run_id
      AND (p.partition_key ~ '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$'
           OR p.partition_key ~ '^[0-9]+@[0-9]{4}-[0-9]{2}-[0-9]{2}$')
), days AS (
    -- member-day partitions of one day count together: the day is as fresh as its oldest read
    SELECT d.stream, d.workspace_id, d.first_day,
           CASE WHEN d.is_month THEN (d.first_day + interval '1 month' - interval '1 day')::date
                ELSE d.first_day END AS last_day,
           (min(d.fetched_at) AT TIME ZONE coalesce(z.zone, 'UTC'))::date AS read_on
    FROM dated d
    LEFT JOIN zones z ON z.workspace_id = d.workspace_id
    GROUP BY d.stream, d.workspace_id, d.first_day, d.is_month, z.zone
), synced AS (
    -- a partition read on day R holds its days up to R - 1 in full (R itself was still running)
    SELECT stream, workspace_id, max(least(last_day, read_on - 1)) AS synced_through
    FROM days
    WHERE read_on - 1 >= first_day
    GROUP BY stream, workspace_id
), early AS (
    -- the first day of the held range that its partition's last read came too early for (a partition read on day
    -- R holds only its days before R): not verified until read again
    SELECT d.stream, d.workspace_id, min(greatest(d.first_day, d.read_on)) AS first_early
    FROM days d
    JOIN sync.streams s ON s.stream = d.stream AND s.workspace_id = d.workspace_id
    WHERE d.read_on - 1 < d.last_day AND greatest(d.first_day, d.read_on) >= s.synced_from
    GROUP BY d.stream, d.workspace_id
), open_days AS (
    -- partitions a run planned and has not read (failed, or still running): the first day they name
    SELECT pp.stream, pp.workspace_id, min(sync.partition_day(q.partition_key)) AS first_open
    FROM sync.pool_partitions q
    JOIN sync.pool_plans pp ON pp.plan_id = q.plan_id
    WHERE NOT q.done AND pp.closed_at IS NULL
    GROUP BY pp.stream, pp.workspace_id
), failing AS (
    SELECT DISTINCT pp.stream, pp.workspace_id
    FROM sync.pool_plans pp
    JOIN sync.runs r ON r.run_id = pp.run_id
    WHERE pp.closed_at IS NULL AND r.status = 'FAILED'
), changed AS (
    -- the last run that wrote or deleted rows of the stream (sync.runs counts per stream, not per workspace)
    SELECT b.key AS stream, max(r.ended_at) AS last_change_at
    FROM sync.runs r, jsonb_each(r.rows_by_stream) b
    WHERE r.ended_at IS NOT NULL
      AND coalesce((b.value ->> 'upserted')::bigint, 0) + coalesce((b.value ->> 'deleted')::bigint, 0) > 0
    GROUP BY b.key
)
SELECT coalesce(s.stream, l.stream)                                    AS stream,
       coalesce(s.workspace_id, l.workspace_id)                        AS workspace_id,
       z.workspace_name,
       s.last_success_at,
       s.last_run_id,
       l.newest_fetched_at,
       l.partitions,
       y.synced_through,
       round((extract(epoch FROM now() - s.last_success_at) / 3600)::numeric, 1)   AS hours_since_success,
       round((extract(epoch FROM now() - l.newest_fetched_at) / 3600)::numeric, 1) AS hours_since_fetch,
       s.synced_from,
       s.history_start,
       greatest(s.synced_from - s.history_start, 0)                    AS backfill_days_left,
       c.last_change_at,
       -- the last day of the held range before the first day not read in full, or not read at all
       CASE WHEN s.synced_from IS NULL OR y.synced_through IS NULL THEN NULL
            ELSE least(y.synced_through, e.first_early - 1, o.first_open - 1) END AS verified_through,
       CASE WHEN s.synced_from IS NULL OR s.history_start IS NULL THEN NULL
            WHEN s.synced_from <= s.history_start THEN interval '0'
            ELSE make_interval(secs => s.backfill_eta_seconds) END       AS backfill_eta,
       make_interval(secs => s.freshness_goal_seconds)                 AS freshness_goal,
       CASE WHEN f.stream IS NOT NULL THEN 'failing'
            WHEN s.last_success_at IS NULL OR now() - s.last_success_at > coalesce(make_interval(secs => s.freshness_goal_seconds), interval '2 hours')
                THEN 'late'
            ELSE 'ok' END                                                AS status
FROM sync.streams s
FULL JOIN ledger l ON l.stream = s.stream AND l.workspace_id = s.workspace_id
LEFT JOIN zones z ON z.workspace_id = coalesce(s.workspace_id, l.workspace_id)
LEFT JOIN synced y ON y.stream = coalesce(s.stream, l.stream) AND y.workspace_id = coalesce(s.workspace_id, l.workspace_id)
LEFT JOIN early e ON e.stream = coalesce(s.stream, l.stream) AND e.workspace_id = coalesce(s.workspace_id, l.workspace_id)
LEFT JOIN open_days o ON o.stream = coalesce(s.stream, l.stream) AND o.workspace_id = coalesce(s.workspace_id, l.workspace_id)
LEFT JOIN failing f ON f.stream = coalesce(s.stream, l.stream) AND f.workspace_id = coalesce(s.workspace_id, l.workspace_id)
LEFT JOIN changed c ON c.stream = coalesce(s.stream, l.stream);


COMMENT ON VIEW analytics.stream_status IS 'The freshness contract per stream and workspace: how recent (last success, last change, goal, status) and how complete (synced from, verified through, the backfill left). Built on sync.streams, sync.partitions, the plan queue and sync.runs. Grain: stream x workspace.';
COMMENT ON COLUMN analytics.stream_status.stream IS 'Stream name, e.g. time_entries (one per API endpoint; the webwork table of the same name holds its rows).';
COMMENT ON COLUMN analytics.stream_status.workspace_id IS 'Workspace; 0 for the workspace list itself (stream workspaces).';
COMMENT ON COLUMN analytics.stream_status.workspace_name IS 'Name of the workspace; NULL for 0 and for workspaces no longer returned.';
COMMENT ON COLUMN analytics.stream_status.last_success_at IS 'When a run last read every partition it planned for this stream and workspace; NULL if none has yet.';
COMMENT ON COLUMN analytics.stream_status.last_run_id IS 'That run (sync.runs.run_id).';
COMMENT ON COLUMN analytics.stream_status.newest_fetched_at IS 'When the most recently read partition of the stream was committed, by any run.';
COMMENT ON COLUMN analytics.stream_status.partitions IS 'Partitions of the stream in the ledger (sync.partitions).';
COMMENT ON COLUMN analytics.stream_status.synced_through IS 'Date-addressed streams: the latest workspace calendar day whose partition a completed run read after that day had ended. NULL for dimensions and snapshots.';
COMMENT ON COLUMN analytics.stream_status.hours_since_success IS 'Hours from last_success_at to now, 1 decimal.';
COMMENT ON COLUMN analytics.stream_status.hours_since_fetch IS 'Hours from newest_fetched_at to now, 1 decimal.';
COMMENT ON COLUMN analytics.stream_status.synced_from IS 'Date-addressed streams: the first day of the range of days completed runs have read without a gap. NULL for dimensions and snapshots.';
COMMENT ON COLUMN analytics.stream_status.history_start IS 'The first day the stream is to hold (SYNC_START_DATE, or the API''s horizon when later); NULL without a start date.';
COMMENT ON COLUMN analytics.stream_status.backfill_days_left IS 'Days from history_start to synced_from still to read; 0 when done, NULL without a start date.';
COMMENT ON COLUMN analytics.stream_status.last_change_at IS 'When the last run that wrote or deleted rows of this stream (in any workspace) ended.';
COMMENT ON COLUMN analytics.stream_status.verified_through IS 'Completeness: the latest day such that every day from synced_from up to it was read after it had ended and no planned partition of it is left unread (a failed read moves it back). NULL before a completed run, and for dimensions and snapshots.';
COMMENT ON COLUMN analytics.stream_status.backfill_eta IS 'With a start date: how long the backfill left takes at the configured rate; 0 when done.';
COMMENT ON COLUMN analytics.stream_status.freshness_goal IS 'How old last_success_at may be (SYNC_FRESHNESS_GOALS: 2 hours for facts and reports, 26 hours for dimensions by default).';
COMMENT ON COLUMN analytics.stream_status.status IS 'failing: a run left partitions of it unread; late: last_success_at is older than freshness_goal (or none yet); ok otherwise.';

CREATE OR REPLACE VIEW analytics.data_freshness AS
SELECT stream, workspace_id, workspace_name, last_success_at, last_run_id, newest_fetched_at, partitions, synced_through,
       hours_since_success, hours_since_fetch, synced_from, history_start, backfill_days_left
FROM analytics.stream_status;
COMMENT ON VIEW analytics.data_freshness IS 'Kept for queries written against it: the first columns of analytics.stream_status, which replaces it.';
/* [jooq ignore stop] */
