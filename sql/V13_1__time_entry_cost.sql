-- Cost at the rate in force: each live time entry priced at its contract's rate as
-- webwork.contracts_history held it on the entry's day. PostgreSQL-only (LATERAL), hidden from jOOQ.

/* [jooq ignore start] */
CREATE VIEW analytics.time_entry_cost AS
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
LEFT JOIN LATERAL (
    -- the last version seen by the end of the entry's day (UTC); for days before the history
    -- begins, the first version seen
    SELECT h.rate, h.currency, h.valid_from
    FROM webwork.contracts_history h
    WHERE h.workspace_id = e.workspace_id AND h.id = e.contract_id
    ORDER BY (h.valid_from < ((e.date + 1)::timestamp AT TIME ZONE 'UTC')) DESC,
             CASE WHEN h.valid_from < ((e.date + 1)::timestamp AT TIME ZONE 'UTC') THEN h.valid_from END DESC,
             h.valid_from
    LIMIT 1
) v ON true
WHERE e._deleted_at IS NULL;

COMMENT ON VIEW analytics.time_entry_cost IS 'Each live time entry priced at its contract''s rate in force on the entry''s day, from webwork.contracts_history: the last version the sync had seen by the end of that day (UTC), or the first version for days before the history begins. A rate change therefore prices the entries of the days before the sync saw it at the old rate and those from that day on at the new one; since history records when a run saw the change (observation time), a change is dated to the run that saw it, not to the edit at the source. cost is NULL where rates are not visible to the token or the project is not billable. Grain: one row per live time entry.';
COMMENT ON COLUMN analytics.time_entry_cost.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN analytics.time_entry_cost.entry_id IS 'Time entry (webwork.time_entries.id).';
COMMENT ON COLUMN analytics.time_entry_cost.work_date IS 'Calendar day of the workspace the entry belongs to.';
COMMENT ON COLUMN analytics.time_entry_cost.member_id IS 'Member who tracked the time (webwork.members.id).';
COMMENT ON COLUMN analytics.time_entry_cost.project_id IS 'Project (webwork.projects.id); NULL for time without a project.';
COMMENT ON COLUMN analytics.time_entry_cost.contract_id IS 'Contract the time was tracked on (webwork.contracts.id); NULL when the entry names none.';
COMMENT ON COLUMN analytics.time_entry_cost.minutes IS 'Duration of the entry in minutes.';
COMMENT ON COLUMN analytics.time_entry_cost.rate IS 'Hourly rate of the contract in force on work_date; NULL when not visible or not billable.';
COMMENT ON COLUMN analytics.time_entry_cost.currency IS 'Currency code of rate and cost.';
COMMENT ON COLUMN analytics.time_entry_cost.cost IS 'minutes / 60 x rate, rounded to 2 decimals; NULL when rate is NULL.';
COMMENT ON COLUMN analytics.time_entry_cost.rate_valid_from IS 'valid_from of the contracts_history version that priced the entry: when the sync first saw that rate.';
/* [jooq ignore stop] */
