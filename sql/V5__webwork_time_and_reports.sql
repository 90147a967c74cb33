-- Time entries and the six reports: facts addressed by date (mode WINDOWED). Time entries and
-- the one-date reports are partitioned by day (and member), the others by calendar month (a
-- month never exceeds the API's 31-day limit). Days are the workspace owner's calendar days.

CREATE TABLE webwork.time_entries (
    workspace_id         bigint        NOT NULL,
    id                   varchar(100)  NOT NULL,
    user_id              bigint        NOT NULL,
    date                 date          NOT NULL,
    start_time           timestamptz,
    end_time             timestamptz,
    duration_minutes     integer,
    method               varchar(50),
    contract_id          bigint,
    project_id           bigint,
    project_name         varchar(500),
    task_id              bigint,
    task_title           varchar(1000),
    activity_description varchar(5000),
    raw                  jsonb         NOT NULL,
    _partition           varchar(64)   NOT NULL,
    _synced_at           timestamptz   NOT NULL,
    _run_id              bigint        NOT NULL,
    _deleted_at          timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.time_entries IS 'Tracked time intervals (GET /time-entries, one member and one day per call). Grain: one row per entry. Hard deletes at the source show as _deleted_at once the day is re-read.';
COMMENT ON COLUMN webwork.time_entries.id IS 'Encrypted string id from the API.';
COMMENT ON COLUMN webwork.time_entries.date IS 'Calendar day of the workspace (its owner''s time zone) the entry belongs to.';
COMMENT ON COLUMN webwork.time_entries.end_time IS 'NULL while the tracker is running.';
COMMENT ON COLUMN webwork.time_entries.method IS 'Desktop tracker, Mobile tracker, Manually added time, Web tracker, Idle time, Break, Paid leave, …';
COMMENT ON COLUMN webwork.time_entries._partition IS 'member@day that last returned the entry.';

CREATE TABLE webwork.report_tracked_hours (
    workspace_id  bigint        NOT NULL,
    grain_key     varchar(200)  NOT NULL,
    date          date          NOT NULL,
    user_id       bigint        NOT NULL,
    firstname     varchar(200),
    lastname      varchar(200),
    project_id    bigint,
    project_name  varchar(500),
    contract_id   bigint,
    total_minutes integer,
    total_amount  numeric,
    currency      varchar(10),
    raw           jsonb         NOT NULL,
    _partition    varchar(64)   NOT NULL,
    _synced_at    timestamptz   NOT NULL,
    _run_id       bigint        NOT NULL,
    _deleted_at   timestamptz,
    PRIMARY KEY (workspace_id, grain_key)
);
COMMENT ON TABLE webwork.report_tracked_hours IS 'Tracked-hours report (GET /reports/tracked-hours). Grain: date x member x project x contract.';
COMMENT ON COLUMN webwork.report_tracked_hours.grain_key IS 'date|user_id|project_id|contract_id (empty where NULL).';
COMMENT ON COLUMN webwork.report_tracked_hours.total_amount IS 'Amount in currency; NULL when rates are not visible.';

CREATE TABLE webwork.report_timeline (
    workspace_id         bigint        NOT NULL,
    grain_key            varchar(200)  NOT NULL,
    date                 date          NOT NULL,
    user_id              bigint        NOT NULL,
    firstname            varchar(200),
    lastname             varchar(200),
    user_total_minutes   integer,
    user_activity_level  numeric,
    start_time           timestamptz,
    end_time             timestamptz,
    duration_minutes     integer,
    project_id           bigint,
    project_name         varchar(500),
    contract_id          bigint,
    task_id              bigint,
    task_title           varchar(1000),
    activity_description varchar(5000),
    method               varchar(50),
    activity_level       numeric,
    raw                  jsonb         NOT NULL,
    _partition           varchar(64)   NOT NULL,
    _synced_at           timestamptz   NOT NULL,
    _run_id              bigint        NOT NULL,
    _deleted_at          timestamptz,
    PRIMARY KEY (workspace_id, grain_key)
);
COMMENT ON TABLE webwork.report_timeline IS 'Daily timeline report (GET /reports/daily-timeline; only the last 365 days). Grain: one row per interval.';
COMMENT ON COLUMN webwork.report_timeline.grain_key IS 'user_id|start_time as the API sent it.';
COMMENT ON COLUMN webwork.report_timeline.activity_level IS 'Activity of the interval, percent (mouse, keyboard, scroll).';

CREATE TABLE webwork.report_activity_level (
    workspace_id    bigint        NOT NULL,
    user_id         bigint        NOT NULL,
    date            date          NOT NULL,
    firstname       varchar(200),
    lastname        varchar(200),
    activity_level  numeric,
    tracked_minutes integer,
    raw             jsonb         NOT NULL,
    _partition      varchar(64)   NOT NULL,
    _synced_at      timestamptz   NOT NULL,
    _run_id         bigint        NOT NULL,
    _deleted_at     timestamptz,
    PRIMARY KEY (workspace_id, user_id, date)
);
COMMENT ON TABLE webwork.report_activity_level IS 'Activity-level report (GET /reports/activity-level). Grain: member x date.';

CREATE TABLE webwork.report_tasks (
    workspace_id  bigint        NOT NULL,
    grain_key     varchar(200)  NOT NULL,
    user_id       bigint        NOT NULL,
    date          date          NOT NULL,
    task_id       bigint,
    task_title    varchar(1000),
    project_id    bigint,
    firstname     varchar(200),
    lastname      varchar(200),
    total_minutes integer,
    raw           jsonb         NOT NULL,
    _partition    varchar(64)   NOT NULL,
    _synced_at    timestamptz   NOT NULL,
    _run_id       bigint        NOT NULL,
    _deleted_at   timestamptz,
    PRIMARY KEY (workspace_id, grain_key)
);
COMMENT ON TABLE webwork.report_tasks IS 'Task report, daily breakdown (GET /reports/task-report). Grain: member x date x task x project; task NULL is time without a task.';
COMMENT ON COLUMN webwork.report_tasks.grain_key IS 'user_id|date|task_id|project_id (empty where NULL).';

CREATE TABLE webwork.report_attendance (
    workspace_id    bigint        NOT NULL,
    user_id         bigint        NOT NULL,
    date            date          NOT NULL,
    firstname       varchar(200),
    lastname        varchar(200),
    statuses        varchar(500),
    first_start     varchar(40),
    last_end        varchar(40),
    tracked_minutes integer,
    break_minutes   integer,
    breaks          varchar(2000),
    raw             jsonb         NOT NULL,
    _partition      varchar(64)   NOT NULL,
    _synced_at      timestamptz   NOT NULL,
    _run_id         bigint        NOT NULL,
    _deleted_at     timestamptz,
    PRIMARY KEY (workspace_id, user_id, date)
);
COMMENT ON TABLE webwork.report_attendance IS 'Daily attendance report (GET /reports/daily-attendance). Grain: member x date.';
COMMENT ON COLUMN webwork.report_attendance.statuses IS 'Comma-separated: Present, Late, Left early, Tracked less, Absent, On leave, Holiday.';
COMMENT ON COLUMN webwork.report_attendance.first_start IS 'First start of the day as the API gives it.';
COMMENT ON COLUMN webwork.report_attendance.breaks IS 'Comma-separated intervals such as 14:30 - 15:25.';

CREATE TABLE webwork.report_activity_descriptions (
    workspace_id  bigint        NOT NULL,
    grain_key     varchar(200)  NOT NULL,
    user_id       bigint        NOT NULL,
    date          date          NOT NULL,
    description   varchar(5000),
    firstname     varchar(200),
    lastname      varchar(200),
    total_minutes integer,
    raw           jsonb         NOT NULL,
    _partition    varchar(64)   NOT NULL,
    _synced_at    timestamptz   NOT NULL,
    _run_id       bigint        NOT NULL,
    _deleted_at   timestamptz,
    PRIMARY KEY (workspace_id, grain_key)
);
COMMENT ON TABLE webwork.report_activity_descriptions IS 'Activity-descriptions report (GET /reports/activity-descriptions). Grain: member x date x description.';
COMMENT ON COLUMN webwork.report_activity_descriptions.grain_key IS 'user_id|date|md5(description).';
