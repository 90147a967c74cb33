-- BI answers people ask first, without hand-written joins: who is who (a display name), what an entry cost and why
-- not, and every member-day including the days without time.

/* [jooq ignore start] */
CREATE VIEW analytics.members AS
SELECT m.workspace_id,
       m.id                                                                  AS member_id,
       coalesce(nullif(btrim(concat_ws(' ', btrim(m.firstname), btrim(m.lastname))), ''), m.email,
                'member ' || m.id)                                           AS display_name,
       m.email,
       m."current_role"                                                      AS role,
       m.status,
       m.timezone,
       m.team_name,
       m.title,
       (m.status = 'active' AND coalesce(m."current_role", '') <> 'Project viewer') AS is_active
FROM webwork.members m
WHERE m._deleted_at IS NULL;

COMMENT ON VIEW analytics.members IS 'The live members of each workspace with a display name, for labels and joins. Grain: workspace x member.';
COMMENT ON COLUMN analytics.members.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN analytics.members.member_id IS 'Member (webwork.members.id): what the other views call member_id.';
COMMENT ON COLUMN analytics.members.display_name IS 'First and last name; the e-mail where both are empty; ''member <id>'' where that is empty too. Never NULL.';
COMMENT ON COLUMN analytics.members.email IS 'E-mail of the member.';
COMMENT ON COLUMN analytics.members.role IS 'Owner, Executive manager, Team manager, Project manager, Regular User or Project viewer.';
COMMENT ON COLUMN analytics.members.status IS 'Status as the API gives it (active, inactive, …).';
COMMENT ON COLUMN analytics.members.timezone IS 'IANA time zone of the member.';
COMMENT ON COLUMN analytics.members.team_name IS 'Team of the member.';
COMMENT ON COLUMN analytics.members.title IS 'Job title of the member.';
COMMENT ON COLUMN analytics.members.is_active IS 'Active, and not a project viewer: someone expected to track time.';

-- the cost view keeps its columns and gains names and the reason a cost is missing (new columns go last)
CREATE OR REPLACE VIEW analytics.time_entry_cost AS
WITH zones AS (
    SELECT w.workspace_id, coalesce(z.name, 'UTC') AS zone
    FROM webwork.workspaces w
    LEFT JOIN webwork.members o ON o.workspace_id = w.workspace_id AND o.id = w.owner_id
    LEFT JOIN pg_timezone_names z ON z.name = o.timezone
)
SELECT e.workspace_id,
       e.id                                   AS entry_id,
       e.date                                 AS work_date,
       e.user_id                              AS member_id,
       e.project_id,
       e.contract_id,
       coalesce(e.duration_minutes, 0)        AS minutes,
       v.rate,
       v.currency,
       round(coalesce(e.duration_minutes, 0) * v.rate / 60.0, 2) AS cost,
       v.valid_from                           AS rate_valid_from,
       nullif(btrim(concat_ws(' ', btrim(m.firstname), btrim(m.lastname))), '') AS member_name,
       p.name                                 AS project_name,
       CASE WHEN v.rate IS NOT NULL THEN NULL
            WHEN e.contract_id IS NULL THEN 'no contract'
            WHEN v.valid_from IS NULL THEN 'contract not synced'
            ELSE 'rate not visible' END       AS cost_missing_reason
FROM webwork.time_entries e
LEFT JOIN zones ON zones.workspace_id = e.workspace_id
LEFT JOIN webwork.members m ON m.workspace_id = e.workspace_id AND m.id = e.user_id AND m._deleted_at IS NULL
LEFT JOIN webwork.projects p ON p.workspace_id = e.workspace_id AND p.id = e.project_id AND p._deleted_at IS NULL
LEFT JOIN LATERAL (
    SELECT h.rate, h.currency, h.valid_from
    FROM webwork.contracts_history h
    WHERE h.workspace_id = e.workspace_id AND h.id = e.contract_id
    ORDER BY (h.valid_from < ((e.date + 1)::timestamp AT TIME ZONE coalesce(zones.zone, 'UTC'))) DESC,
             CASE WHEN h.valid_from < ((e.date + 1)::timestamp AT TIME ZONE coalesce(zones.zone, 'UTC')) THEN h.valid_from END DESC,
             h.valid_from
    LIMIT 1
) v ON true
WHERE e._deleted_at IS NULL;

COMMENT ON COLUMN analytics.time_entry_cost.member_name IS 'First and last name of the member; NULL when the member is no longer returned by the API.';
COMMENT ON COLUMN analytics.time_entry_cost.project_name IS 'Name of the project; NULL for time without a project or a project no longer returned.';
COMMENT ON COLUMN analytics.time_entry_cost.cost_missing_reason IS 'Why cost is NULL: ''no contract'' (the entry names none), ''contract not synced'' (no version of it was ever read), ''rate not visible'' (the contract has no rate for this token: rates hidden, or the project is not billable). NULL when cost is set.';

-- every active member on every day the warehouse covers, with or without time
CREATE VIEW analytics.member_days AS
WITH zones AS (
    SELECT w.workspace_id, coalesce(z.name, 'UTC') AS zone
    FROM webwork.workspaces w
    LEFT JOIN webwork.members o ON o.workspace_id = w.workspace_id AND o.id = w.owner_id
    LEFT JOIN pg_timezone_names z ON z.name = o.timezone
    WHERE w._deleted_at IS NULL
), covered AS (
    -- from the first day whose time entries were read to today, both in the owner's calendar
    SELECT z.workspace_id, z.zone, (now() AT TIME ZONE z.zone)::date AS today,
           (SELECT min(sync.partition_day(p.partition_key)) FROM sync.partitions p
             WHERE p.stream = 'time_entries' AND p.workspace_id = z.workspace_id) AS first_day
    FROM zones z
), hours AS (
    SELECT workspace_id, user_id, date, sum(coalesce(duration_minutes, 0)) AS minutes, count(*) AS entries
    FROM webwork.time_entries
    WHERE _deleted_at IS NULL
    GROUP BY workspace_id, user_id, date
)
SELECT c.workspace_id,
       m.member_id,
       m.display_name,
       d::date                                AS work_date,
       c.today - d::date                      AS days_ago,
       coalesce(h.minutes, 0)                 AS minutes,
       round(coalesce(h.minutes, 0) / 60.0, 2) AS hours,
       coalesce(h.entries, 0)                 AS entries
FROM covered c
JOIN analytics.members m ON m.workspace_id = c.workspace_id AND m.is_active
CROSS JOIN LATERAL generate_series(c.first_day, c.today, interval '1 day') d
LEFT JOIN hours h ON h.workspace_id = c.workspace_id AND h.user_id = m.member_id AND h.date = d::date
WHERE c.first_day IS NOT NULL;

COMMENT ON VIEW analytics.member_days IS 'Every active member (analytics.members.is_active) on every calendar day from the first day whose time entries were synced to today, days without time included: "who tracked nothing yesterday" is WHERE days_ago = 1 AND minutes = 0. Days are the workspace owner''s calendar. Grain: workspace x active member x day.';
COMMENT ON COLUMN analytics.member_days.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN analytics.member_days.member_id IS 'Member (webwork.members.id).';
COMMENT ON COLUMN analytics.member_days.display_name IS 'analytics.members.display_name.';
COMMENT ON COLUMN analytics.member_days.work_date IS 'Calendar day of the workspace (its owner''s time zone).';
COMMENT ON COLUMN analytics.member_days.days_ago IS 'Days before today in the owner''s time zone: 0 today, 1 yesterday.';
COMMENT ON COLUMN analytics.member_days.minutes IS 'Tracked minutes that day; 0 without time.';
COMMENT ON COLUMN analytics.member_days.hours IS 'minutes / 60, rounded to 2 decimals.';
COMMENT ON COLUMN analytics.member_days.entries IS 'Time entries that day; 0 without time.';

/* [jooq ignore stop] */
