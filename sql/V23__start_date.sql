-- A start date (SYNC_START_DATE): each run reads a bounded chunk of history after its fresh window, freshest
-- first, until the stream's contiguous range of read days reaches the start date. sync.streams keeps that range
-- per stream and workspace, and data_freshness shows it: synced from, and the backfill left.

ALTER TABLE sync.streams ADD COLUMN synced_from date;
ALTER TABLE sync.streams ADD COLUMN read_through date;
ALTER TABLE sync.streams ADD COLUMN history_start date;
COMMENT ON COLUMN sync.streams.synced_from IS 'Date-addressed streams: the first workspace calendar day of the contiguous range of days completed runs have read, up to read_through. NULL for dimensions and snapshots.';
COMMENT ON COLUMN sync.streams.read_through IS 'The last day of that range: the workspace''s today when a run last completed the stream.';
COMMENT ON COLUMN sync.streams.history_start IS 'The first day the stream is to hold: SYNC_START_DATE (or the connection''s), later of it and the first day the API serves for a stream with a horizon; NULL when no start date is set.';

/* [jooq ignore start] */
CREATE OR REPLACE VIEW analytics.data_freshness AS
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
       greatest(s.synced_from - s.history_start, 0)                    AS backfill_days_left
FROM sync.streams s
FULL JOIN ledger l ON l.stream = s.stream AND l.workspace_id = s.workspace_id
LEFT JOIN zones z ON z.workspace_id = coalesce(s.workspace_id, l.workspace_id)
LEFT JOIN synced y ON y.stream = coalesce(s.stream, l.stream) AND y.workspace_id = coalesce(s.workspace_id, l.workspace_id);

COMMENT ON COLUMN analytics.data_freshness.synced_from IS 'Date-addressed streams: the first day of the contiguous range of days read by completed runs (the last day of it is the run''s today). NULL for dimensions and snapshots, or before a completed run.';
COMMENT ON COLUMN analytics.data_freshness.history_start IS 'The first day the stream is to hold (SYNC_START_DATE, or the API''s horizon when later); NULL when no start date is set: the stream holds its lookback window.';
COMMENT ON COLUMN analytics.data_freshness.backfill_days_left IS 'Days from history_start to synced_from still to read; 0 when the backfill is done, NULL when no start date is set.';
/* [jooq ignore stop] */
