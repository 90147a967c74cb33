-- Closing a partition finds its rows by (workspace_id, _partition): soft deletes, the row count
-- and the fingerprint. Without an index that is a scan of the whole table for every partition.
CREATE INDEX workspaces_partition_idx ON webwork.workspaces (workspace_id, _partition);
CREATE INDEX members_partition_idx ON webwork.members (workspace_id, _partition);
CREATE INDEX projects_partition_idx ON webwork.projects (workspace_id, _partition);
CREATE INDEX project_tags_partition_idx ON webwork.project_tags (workspace_id, _partition);
CREATE INDEX tasks_partition_idx ON webwork.tasks (workspace_id, _partition);
CREATE INDEX task_assignees_partition_idx ON webwork.task_assignees (workspace_id, _partition);
CREATE INDEX contracts_partition_idx ON webwork.contracts (workspace_id, _partition);
CREATE INDEX project_viewers_partition_idx ON webwork.project_viewers (workspace_id, _partition);
CREATE INDEX project_viewer_projects_partition_idx ON webwork.project_viewer_projects (workspace_id, _partition);
CREATE INDEX leave_policies_partition_idx ON webwork.leave_policies (workspace_id, _partition);
CREATE INDEX expense_categories_partition_idx ON webwork.expense_categories (workspace_id, _partition);
CREATE INDEX webhooks_partition_idx ON webwork.webhooks (workspace_id, _partition);
CREATE INDEX timesheets_partition_idx ON webwork.timesheets (workspace_id, _partition);
CREATE INDEX timesheet_days_partition_idx ON webwork.timesheet_days (workspace_id, _partition);
CREATE INDEX time_requests_partition_idx ON webwork.time_requests (workspace_id, _partition);
CREATE INDEX leaves_partition_idx ON webwork.leaves (workspace_id, _partition);
CREATE INDEX leave_balances_partition_idx ON webwork.leave_balances (workspace_id, _partition);
CREATE INDEX expenses_partition_idx ON webwork.expenses (workspace_id, _partition);
CREATE INDEX time_entries_partition_idx ON webwork.time_entries (workspace_id, _partition);
CREATE INDEX report_tracked_hours_partition_idx ON webwork.report_tracked_hours (workspace_id, _partition);
CREATE INDEX report_timeline_partition_idx ON webwork.report_timeline (workspace_id, _partition);
CREATE INDEX report_activity_level_partition_idx ON webwork.report_activity_level (workspace_id, _partition);
CREATE INDEX report_tasks_partition_idx ON webwork.report_tasks (workspace_id, _partition);
CREATE INDEX report_attendance_partition_idx ON webwork.report_attendance (workspace_id, _partition);
CREATE INDEX report_activity_descriptions_partition_idx ON webwork.report_activity_descriptions (workspace_id, _partition);

-- Change detection fingerprints member-days from the report rows of one day (or a window).
CREATE INDEX report_tracked_hours_day_idx ON webwork.report_tracked_hours (workspace_id, date, user_id);
CREATE INDEX report_tasks_day_idx ON webwork.report_tasks (workspace_id, date, user_id);
CREATE INDEX report_activity_descriptions_day_idx ON webwork.report_activity_descriptions (workspace_id, date, user_id);
CREATE INDEX report_timeline_day_idx ON webwork.report_timeline (workspace_id, date, user_id);
