-- Cost at the rate in force, with the end of the day where the day of the entry ends: work_date is a day of
-- the workspace owner calendar, so the rate in force on it is the one seen by the end of that
-- day in the owner zone (V13_1 took the end of the UTC day, which for an owner at UTC-5 dated a
-- rate change seen at 20:00 her time to the next day). Same columns, so BI queries keep working.

/* [jooq ignore start] */
CREATE OR REPLACE VIEW analytics.time_entry_cost AS
WITH zones AS (
    -- the workspace calendar is its owner; an unknown zone name counts as UTC, as in the job
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
       v.valid_from                           AS rate_valid_from
FROM webwork.time_entries e
LEFT JOIN zones ON zones.workspace_id = e.workspace_id
LEFT JOIN LATERAL (
    -- the last version seen by the end of the entry day in the owner zone; for days before the history
    -- begins, the first version seen
    SELECT h.rate, h.currency, h.valid_from
    FROM webwork.contracts_history h
    WHERE h.workspace_id = e.workspace_id AND h.id = e.contract_id
    ORDER BY (h.valid_from < ((e.date + 1)::timestamp AT TIME ZONE coalesce(zones.zone, 'UTC'))) DESC,
             CASE WHEN h.valid_from < ((e.date + 1)::timestamp AT TIME ZONE coalesce(zones.zone, 'UTC')) THEN h.valid_from END DESC,
             h.valid_from
    LIMIT 1
) v ON true
WHERE e._deleted_at IS NULL;

COMMENT ON VIEW analytics.time_entry_cost IS 'Each live time entry priced at its contract''s rate in force on the entry''s day, from webwork.contracts_history: the last version the sync had seen by the end of that day in the workspace owner''s time zone (the calendar work_date is in), or the first version for days before the history begins. A rate change therefore prices the entries of the days before the sync saw it at the old rate and those from that day on at the new one; since history records when a run saw the change (observation time), a change is dated to the run that saw it, not to the edit at the source. cost is NULL where rates are not visible to the token or the project is not billable. Grain: one row per live time entry.';
/* [jooq ignore stop] */
