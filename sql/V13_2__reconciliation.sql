-- Reconciliation: per workspace x day x member with time in any source, the minutes of the live
-- time entries, of the tracked-hours report and of the timesheet's daily breakdown. Written by the
-- run (warehouse/Reconciler.java) for every member-day it read or re-checked.
CREATE TABLE sync.reconciliation (
    workspace_id      bigint       NOT NULL,
    date              date         NOT NULL,
    user_id           bigint       NOT NULL,
    entries_minutes   integer      NOT NULL,
    report_minutes    integer      NOT NULL,
    timesheet_minutes integer,
    status            varchar(10)  NOT NULL,
    rereads           integer      NOT NULL DEFAULT 0,
    checked_at        timestamptz  NOT NULL,
    _run_id           bigint       NOT NULL,
    PRIMARY KEY (workspace_id, date, user_id)
);
COMMENT ON TABLE sync.reconciliation IS 'Time entries vs the tracked-hours report vs the timesheet, per member-day with time in any of them; kept up to date for every member-day a run reads or re-checks. A mismatch makes the next run re-read that member-day''s entries once; one that survives stays flagged (rereads 1) and is not retried until the sources agree again. Grain: one row per workspace, day and member.';
COMMENT ON COLUMN sync.reconciliation.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN sync.reconciliation.date IS 'Calendar day of the workspace (its owner''s time zone).';
COMMENT ON COLUMN sync.reconciliation.user_id IS 'Member (webwork.members.id).';
COMMENT ON COLUMN sync.reconciliation.entries_minutes IS 'Sum of duration_minutes of the live time entries of the member-day.';
COMMENT ON COLUMN sync.reconciliation.report_minutes IS 'Sum of total_minutes of the live tracked-hours report rows of the member-day.';
COMMENT ON COLUMN sync.reconciliation.timesheet_minutes IS 'Sum of total_minutes of the timesheets'' daily breakdown for the member-day; NULL where no timesheet covers the day. Shown, not compared: a timesheet is what was submitted, and may rightly predate later edits.';
COMMENT ON COLUMN sync.reconciliation.status IS 'ok when entries_minutes = report_minutes, else mismatch.';
COMMENT ON COLUMN sync.reconciliation.rereads IS 'Re-reads of the member-day''s entries made because of a mismatch: 0 means the next run re-reads them, 1 that the mismatch survived a re-read (it stays flagged, not retried). Back to 0 when the sources agree.';
COMMENT ON COLUMN sync.reconciliation.checked_at IS 'When a run last compared the sources for this member-day (the run''s clock).';
COMMENT ON COLUMN sync.reconciliation._run_id IS 'Run that last compared them (sync.runs.run_id).';

/* [jooq ignore start] */
CREATE INDEX reconciliation_mismatch ON sync.reconciliation (workspace_id) WHERE status = 'mismatch';

CREATE VIEW analytics.data_quality AS
SELECT r.workspace_id,
       r.date                                              AS work_date,
       r.user_id                                           AS member_id,
       nullif(concat_ws(' ', m.firstname, m.lastname), '') AS member_name,
       r.entries_minutes,
       r.report_minutes,
       r.timesheet_minutes,
       r.entries_minutes - r.report_minutes                AS difference_minutes,
       r.rereads > 0                                       AS reread,
       r.checked_at
FROM sync.reconciliation r
LEFT JOIN webwork.members m
       ON m.workspace_id = r.workspace_id AND m.id = r.user_id AND m._deleted_at IS NULL
WHERE r.status = 'mismatch';

COMMENT ON VIEW analytics.data_quality IS 'Member-days where the time entries and the tracked-hours report disagree (sync.reconciliation, status mismatch): what the API itself reports inconsistently, after the sync re-read the entries once. Grain: workspace x day x member with a mismatch.';
COMMENT ON COLUMN analytics.data_quality.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN analytics.data_quality.work_date IS 'Calendar day of the workspace.';
COMMENT ON COLUMN analytics.data_quality.member_id IS 'Member (webwork.members.id).';
COMMENT ON COLUMN analytics.data_quality.member_name IS 'First and last name of the member; NULL when the member is no longer returned by the API.';
COMMENT ON COLUMN analytics.data_quality.entries_minutes IS 'Minutes of the live time entries.';
COMMENT ON COLUMN analytics.data_quality.report_minutes IS 'Minutes the tracked-hours report gives.';
COMMENT ON COLUMN analytics.data_quality.timesheet_minutes IS 'Minutes the timesheet gives; NULL without a timesheet.';
COMMENT ON COLUMN analytics.data_quality.difference_minutes IS 'entries_minutes - report_minutes.';
COMMENT ON COLUMN analytics.data_quality.reread IS 'Whether the entries were re-read since the mismatch was found (true: it survived the re-read).';
COMMENT ON COLUMN analytics.data_quality.checked_at IS 'When a run last compared the sources.';
/* [jooq ignore stop] */
