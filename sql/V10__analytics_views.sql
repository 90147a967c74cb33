-- Schema analytics: views for BI tools (Metabase, Superset, psql), built only on webwork (and on
-- sync for data_freshness). Every view reads live rows only (_deleted_at IS NULL), fact rows and
-- the dimension rows that name them alike: a member, project or policy the API no longer returns
-- leaves its name NULL. Days are the workspace's calendar days (its owner's time zone), weeks are
-- ISO weeks (Monday to Sunday).
--
-- The views run with their owner's rights (no security_invoker), so a BI role that may read
-- analytics but not sync still sees data_freshness. Everything here is PostgreSQL-only, hence
-- hidden from jOOQ's code generator, which only reads the webwork and sync tables.

/* [jooq ignore start] */
CREATE SCHEMA IF NOT EXISTS analytics;
COMMENT ON SCHEMA analytics IS 'Views for BI over the webwork tables: live rows only, readable names. See docs/bi.md and docs/warehouse.md.';

-- Hours per member per day ------------------------------------------------------------------

CREATE VIEW analytics.hours_per_member_day AS
SELECT e.workspace_id,
       e.user_id                                            AS member_id,
       nullif(concat_ws(' ', m.firstname, m.lastname), '')  AS member_name,
       e.date                                               AS work_date,
       sum(coalesce(e.duration_minutes, 0))                 AS minutes,
       round(sum(coalesce(e.duration_minutes, 0)) / 60.0, 2) AS hours,
       count(*)                                             AS entries
FROM webwork.time_entries e
LEFT JOIN webwork.members m
       ON m.workspace_id = e.workspace_id AND m.id = e.user_id AND m._deleted_at IS NULL
WHERE e._deleted_at IS NULL
GROUP BY e.workspace_id, e.user_id, m.firstname, m.lastname, e.date;

COMMENT ON VIEW analytics.hours_per_member_day IS 'Tracked time per member and calendar day, from the live time entries (every tracking method, breaks and idle time included, as the tracked-hours report counts them). Grain: workspace x member x day with time.';
COMMENT ON COLUMN analytics.hours_per_member_day.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN analytics.hours_per_member_day.member_id IS 'Member who tracked the time (webwork.members.id).';
COMMENT ON COLUMN analytics.hours_per_member_day.member_name IS 'First and last name of the member; NULL when the member is no longer returned by the API.';
COMMENT ON COLUMN analytics.hours_per_member_day.work_date IS 'Calendar day of the workspace (its owner''s time zone) the time belongs to.';
COMMENT ON COLUMN analytics.hours_per_member_day.minutes IS 'Sum of the entries'' durations, in minutes.';
COMMENT ON COLUMN analytics.hours_per_member_day.hours IS 'minutes / 60, rounded to 2 decimals.';
COMMENT ON COLUMN analytics.hours_per_member_day.entries IS 'Number of time entries that day.';

-- Hours (and amounts) per project per week ----------------------------------------------------

CREATE VIEW analytics.hours_per_project_week AS
SELECT r.workspace_id,
       date_trunc('week', r.date)::date                      AS week_start,
       r.project_id,
       coalesce(p.name, max(r.project_name))                 AS project_name,
       p.is_billable                                         AS is_billable,
       sum(coalesce(r.total_minutes, 0))                     AS minutes,
       round(sum(coalesce(r.total_minutes, 0)) / 60.0, 2)    AS hours,
       CASE WHEN count(DISTINCT r.currency) <= 1 THEN sum(r.total_amount) END AS amount,
       CASE WHEN count(DISTINCT r.currency) = 1 THEN min(r.currency) END      AS currency
FROM webwork.report_tracked_hours r
LEFT JOIN webwork.projects p
       ON p.workspace_id = r.workspace_id AND p.id = r.project_id AND p._deleted_at IS NULL
WHERE r._deleted_at IS NULL
GROUP BY r.workspace_id, date_trunc('week', r.date), r.project_id, p.name, p.is_billable;

COMMENT ON VIEW analytics.hours_per_project_week IS 'Tracked time and its amount per project and ISO week, from the tracked-hours report (live rows). Amounts only where the token may see rates. Grain: workspace x week x project; project NULL is time without a project.';
COMMENT ON COLUMN analytics.hours_per_project_week.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN analytics.hours_per_project_week.week_start IS 'Monday of the ISO week (workspace calendar days).';
COMMENT ON COLUMN analytics.hours_per_project_week.project_id IS 'Project (webwork.projects.id); NULL for time tracked without a project.';
COMMENT ON COLUMN analytics.hours_per_project_week.project_name IS 'Project name: the live project''s, else the name the report gave.';
COMMENT ON COLUMN analytics.hours_per_project_week.is_billable IS 'Whether the project is billable; NULL when the project is unknown.';
COMMENT ON COLUMN analytics.hours_per_project_week.minutes IS 'Tracked minutes in the week.';
COMMENT ON COLUMN analytics.hours_per_project_week.hours IS 'minutes / 60, rounded to 2 decimals.';
COMMENT ON COLUMN analytics.hours_per_project_week.amount IS 'Sum of the report''s total_amount (minutes at the contract rates) in currency; NULL when rates are not visible to the token, or when the week mixes currencies.';
COMMENT ON COLUMN analytics.hours_per_project_week.currency IS 'Currency code of amount (e.g. USD); NULL when amount is NULL.';

-- Utilization against the weekly limit -----------------------------------------------------------

CREATE VIEW analytics.utilization_weekly AS
WITH weekly AS (
    SELECT workspace_id, user_id, date_trunc('week', date)::date AS week_start,
           sum(coalesce(duration_minutes, 0)) AS minutes
    FROM webwork.time_entries
    WHERE _deleted_at IS NULL
    GROUP BY workspace_id, user_id, date_trunc('week', date)
), member_span AS (
    SELECT workspace_id, user_id, min(week_start) AS first_week, max(week_start) AS last_week
    FROM weekly
    GROUP BY workspace_id, user_id
), workspace_span AS (
    SELECT workspace_id, max(week_start) AS last_week
    FROM weekly
    GROUP BY workspace_id
)
SELECT s.workspace_id,
       s.user_id                                           AS member_id,
       nullif(concat_ws(' ', m.firstname, m.lastname), '') AS member_name,
       m.status                                            AS member_status,
       g.week::date                                        AS week_start,
       coalesce(w.minutes, 0)                              AS tracked_minutes,
       round(coalesce(w.minutes, 0) / 60.0, 2)             AS tracked_hours,
       m.weekly_hours_limit,
       CASE WHEN m.weekly_hours_limit > 0
            THEN round(coalesce(w.minutes, 0) / 60.0 / m.weekly_hours_limit, 4) END AS utilization
FROM member_span s
JOIN workspace_span ws ON ws.workspace_id = s.workspace_id
LEFT JOIN webwork.members m
       ON m.workspace_id = s.workspace_id AND m.id = s.user_id AND m._deleted_at IS NULL
CROSS JOIN LATERAL generate_series(
       s.first_week::timestamp,
       (CASE WHEN m.status = 'active' THEN ws.last_week ELSE s.last_week END)::timestamp,
       interval '1 week') AS g(week)
LEFT JOIN weekly w
       ON w.workspace_id = s.workspace_id AND w.user_id = s.user_id AND w.week_start = g.week::date;

COMMENT ON VIEW analytics.utilization_weekly IS 'Tracked hours per member and ISO week against the member''s weekly hours limit. Weeks run from the member''s first week with time to the workspace''s latest week with time (to the member''s own last week with time when the member is not active); weeks without time show 0. Grain: workspace x member x week.';
COMMENT ON COLUMN analytics.utilization_weekly.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN analytics.utilization_weekly.member_id IS 'Member (webwork.members.id).';
COMMENT ON COLUMN analytics.utilization_weekly.member_name IS 'First and last name of the member; NULL when the member is no longer returned by the API.';
COMMENT ON COLUMN analytics.utilization_weekly.member_status IS 'active, inactive, left or unknown (webwork.members.status).';
COMMENT ON COLUMN analytics.utilization_weekly.week_start IS 'Monday of the ISO week (workspace calendar days).';
COMMENT ON COLUMN analytics.utilization_weekly.tracked_minutes IS 'Minutes of the member''s live time entries in the week.';
COMMENT ON COLUMN analytics.utilization_weekly.tracked_hours IS 'tracked_minutes / 60, rounded to 2 decimals.';
COMMENT ON COLUMN analytics.utilization_weekly.weekly_hours_limit IS 'The member''s weekly limit in hours (webwork.members.weekly_hours_limit); NULL when none is set. 168 (24 x 7) means in effect no limit.';
COMMENT ON COLUMN analytics.utilization_weekly.utilization IS 'tracked_hours / weekly_hours_limit (0.95 = 95 %), 4 decimals; NULL when the member has no limit.';

-- Timesheet approval status ---------------------------------------------------------------------

CREATE VIEW analytics.timesheet_status AS
SELECT t.workspace_id,
       t.id                                                 AS timesheet_id,
       t.user_id                                            AS member_id,
       coalesce(nullif(concat_ws(' ', m.firstname, m.lastname), ''),
                nullif(concat_ws(' ', t.raw -> 'member' ->> 'firstname', t.raw -> 'member' ->> 'lastname'), '')) AS member_name,
       t.date_from                                          AS period_start,
       t.date_to                                            AS period_end,
       CASE WHEN lower(t.status) IN ('open', 'pending') THEN 'open' ELSE lower(t.status) END AS status,
       t.status                                             AS status_as_sent,
       t.submitted_on                                       AS submitted_at,
       t.total_minutes,
       coalesce(round(t.total_minutes / 60.0, 2), t.total_hours) AS total_hours,
       t.total_amount,
       t.currency,
       t.reject_reason
FROM webwork.timesheets t
LEFT JOIN webwork.members m
       ON m.workspace_id = t.workspace_id AND m.id = t.user_id AND m._deleted_at IS NULL
WHERE t._deleted_at IS NULL;

COMMENT ON VIEW analytics.timesheet_status IS 'Timesheets with their approval status (open, submitted, approved, rejected) and totals. Grain: one row per live timesheet (member x pay period).';
COMMENT ON COLUMN analytics.timesheet_status.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN analytics.timesheet_status.timesheet_id IS 'Timesheet id (webwork.timesheets.id).';
COMMENT ON COLUMN analytics.timesheet_status.member_id IS 'Member the timesheet belongs to (webwork.members.id).';
COMMENT ON COLUMN analytics.timesheet_status.member_name IS 'First and last name of the member (from the member, else from the timesheet''s own member object).';
COMMENT ON COLUMN analytics.timesheet_status.period_start IS 'First day of the pay period.';
COMMENT ON COLUMN analytics.timesheet_status.period_end IS 'Last day of the pay period (inclusive).';
COMMENT ON COLUMN analytics.timesheet_status.status IS 'open (not submitted yet; the API also says pending), submitted, approved or rejected, lower case.';
COMMENT ON COLUMN analytics.timesheet_status.status_as_sent IS 'The status exactly as the API sent it.';
COMMENT ON COLUMN analytics.timesheet_status.submitted_at IS 'When the member submitted it; NULL while open.';
COMMENT ON COLUMN analytics.timesheet_status.total_minutes IS 'Time on the timesheet, in minutes.';
COMMENT ON COLUMN analytics.timesheet_status.total_hours IS 'total_minutes / 60 rounded to 2 decimals (the API''s total_hours when it sent no minutes).';
COMMENT ON COLUMN analytics.timesheet_status.total_amount IS 'Amount for the period in currency; NULL when rates are not visible to the token.';
COMMENT ON COLUMN analytics.timesheet_status.currency IS 'Currency code of total_amount.';
COMMENT ON COLUMN analytics.timesheet_status.reject_reason IS 'Why it was rejected; NULL unless rejected.';

-- Leave calendar --------------------------------------------------------------------------------

CREATE VIEW analytics.leave_calendar AS
SELECT l.workspace_id,
       l.id                                                AS leave_id,
       l.user_id                                           AS member_id,
       nullif(concat_ws(' ', m.firstname, m.lastname), '') AS member_name,
       d.day::date                                         AS leave_date,
       extract(isodow FROM d.day) >= 6                     AS is_weekend,
       lower(l.status)                                     AS status,
       l.policy_id,
       p.name                                              AS policy_name,
       p.unit                                              AS policy_unit,
       coalesce(l.is_paid, p.is_paid)                      AS is_paid,
       l.start_date,
       l.end_date,
       l.note
FROM webwork.leaves l
CROSS JOIN LATERAL generate_series(l.start_date::timestamp, coalesce(l.end_date, l.start_date)::timestamp,
                                   interval '1 day') AS d(day)
LEFT JOIN webwork.leave_policies p
       ON p.workspace_id = l.workspace_id AND p.id = l.policy_id AND p._deleted_at IS NULL
LEFT JOIN webwork.members m
       ON m.workspace_id = l.workspace_id AND m.id = l.user_id AND m._deleted_at IS NULL
WHERE l._deleted_at IS NULL
  AND lower(l.status) IN ('approved', 'pending');

COMMENT ON VIEW analytics.leave_calendar IS 'One row per member, leave and calendar day for approved and pending leave requests (rejected ones are left out). Weekends inside a leave are listed with is_weekend = true. Leaves are read by the month they start in, up to today, so leaves starting after today are not in the warehouse yet. Grain: leave x day.';
COMMENT ON COLUMN analytics.leave_calendar.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN analytics.leave_calendar.leave_id IS 'Leave request id (webwork.leaves.id).';
COMMENT ON COLUMN analytics.leave_calendar.member_id IS 'Member on leave (webwork.members.id).';
COMMENT ON COLUMN analytics.leave_calendar.member_name IS 'First and last name of the member; NULL when the member is no longer returned by the API.';
COMMENT ON COLUMN analytics.leave_calendar.leave_date IS 'A day of the leave, from start_date to end_date inclusive.';
COMMENT ON COLUMN analytics.leave_calendar.is_weekend IS 'True on Saturdays and Sundays.';
COMMENT ON COLUMN analytics.leave_calendar.status IS 'approved or pending.';
COMMENT ON COLUMN analytics.leave_calendar.policy_id IS 'Leave policy (webwork.leave_policies.id).';
COMMENT ON COLUMN analytics.leave_calendar.policy_name IS 'Name of the leave policy, e.g. Vacation; NULL when the policy is unknown (the policies endpoint is optional).';
COMMENT ON COLUMN analytics.leave_calendar.policy_unit IS 'days or hours: how the policy counts leave; NULL when the policy is unknown.';
COMMENT ON COLUMN analytics.leave_calendar.is_paid IS 'Paid leave: the request''s is_paid, else the policy''s.';
COMMENT ON COLUMN analytics.leave_calendar.start_date IS 'First day of the whole leave.';
COMMENT ON COLUMN analytics.leave_calendar.end_date IS 'Last day of the whole leave (inclusive).';
COMMENT ON COLUMN analytics.leave_calendar.note IS 'The member''s note on the request.';

-- Expenses by project and category --------------------------------------------------------------

CREATE VIEW analytics.expenses_by_project_category AS
SELECT e.workspace_id,
       date_trunc('month', e.expense_date)::date                          AS month_start,
       e.project                                                          AS project_name,
       e.category                                                         AS category_name,
       count(*)                                                           AS expenses,
       sum(e.amount)                                                      AS amount,
       count(*) FILTER (WHERE lower(e.type) = 'billable')                 AS billable_expenses,
       coalesce(sum(e.amount) FILTER (WHERE lower(e.type) = 'billable'), 0)     AS billable_amount,
       count(*) FILTER (WHERE lower(e.type) = 'non-billable')             AS non_billable_expenses,
       coalesce(sum(e.amount) FILTER (WHERE lower(e.type) = 'non-billable'), 0) AS non_billable_amount
FROM webwork.expenses e
WHERE e._deleted_at IS NULL
GROUP BY e.workspace_id, date_trunc('month', e.expense_date), e.project, e.category;

COMMENT ON VIEW analytics.expenses_by_project_category IS 'Live expenses per calendar month, project and category, split into billable and non-billable. The API names project and category instead of giving ids, so rows group by those names. Amounts carry no currency (the API sends none). Grain: workspace x month x project name x category name.';
COMMENT ON COLUMN analytics.expenses_by_project_category.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN analytics.expenses_by_project_category.month_start IS 'First day of the month of the expense date.';
COMMENT ON COLUMN analytics.expenses_by_project_category.project_name IS 'Project name as the expense gives it; NULL for expenses without a project.';
COMMENT ON COLUMN analytics.expenses_by_project_category.category_name IS 'Expense category name as the expense gives it (see webwork.expense_categories); NULL when uncategorised.';
COMMENT ON COLUMN analytics.expenses_by_project_category.expenses IS 'Number of expenses.';
COMMENT ON COLUMN analytics.expenses_by_project_category.amount IS 'Sum of their amounts.';
COMMENT ON COLUMN analytics.expenses_by_project_category.billable_expenses IS 'Number of billable expenses.';
COMMENT ON COLUMN analytics.expenses_by_project_category.billable_amount IS 'Sum of the billable amounts (0 when none).';
COMMENT ON COLUMN analytics.expenses_by_project_category.non_billable_expenses IS 'Number of non-billable expenses.';
COMMENT ON COLUMN analytics.expenses_by_project_category.non_billable_amount IS 'Sum of the non-billable amounts (0 when none).';

-- Data freshness per stream and workspace -------------------------------------------------------

CREATE VIEW analytics.data_freshness AS
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
       round((extract(epoch FROM now() - l.newest_fetched_at) / 3600)::numeric, 1) AS hours_since_fetch
FROM sync.streams s
FULL JOIN ledger l ON l.stream = s.stream AND l.workspace_id = s.workspace_id
LEFT JOIN zones z ON z.workspace_id = coalesce(s.workspace_id, l.workspace_id)
LEFT JOIN synced y ON y.stream = coalesce(s.stream, l.stream) AND y.workspace_id = coalesce(s.workspace_id, l.workspace_id);

COMMENT ON VIEW analytics.data_freshness IS 'How fresh each stream is per workspace: the last run that read all of it, the newest partition read, and for date-addressed streams the latest day held in full. Built on sync.streams and sync.partitions. Grain: stream x workspace.';
COMMENT ON COLUMN analytics.data_freshness.stream IS 'Stream name, e.g. time_entries (one per API endpoint; the webwork table of the same name holds its rows).';
COMMENT ON COLUMN analytics.data_freshness.workspace_id IS 'Workspace; 0 for the workspace list itself (stream workspaces).';
COMMENT ON COLUMN analytics.data_freshness.workspace_name IS 'Name of the workspace; NULL for 0 and for workspaces no longer returned.';
COMMENT ON COLUMN analytics.data_freshness.last_success_at IS 'When a run last read every partition it planned for this stream and workspace; NULL if none has yet.';
COMMENT ON COLUMN analytics.data_freshness.last_run_id IS 'That run (sync.runs.run_id).';
COMMENT ON COLUMN analytics.data_freshness.newest_fetched_at IS 'When the most recently read partition of the stream was committed, by any run (also one that has not finished).';
COMMENT ON COLUMN analytics.data_freshness.partitions IS 'Partitions of the stream in the ledger (sync.partitions).';
COMMENT ON COLUMN analytics.data_freshness.synced_through IS 'Date-addressed streams: the latest workspace calendar day whose partition a completed run read after that day had ended (so the day is held in full, later edits aside). Days on which any member-day partition was read too early count as not held. NULL for dimensions and snapshots, or before such a read.';
COMMENT ON COLUMN analytics.data_freshness.hours_since_success IS 'Hours from last_success_at to now, 1 decimal.';
COMMENT ON COLUMN analytics.data_freshness.hours_since_fetch IS 'Hours from newest_fetched_at to now, 1 decimal.';
/* [jooq ignore stop] */
