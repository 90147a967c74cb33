-- The job's own state: one row per run, the partition ledger, and per-stream freshness.
CREATE SCHEMA IF NOT EXISTS sync;

CREATE TABLE sync.runs (
    run_id           bigint        NOT NULL PRIMARY KEY,
    command          varchar(200)  NOT NULL,
    started_at       timestamptz   NOT NULL,
    ended_at         timestamptz,
    status           varchar(20)   NOT NULL,
    exit_code        integer,
    requests         integer       NOT NULL DEFAULT 0,
    rate_limit_waits integer       NOT NULL DEFAULT 0,
    retries          integer       NOT NULL DEFAULT 0,
    rows_by_stream   jsonb,
    error_message    varchar(2000)
);
COMMENT ON TABLE sync.runs IS 'One row per sync run (a Spring Batch job execution): when, result, requests spent, rows written and deleted per stream.';
COMMENT ON COLUMN sync.runs.run_id IS 'Spring Batch job execution id; also stamped as _run_id on every row the run wrote.';
COMMENT ON COLUMN sync.runs.command IS 'The command line that started the run, e.g. sync --from=2026-01-01.';
COMMENT ON COLUMN sync.runs.status IS 'STARTED, COMPLETED, FAILED, STOPPED.';
COMMENT ON COLUMN sync.runs.exit_code IS 'Process exit code: 0 done, 1 failed (retry), 2 configuration or authorization error, 3 stopped at the deadline.';
COMMENT ON COLUMN sync.runs.requests IS 'API requests sent, retries included.';
COMMENT ON COLUMN sync.runs.rate_limit_waits IS 'Times the run waited for the request budget or honoured a 429.';
COMMENT ON COLUMN sync.runs.retries IS 'Requests repeated after a 429, a 5xx, a malformed body or an I/O error.';
COMMENT ON COLUMN sync.runs.rows_by_stream IS 'Per stream: {"upserted": n, "deleted": n, "requests": n, "partitions": n}.';
COMMENT ON COLUMN sync.runs.error_message IS 'One-line cause of a failure; never contains secrets.';

CREATE TABLE sync.partitions (
    stream        varchar(64)  NOT NULL,
    workspace_id  bigint       NOT NULL,
    partition_key varchar(64)  NOT NULL,
    fetched_at    timestamptz  NOT NULL,
    row_count     integer      NOT NULL,
    pages         integer      NOT NULL,
    requests      integer      NOT NULL,
    fingerprint   varchar(32)  NOT NULL,
    run_id        bigint       NOT NULL,
    PRIMARY KEY (stream, workspace_id, partition_key)
);
COMMENT ON TABLE sync.partitions IS 'The partition ledger: the last complete read of each stream partition (a workspace, a project, a month, a user-day, a day).';
COMMENT ON COLUMN sync.partitions.partition_key IS 'all (whole workspace), project:<id>, a month 2026-01, a day 2026-01-31, or <user>@<day>.';
COMMENT ON COLUMN sync.partitions.fetched_at IS 'When the last page of the partition was committed.';
COMMENT ON COLUMN sync.partitions.row_count IS 'Live rows of the partition after that read, over all its tables.';
COMMENT ON COLUMN sync.partitions.pages IS 'Pages the read took.';
COMMENT ON COLUMN sync.partitions.requests IS 'Requests the read took, retries included.';
COMMENT ON COLUMN sync.partitions.fingerprint IS 'md5 over the raw JSON of the partition''s live rows: equal fingerprints mean nothing changed.';
COMMENT ON COLUMN sync.partitions.run_id IS 'The run that read it.';

-- Keys seen so far in a partition that is still being read; turned into soft deletes when it closes.
CREATE TABLE sync.partition_keys (
    stream        varchar(64)  NOT NULL,
    workspace_id  bigint       NOT NULL,
    partition_key varchar(64)  NOT NULL,
    table_name    varchar(64)  NOT NULL,
    row_key       varchar(300) NOT NULL,
    PRIMARY KEY (stream, workspace_id, partition_key, table_name, row_key)
);
COMMENT ON TABLE sync.partition_keys IS 'Working set: primary keys returned so far by a partition whose read has not finished; emptied when the partition closes.';

-- What each run planned, so a restarted run walks the same partitions in the same order.
CREATE TABLE sync.planned_partitions (
    job_instance_id bigint       NOT NULL,
    stream          varchar(64)  NOT NULL,
    seq             integer      NOT NULL,
    workspace_id    bigint       NOT NULL,
    partition_key   varchar(64)  NOT NULL,
    params          varchar(500) NOT NULL,
    PRIMARY KEY (job_instance_id, stream, seq)
);
COMMENT ON TABLE sync.planned_partitions IS 'The plan of each run: partitions per stream in read order. Kept until the run completes so a restart resumes the same plan.';

CREATE TABLE sync.streams (
    stream            varchar(64)  NOT NULL,
    workspace_id      bigint       NOT NULL,
    last_success_at   timestamptz  NOT NULL,
    last_run_id       bigint       NOT NULL,
    PRIMARY KEY (stream, workspace_id)
);
COMMENT ON TABLE sync.streams IS 'Per stream and workspace: when a run last read every planned partition of it.';
