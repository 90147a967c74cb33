-- Workflow facts, read by date window (mode WINDOWED; partitions are calendar months of the
-- workspace), and leave balances (mode SNAPSHOT: one set of rows per snapshot date).

CREATE TABLE webwork.timesheets (
    workspace_id  bigint       NOT NULL,
    id            varchar(100) NOT NULL,
    user_id       bigint,
    date_from     date,
    date_to       date,
    total_minutes integer,
    total_hours   numeric,
    total_amount  numeric,
    currency      varchar(10),
    status        varchar(20),
    submitted_on  timestamptz,
    reject_reason varchar(2000),
    raw           jsonb        NOT NULL,
    _partition    varchar(64)  NOT NULL,
    _synced_at    timestamptz  NOT NULL,
    _run_id       bigint       NOT NULL,
    _deleted_at   timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.timesheets IS 'Timesheets, one per member and pay period (GET /timesheets). Grain: one row per timesheet.';
COMMENT ON COLUMN webwork.timesheets.status IS 'open (also sent as pending), submitted, approved or rejected, as given.';
COMMENT ON COLUMN webwork.timesheets.total_amount IS 'Amount for the period; NULL when rates are not visible.';

CREATE TABLE webwork.timesheet_days (
    workspace_id  bigint       NOT NULL,
    timesheet_id  varchar(100) NOT NULL,
    grain_key     varchar(200) NOT NULL,
    user_id       bigint,
    date          date         NOT NULL,
    project_id    bigint,
    project_name  varchar(500),
    contract_id   bigint,
    total_minutes integer,
    total_amount  numeric,
    raw           jsonb        NOT NULL,
    _partition    varchar(64)  NOT NULL,
    _synced_at    timestamptz  NOT NULL,
    _run_id       bigint       NOT NULL,
    _deleted_at   timestamptz,
    PRIMARY KEY (workspace_id, timesheet_id, grain_key)
);
COMMENT ON TABLE webwork.timesheet_days IS 'Daily breakdown of a timesheet (timesheets[].daily_breakdown). Grain: timesheet x date x project x contract.';
COMMENT ON COLUMN webwork.timesheet_days.grain_key IS 'date|project_id|contract_id (empty where NULL): the natural key as text.';

CREATE TABLE webwork.time_requests (
    workspace_id bigint       NOT NULL,
    id           varchar(100) NOT NULL,
    user_id      bigint,
    contract_id  bigint,
    project_id   bigint,
    task_id      bigint,
    start        timestamptz,
    "end"        timestamptz,
    status       varchar(20),
    notes        varchar(5000),
    comment      varchar(5000),
    updated_by   bigint,
    created_at   timestamptz,
    updated_at   timestamptz,
    raw          jsonb        NOT NULL,
    _partition   varchar(64)  NOT NULL,
    _synced_at   timestamptz  NOT NULL,
    _run_id      bigint       NOT NULL,
    _deleted_at  timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.time_requests IS 'Manual-time requests (GET /time-requests). Grain: one row per request.';
COMMENT ON COLUMN webwork.time_requests.status IS 'pending, approved or rejected; approvals change past time.';
COMMENT ON COLUMN webwork.time_requests.comment IS 'Rejection comment.';

CREATE TABLE webwork.leaves (
    workspace_id  bigint       NOT NULL,
    id            varchar(100) NOT NULL,
    user_id       bigint,
    policy_id     bigint,
    status        varchar(20),
    note          varchar(5000),
    is_paid       boolean,
    start_date    date,
    end_date      date,
    created_by    bigint,
    approved_by   bigint,
    rejected_by   bigint,
    reject_reason varchar(2000),
    created_at    timestamptz,
    raw           jsonb        NOT NULL,
    _partition    varchar(64)  NOT NULL,
    _synced_at    timestamptz  NOT NULL,
    _run_id       bigint       NOT NULL,
    _deleted_at   timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.leaves IS 'Leave requests (GET /leaves). Grain: one row per request.';
COMMENT ON COLUMN webwork.leaves.is_paid IS 'The API sends "yes"/"no".';

CREATE TABLE webwork.leave_balances (
    workspace_id  bigint       NOT NULL,
    snapshot_date date         NOT NULL,
    user_id       bigint       NOT NULL,
    leave_type    varchar(200) NOT NULL,
    user_name     varchar(400),
    balance       varchar(100),
    balance_value numeric,
    balance_unit  varchar(10),
    total_balance varchar(100),
    raw           jsonb        NOT NULL,
    _partition    varchar(64)  NOT NULL,
    _synced_at    timestamptz  NOT NULL,
    _run_id       bigint       NOT NULL,
    _deleted_at   timestamptz,
    PRIMARY KEY (workspace_id, snapshot_date, user_id, leave_type)
);
COMMENT ON TABLE webwork.leave_balances IS 'Leave balances as of a snapshot date (GET /leaves/balances, SNAPSHOT mode). Grain: snapshot date x member x leave type.';
COMMENT ON COLUMN webwork.leave_balances.balance IS 'Balance as the API shows it, e.g. "10 days".';
COMMENT ON COLUMN webwork.leave_balances.balance_value IS 'The number in balance.';
COMMENT ON COLUMN webwork.leave_balances.balance_unit IS 'days or hours.';
COMMENT ON COLUMN webwork.leave_balances.total_balance IS 'The member''s total balance as shown, e.g. "15 days".';

CREATE TABLE webwork.expenses (
    workspace_id  bigint       NOT NULL,
    id            varchar(100) NOT NULL,
    member        varchar(400),
    expense_date  date,
    expense_name  varchar(500),
    project       varchar(500),
    category      varchar(200),
    amount        numeric,
    note          varchar(5000),
    type          varchar(20),
    added_dte     date,
    raw           jsonb        NOT NULL,
    _partition    varchar(64)  NOT NULL,
    _synced_at    timestamptz  NOT NULL,
    _run_id       bigint       NOT NULL,
    _deleted_at   timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.expenses IS 'Expenses (GET /expenses). The API names member, project and category instead of giving ids. Grain: one row per expense.';
COMMENT ON COLUMN webwork.expenses.expense_date IS 'Parsed from a display string such as "Jan 15, 2024" (kept in raw).';
COMMENT ON COLUMN webwork.expenses.type IS 'billable or non-billable.';
COMMENT ON COLUMN webwork.expenses.added_dte IS 'Date added (the API field is spelled added_dte).';
