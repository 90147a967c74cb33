-- Dimensions: read in full every run (mode FULL); rows the API stops returning get _deleted_at.
-- Every webwork table ends with the same bookkeeping columns:
--   raw jsonb (the API object as returned), _partition (the partition that last returned the row),
--   _synced_at, _run_id (when and by which run the row last changed), _deleted_at (soft delete).
CREATE SCHEMA IF NOT EXISTS webwork;

CREATE TABLE webwork.workspaces (
    workspace_id   bigint       NOT NULL PRIMARY KEY,
    id             bigint       NOT NULL,
    owner_id       bigint,
    user_id        bigint,
    workspace_name varchar(500),
    role           varchar(50),
    status         varchar(20),
    created_at     timestamptz,
    activated_at   timestamptz,
    raw            jsonb        NOT NULL,
    _partition     varchar(64)  NOT NULL,
    _synced_at     timestamptz  NOT NULL,
    _run_id        bigint       NOT NULL,
    _deleted_at    timestamptz
);
COMMENT ON TABLE webwork.workspaces IS 'Workspaces the token can read (GET /workspaces). Grain: one row per workspace.';
COMMENT ON COLUMN webwork.workspaces.workspace_id IS 'Workspace id (equals id); the workspace_id of every other table.';
COMMENT ON COLUMN webwork.workspaces.owner_id IS 'Member id of the workspace owner; the owner''s time zone defines the workspace''s calendar days.';
COMMENT ON COLUMN webwork.workspaces.user_id IS 'Member id of the token''s user.';
COMMENT ON COLUMN webwork.workspaces.role IS 'Role of the token''s user: the sync needs Owner or Executive manager.';
COMMENT ON COLUMN webwork.workspaces.activated_at IS 'Activation time (the API sends YYYY-MM-DD HH:MM:SS, read as UTC).';

CREATE TABLE webwork.members (
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
    raw                jsonb        NOT NULL,
    _partition         varchar(64)  NOT NULL,
    _synced_at         timestamptz  NOT NULL,
    _run_id            bigint       NOT NULL,
    _deleted_at        timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.members IS 'Members of a workspace (GET /members), all statuses. Grain: one row per workspace and member.';
COMMENT ON COLUMN webwork.members.current_role IS 'Owner, Executive manager, Team manager, Project manager, Regular User or Project viewer.';
COMMENT ON COLUMN webwork.members.timezone IS 'IANA time zone of the member.';
COMMENT ON COLUMN webwork.members.status IS 'active, inactive, left or unknown.';
COMMENT ON COLUMN webwork.members.rate IS 'Hourly rate; NULL when the token may not see rates.';
COMMENT ON COLUMN webwork.members.rate_status IS '1 when rates are visible, 0 hidden.';
COMMENT ON COLUMN webwork.members.weekly_hours_limit IS 'Weekly limit in hours.';

CREATE TABLE webwork.projects (
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
    raw                jsonb        NOT NULL,
    _partition         varchar(64)  NOT NULL,
    _synced_at         timestamptz  NOT NULL,
    _run_id            bigint       NOT NULL,
    _deleted_at        timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.projects IS 'Projects (GET /projects). Grain: one row per workspace and project.';
COMMENT ON COLUMN webwork.projects.estimation IS 'Estimated hours.';
COMMENT ON COLUMN webwork.projects.rate IS 'Project rate; NULL when not visible.';
COMMENT ON COLUMN webwork.projects.contracts_count IS 'Active contracts (member assignments) on the project.';
COMMENT ON COLUMN webwork.projects.status IS 'Status code as the API gives it (meaning undocumented).';

CREATE TABLE webwork.project_tags (
    workspace_id bigint       NOT NULL,
    project_id   bigint       NOT NULL,
    id           bigint       NOT NULL,
    name         varchar(200),
    color        varchar(20),
    raw          jsonb        NOT NULL,
    _partition   varchar(64)  NOT NULL,
    _synced_at   timestamptz  NOT NULL,
    _run_id      bigint       NOT NULL,
    _deleted_at  timestamptz,
    PRIMARY KEY (workspace_id, project_id, id)
);
COMMENT ON TABLE webwork.project_tags IS 'Tags of a project (projects[].tags). Grain: one row per project and tag.';

CREATE TABLE webwork.tasks (
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
    raw           jsonb        NOT NULL,
    _partition    varchar(64)  NOT NULL,
    _synced_at    timestamptz  NOT NULL,
    _run_id       bigint       NOT NULL,
    _deleted_at   timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.tasks IS 'Tasks, listed per project (GET /tasks?project_id=). Grain: one row per task.';
COMMENT ON COLUMN webwork.tasks.status IS 'Status code: 0, 10, 20, 30 or a custom code; status_name is its label as the API gives it.';
COMMENT ON COLUMN webwork.tasks.priority IS '10 Urgent, 20 High, 30 Normal, 40 Low.';

CREATE TABLE webwork.task_assignees (
    workspace_id bigint       NOT NULL,
    task_id      bigint       NOT NULL,
    user_id      bigint       NOT NULL,
    project_id   bigint,
    firstname    varchar(200),
    lastname     varchar(200),
    email        varchar(320),
    raw          jsonb        NOT NULL,
    _partition   varchar(64)  NOT NULL,
    _synced_at   timestamptz  NOT NULL,
    _run_id      bigint       NOT NULL,
    _deleted_at  timestamptz,
    PRIMARY KEY (workspace_id, task_id, user_id)
);
COMMENT ON TABLE webwork.task_assignees IS 'Members assigned to a task (tasks[].assignees). Grain: one row per task and member.';

CREATE TABLE webwork.contracts (
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
    raw                jsonb        NOT NULL,
    _partition         varchar(64)  NOT NULL,
    _synced_at         timestamptz  NOT NULL,
    _run_id            bigint       NOT NULL,
    _deleted_at        timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.contracts IS 'Contracts: a member assigned to a project (GET /contracts). Grain: one row per contract.';
COMMENT ON COLUMN webwork.contracts.rate IS 'Contract rate; NULL unless rates are visible and the project is billable.';
COMMENT ON COLUMN webwork.contracts.rate_type IS '1 Custom Rate, 2 Member Rate, 3 Project Rate.';
COMMENT ON COLUMN webwork.contracts.status IS 'active or paused.';

CREATE TABLE webwork.project_viewers (
    workspace_id bigint       NOT NULL,
    id           bigint       NOT NULL,
    email        varchar(320),
    firstname    varchar(200),
    lastname     varchar(200),
    status       varchar(20),
    member_since timestamptz,
    raw          jsonb        NOT NULL,
    _partition   varchar(64)  NOT NULL,
    _synced_at   timestamptz  NOT NULL,
    _run_id      bigint       NOT NULL,
    _deleted_at  timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.project_viewers IS 'Project viewers, i.e. clients (GET /project-viewers). id is their user id. Grain: one row per viewer.';

CREATE TABLE webwork.project_viewer_projects (
    workspace_id bigint       NOT NULL,
    viewer_id    bigint       NOT NULL,
    project_id   bigint       NOT NULL,
    project_name varchar(500),
    raw          jsonb        NOT NULL,
    _partition   varchar(64)  NOT NULL,
    _synced_at   timestamptz  NOT NULL,
    _run_id      bigint       NOT NULL,
    _deleted_at  timestamptz,
    PRIMARY KEY (workspace_id, viewer_id, project_id)
);
COMMENT ON TABLE webwork.project_viewer_projects IS 'Projects a viewer can see (project_viewers[].projects). Grain: one row per viewer and project.';

CREATE TABLE webwork.leave_policies (
    workspace_id bigint       NOT NULL,
    id           bigint       NOT NULL,
    name         varchar(200),
    is_paid      boolean,
    unit         varchar(10),
    allowance    numeric,
    created_at   timestamptz,
    updated_at   timestamptz,
    raw          jsonb        NOT NULL,
    _partition   varchar(64)  NOT NULL,
    _synced_at   timestamptz  NOT NULL,
    _run_id      bigint       NOT NULL,
    _deleted_at  timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.leave_policies IS 'Leave policies (GET /leaves/policies). Grain: one row per policy.';
COMMENT ON COLUMN webwork.leave_policies.unit IS 'days or hours: the unit of allowance.';

CREATE TABLE webwork.expense_categories (
    workspace_id bigint       NOT NULL,
    id           varchar(64)  NOT NULL,
    name         varchar(200),
    created_at   timestamptz,
    raw          jsonb        NOT NULL,
    _partition   varchar(64)  NOT NULL,
    _synced_at   timestamptz  NOT NULL,
    _run_id      bigint       NOT NULL,
    _deleted_at  timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.expense_categories IS 'Expense categories (GET /expenses/categories). Grain: one row per category.';

CREATE TABLE webwork.webhooks (
    workspace_id bigint        NOT NULL,
    id           varchar(64)   NOT NULL,
    url          varchar(2000),
    events       varchar(2000),
    raw          jsonb         NOT NULL,
    _partition   varchar(64)   NOT NULL,
    _synced_at   timestamptz   NOT NULL,
    _run_id      bigint        NOT NULL,
    _deleted_at  timestamptz,
    PRIMARY KEY (workspace_id, id)
);
COMMENT ON TABLE webwork.webhooks IS 'Webhook subscriptions (GET /webhooks). The signing token is never stored. Grain: one row per webhook.';
COMMENT ON COLUMN webwork.webhooks.events IS 'Subscribed events, comma-separated (e.g. tracker.started,tracker.stopped).';
