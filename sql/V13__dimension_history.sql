-- Dimension history (type 2): every version of a dimension row the sync has seen.
-- One table webwork.<table>_history per dimension with its key, its typed columns and raw as the
-- current table has them, and valid_from / valid_to (NULL = the current version), _run_id.
-- Versions are written by the application in the same transaction as the current table's upsert
-- and soft delete (warehouse/History.java): a new version begins when a typed column or raw
-- changes, a soft delete closes the current version, a row that comes back opens a new one.
-- valid_from and valid_to are observation times (the run's clock when it saw the change), not the
-- source's edit times. This migration seeds one version per existing row, so upgrading loses nothing.

CREATE TABLE webwork.members_history (
    workspace_id       bigint       NOT NULL,
    id                 bigint       NOT NULL,
    email              varchar(320),
    firstname          varchar(200),
    lastname           varchar(200),
    avatar             varchar(500),
    "current_role"     varchar(50),
    timezone           varchar(64),
    status             varchar(20),
    team_name          varchar(200),
    title              varchar(200),
    is_blocked         boolean,
    rate               numeric,
    rate_status        integer,
    rate_type          varchar(50),
    screenshots        varchar(50),
    weekly_hours_limit integer,
    created_at         timestamptz,
    updated_at         timestamptz,
    deleted_at         timestamptz,
    raw jsonb NOT NULL,
    valid_from timestamptz NOT NULL,
    valid_to timestamptz,
    _run_id bigint NOT NULL,
    PRIMARY KEY (workspace_id, id, valid_from)
);
COMMENT ON TABLE webwork.members_history IS 'Every version of webwork.members the sync has seen (type 2 history). Grain: one row per member and version; valid_to NULL is the current version. valid_from/valid_to are observation times (when a run saw the change), not the source''s edit times.';
COMMENT ON COLUMN webwork.members_history.raw IS 'The source object of this version, as the API returned it.';
COMMENT ON COLUMN webwork.members_history.valid_from IS 'When the sync first saw this version (the run''s clock): observation time, not the source''s edit time. Equals valid_to of the version before.';
COMMENT ON COLUMN webwork.members_history.valid_to IS 'When the sync saw the row change again or disappear (the run''s clock); NULL for the current version. A row that comes back opens a new version.';
COMMENT ON COLUMN webwork.members_history._run_id IS 'Run that opened this version (sync.runs.run_id).';
/* [jooq ignore start] */
CREATE UNIQUE INDEX members_history_current ON webwork.members_history (workspace_id, id) WHERE valid_to IS NULL;
/* [jooq ignore stop] */
INSERT INTO webwork.members_history (workspace_id, id, email, firstname, lastname, avatar, "current_role", timezone, status, team_name, title, is_blocked, rate, rate_status, rate_type, screenshots, weekly_hours_limit, created_at, updated_at, deleted_at, raw, valid_from, valid_to, _run_id)
SELECT workspace_id, id, email, firstname, lastname, avatar, "current_role", timezone, status, team_name, title, is_blocked, rate, rate_status, rate_type, screenshots, weekly_hours_limit, created_at, updated_at, deleted_at, raw, _synced_at, NULL, _run_id FROM webwork.members WHERE _deleted_at IS NULL;

CREATE TABLE webwork.projects_history (
    workspace_id       bigint       NOT NULL,
    id                 bigint       NOT NULL,
    name               varchar(500),
    owner_id           bigint,
    start_date         date,
    deadline           date,
    estimation         numeric,
    budget_estimation  numeric,
    notes              varchar(10000),
    icon               varchar(200),
    is_billable        boolean,
    rate               numeric,
    weekly_hours_limit integer,
    screenshots        varchar(50),
    contracts_count    integer,
    status             integer,
    created_at         timestamptz,
    updated_at         timestamptz,
    deleted_at         timestamptz,
    raw jsonb NOT NULL,
    valid_from timestamptz NOT NULL,
    valid_to timestamptz,
    _run_id bigint NOT NULL,
    PRIMARY KEY (workspace_id, id, valid_from)
);
COMMENT ON TABLE webwork.projects_history IS 'Every version of webwork.projects the sync has seen (type 2 history). Grain: one row per project and version; valid_to NULL is the current version. valid_from/valid_to are observation times (when a run saw the change), not the source''s edit times.';
COMMENT ON COLUMN webwork.projects_history.raw IS 'The source object of this version, as the API returned it.';
COMMENT ON COLUMN webwork.projects_history.valid_from IS 'When the sync first saw this version (the run''s clock): observation time, not the source''s edit time. Equals valid_to of the version before.';
COMMENT ON COLUMN webwork.projects_history.valid_to IS 'When the sync saw the row change again or disappear (the run''s clock); NULL for the current version. A row that comes back opens a new version.';
COMMENT ON COLUMN webwork.projects_history._run_id IS 'Run that opened this version (sync.runs.run_id).';
/* [jooq ignore start] */
CREATE UNIQUE INDEX projects_history_current ON webwork.projects_history (workspace_id, id) WHERE valid_to IS NULL;
/* [jooq ignore stop] */
INSERT INTO webwork.projects_history (workspace_id, id, name, owner_id, start_date, deadline, estimation, budget_estimation, notes, icon, is_billable, rate, weekly_hours_limit, screenshots, contracts_count, status, created_at, updated_at, deleted_at, raw, valid_from, valid_to, _run_id)
SELECT workspace_id, id, name, owner_id, start_date, deadline, estimation, budget_estimation, notes, icon, is_billable, rate, weekly_hours_limit, screenshots, contracts_count, status, created_at, updated_at, deleted_at, raw, _synced_at, NULL, _run_id FROM webwork.projects WHERE _deleted_at IS NULL;

CREATE TABLE webwork.contracts_history (
    workspace_id       bigint       NOT NULL,
    id                 bigint       NOT NULL,
    contract_name      varchar(500),
    project_id         bigint,
    project_name       varchar(500),
    project_icon       varchar(200),
    user_id            bigint,
    user_firstname     varchar(200),
    user_lastname      varchar(200),
    user_email         varchar(320),
    user_role          varchar(50),
    weekly_hours_limit integer,
    screenshots        varchar(50),
    screenshots_label  varchar(100),
    rate               numeric,
    rate_type          integer,
    currency           varchar(10),
    status             varchar(20),
    created_at         timestamptz,
    updated_at         timestamptz,
    raw jsonb NOT NULL,
    valid_from timestamptz NOT NULL,
    valid_to timestamptz,
    _run_id bigint NOT NULL,
    PRIMARY KEY (workspace_id, id, valid_from)
);
COMMENT ON TABLE webwork.contracts_history IS 'Every version of webwork.contracts the sync has seen (type 2 history). Grain: one row per contract and version; valid_to NULL is the current version. valid_from/valid_to are observation times (when a run saw the change), not the source''s edit times.';
COMMENT ON COLUMN webwork.contracts_history.raw IS 'The source object of this version, as the API returned it.';
COMMENT ON COLUMN webwork.contracts_history.valid_from IS 'When the sync first saw this version (the run''s clock): observation time, not the source''s edit time. Equals valid_to of the version before.';
COMMENT ON COLUMN webwork.contracts_history.valid_to IS 'When the sync saw the row change again or disappear (the run''s clock); NULL for the current version. A row that comes back opens a new version.';
COMMENT ON COLUMN webwork.contracts_history._run_id IS 'Run that opened this version (sync.runs.run_id).';
/* [jooq ignore start] */
CREATE UNIQUE INDEX contracts_history_current ON webwork.contracts_history (workspace_id, id) WHERE valid_to IS NULL;
/* [jooq ignore stop] */
INSERT INTO webwork.contracts_history (workspace_id, id, contract_name, project_id, project_name, project_icon, user_id, user_firstname, user_lastname, user_email, user_role, weekly_hours_limit, screenshots, screenshots_label, rate, rate_type, currency, status, created_at, updated_at, raw, valid_from, valid_to, _run_id)
SELECT workspace_id, id, contract_name, project_id, project_name, project_icon, user_id, user_firstname, user_lastname, user_email, user_role, weekly_hours_limit, screenshots, screenshots_label, rate, rate_type, currency, status, created_at, updated_at, raw, _synced_at, NULL, _run_id FROM webwork.contracts WHERE _deleted_at IS NULL;

CREATE TABLE webwork.tasks_history (
    workspace_id  bigint       NOT NULL,
    id            bigint       NOT NULL,
    project_id    bigint,
    parent_id     bigint,
    title         varchar(1000),
    description   varchar(20000),
    owner_id      bigint,
    creator_id    bigint,
    status        integer,
    status_name   varchar(100),
    status_color  varchar(20),
    priority      integer,
    priority_name varchar(100),
    start_date    date,
    end_date      date,
    completed_at  timestamptz,
    created_at    timestamptz,
    updated_at    timestamptz,
    deleted_at    timestamptz,
    raw jsonb NOT NULL,
    valid_from timestamptz NOT NULL,
    valid_to timestamptz,
    _run_id bigint NOT NULL,
    PRIMARY KEY (workspace_id, id, valid_from)
);
COMMENT ON TABLE webwork.tasks_history IS 'Every version of webwork.tasks the sync has seen (type 2 history). Grain: one row per task and version; valid_to NULL is the current version. valid_from/valid_to are observation times (when a run saw the change), not the source''s edit times.';
COMMENT ON COLUMN webwork.tasks_history.raw IS 'The source object of this version, as the API returned it.';
COMMENT ON COLUMN webwork.tasks_history.valid_from IS 'When the sync first saw this version (the run''s clock): observation time, not the source''s edit time. Equals valid_to of the version before.';
COMMENT ON COLUMN webwork.tasks_history.valid_to IS 'When the sync saw the row change again or disappear (the run''s clock); NULL for the current version. A row that comes back opens a new version.';
COMMENT ON COLUMN webwork.tasks_history._run_id IS 'Run that opened this version (sync.runs.run_id).';
/* [jooq ignore start] */
CREATE UNIQUE INDEX tasks_history_current ON webwork.tasks_history (workspace_id, id) WHERE valid_to IS NULL;
/* [jooq ignore stop] */
INSERT INTO webwork.tasks_history (workspace_id, id, project_id, parent_id, title, description, owner_id, creator_id, status, status_name, status_color, priority, priority_name, start_date, end_date, completed_at, created_at, updated_at, deleted_at, raw, valid_from, valid_to, _run_id)
SELECT workspace_id, id, project_id, parent_id, title, description, owner_id, creator_id, status, status_name, status_color, priority, priority_name, start_date, end_date, completed_at, created_at, updated_at, deleted_at, raw, _synced_at, NULL, _run_id FROM webwork.tasks WHERE _deleted_at IS NULL;

CREATE TABLE webwork.project_viewers_history (
    workspace_id bigint       NOT NULL,
    id           bigint       NOT NULL,
    email        varchar(320),
    firstname    varchar(200),
    lastname     varchar(200),
    status       varchar(20),
    member_since timestamptz,
    raw jsonb NOT NULL,
    valid_from timestamptz NOT NULL,
    valid_to timestamptz,
    _run_id bigint NOT NULL,
    PRIMARY KEY (workspace_id, id, valid_from)
);
COMMENT ON TABLE webwork.project_viewers_history IS 'Every version of webwork.project_viewers the sync has seen (type 2 history). Grain: one row per viewer and version; valid_to NULL is the current version. valid_from/valid_to are observation times (when a run saw the change), not the source''s edit times.';
COMMENT ON COLUMN webwork.project_viewers_history.raw IS 'The source object of this version, as the API returned it.';
COMMENT ON COLUMN webwork.project_viewers_history.valid_from IS 'When the sync first saw this version (the run''s clock): observation time, not the source''s edit time. Equals valid_to of the version before.';
COMMENT ON COLUMN webwork.project_viewers_history.valid_to IS 'When the sync saw the row change again or disappear (the run''s clock); NULL for the current version. A row that comes back opens a new version.';
COMMENT ON COLUMN webwork.project_viewers_history._run_id IS 'Run that opened this version (sync.runs.run_id).';
/* [jooq ignore start] */
CREATE UNIQUE INDEX project_viewers_history_current ON webwork.project_viewers_history (workspace_id, id) WHERE valid_to IS NULL;
/* [jooq ignore stop] */
INSERT INTO webwork.project_viewers_history (workspace_id, id, email, firstname, lastname, status, member_since, raw, valid_from, valid_to, _run_id)
SELECT workspace_id, id, email, firstname, lastname, status, member_since, raw, _synced_at, NULL, _run_id FROM webwork.project_viewers WHERE _deleted_at IS NULL;

CREATE TABLE webwork.leave_policies_history (
    workspace_id bigint       NOT NULL,
    id           bigint       NOT NULL,
    name         varchar(200),
    is_paid      boolean,
    unit         varchar(10),
    allowance    numeric,
    created_at   timestamptz,
    updated_at   timestamptz,
    raw jsonb NOT NULL,
    valid_from timestamptz NOT NULL,
    valid_to timestamptz,
    _run_id bigint NOT NULL,
    PRIMARY KEY (workspace_id, id, valid_from)
);
COMMENT ON TABLE webwork.leave_policies_history IS 'Every version of webwork.leave_policies the sync has seen (type 2 history). Grain: one row per leave policy and version; valid_to NULL is the current version. valid_from/valid_to are observation times (when a run saw the change), not the source''s edit times.';
COMMENT ON COLUMN webwork.leave_policies_history.raw IS 'The source object of this version, as the API returned it.';
COMMENT ON COLUMN webwork.leave_policies_history.valid_from IS 'When the sync first saw this version (the run''s clock): observation time, not the source''s edit time. Equals valid_to of the version before.';
COMMENT ON COLUMN webwork.leave_policies_history.valid_to IS 'When the sync saw the row change again or disappear (the run''s clock); NULL for the current version. A row that comes back opens a new version.';
COMMENT ON COLUMN webwork.leave_policies_history._run_id IS 'Run that opened this version (sync.runs.run_id).';
/* [jooq ignore start] */
CREATE UNIQUE INDEX leave_policies_history_current ON webwork.leave_policies_history (workspace_id, id) WHERE valid_to IS NULL;
/* [jooq ignore stop] */
INSERT INTO webwork.leave_policies_history (workspace_id, id, name, is_paid, unit, allowance, created_at, updated_at, raw, valid_from, valid_to, _run_id)
SELECT workspace_id, id, name, is_paid, unit, allowance, created_at, updated_at, raw, _synced_at, NULL, _run_id FROM webwork.leave_policies WHERE _deleted_at IS NULL;

CREATE TABLE webwork.expense_categories_history (
    workspace_id bigint       NOT NULL,
    id           varchar(64)  NOT NULL,
    name         varchar(200),
    created_at   timestamptz,
    raw jsonb NOT NULL,
    valid_from timestamptz NOT NULL,
    valid_to timestamptz,
    _run_id bigint NOT NULL,
    PRIMARY KEY (workspace_id, id, valid_from)
);
COMMENT ON TABLE webwork.expense_categories_history IS 'Every version of webwork.expense_categories the sync has seen (type 2 history). Grain: one row per expense category and version; valid_to NULL is the current version. valid_from/valid_to are observation times (when a run saw the change), not the source''s edit times.';
COMMENT ON COLUMN webwork.expense_categories_history.raw IS 'The source object of this version, as the API returned it.';
COMMENT ON COLUMN webwork.expense_categories_history.valid_from IS 'When the sync first saw this version (the run''s clock): observation time, not the source''s edit time. Equals valid_to of the version before.';
COMMENT ON COLUMN webwork.expense_categories_history.valid_to IS 'When the sync saw the row change again or disappear (the run''s clock); NULL for the current version. A row that comes back opens a new version.';
COMMENT ON COLUMN webwork.expense_categories_history._run_id IS 'Run that opened this version (sync.runs.run_id).';
/* [jooq ignore start] */
CREATE UNIQUE INDEX expense_categories_history_current ON webwork.expense_categories_history (workspace_id, id) WHERE valid_to IS NULL;
/* [jooq ignore stop] */
INSERT INTO webwork.expense_categories_history (workspace_id, id, name, created_at, raw, valid_from, valid_to, _run_id)
SELECT workspace_id, id, name, created_at, raw, _synced_at, NULL, _run_id FROM webwork.expense_categories WHERE _deleted_at IS NULL;

-- the typed columns mean what they mean in the current tables: copy their comments
/* [jooq ignore start] */
DO $$
DECLARE c record;
BEGIN
    FOR c IN
        SELECT h.relname AS history, a.attname AS col, col_description(t.oid, ta.attnum) AS comment
        FROM pg_class h
        JOIN pg_namespace n ON n.oid = h.relnamespace AND n.nspname = 'webwork'
        JOIN pg_class t ON t.relnamespace = n.oid AND t.relname = left(h.relname, -length('_history'))
        JOIN pg_attribute a ON a.attrelid = h.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_attribute ta ON ta.attrelid = t.oid AND ta.attname = a.attname
        WHERE h.relname LIKE '%\_history' AND h.relkind = 'r'
          AND a.attname NOT IN ('raw', '_run_id')
    LOOP
        EXECUTE format('COMMENT ON COLUMN webwork.%I.%I IS %L', c.history, c.col, c.comment);
    END LOOP;
END
$$;
/* [jooq ignore stop] */
