-- Comments only: every table and column of webwork and sync explains itself (V1-V5 left some out).
-- The bookkeeping columns every webwork table ends with get the same text everywhere. docs/warehouse.md
-- is generated from these comments (DataDictionaryTests), and that test fails when one is missing.

-- A name BI users trip over: unquoted, current_role is SQL's function for the database role.
COMMENT ON COLUMN webwork.members."current_role" IS 'Owner, Executive manager, Team manager, Project manager, Regular User or Project viewer. Quote the name in SQL ("current_role"): unquoted, current_role is the SQL function that returns your database role.';

-- webwork.contracts
COMMENT ON COLUMN webwork.contracts.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.contracts.id IS 'Contract id.';
COMMENT ON COLUMN webwork.contracts.contract_name IS 'Contract name as the API gives it (typically "<project> - <member>").';
COMMENT ON COLUMN webwork.contracts.project_id IS 'Project (webwork.projects.id).';
COMMENT ON COLUMN webwork.contracts.project_name IS 'Project name.';
COMMENT ON COLUMN webwork.contracts.project_icon IS 'Icon of the project.';
COMMENT ON COLUMN webwork.contracts.user_id IS 'Member on the project (webwork.members.id).';
COMMENT ON COLUMN webwork.contracts.user_firstname IS 'First name of the member.';
COMMENT ON COLUMN webwork.contracts.user_lastname IS 'Last name of the member.';
COMMENT ON COLUMN webwork.contracts.user_email IS 'E-mail address of the member.';
COMMENT ON COLUMN webwork.contracts.user_role IS 'Role of the member in the workspace (same values as members.current_role).';
COMMENT ON COLUMN webwork.contracts.weekly_hours_limit IS 'Weekly limit in hours on this contract; 168 (the API''s default) means in effect none.';
COMMENT ON COLUMN webwork.contracts.screenshots IS 'Screenshot setting of the contract as a code (e.g. full, blurred, no_screenshot); screenshots_label is its label.';
COMMENT ON COLUMN webwork.contracts.screenshots_label IS 'Label of the screenshot setting, e.g. Blurred screenshots.';
COMMENT ON COLUMN webwork.contracts.currency IS 'Currency code of rate.';
COMMENT ON COLUMN webwork.contracts.created_at IS 'When the contract was created.';
COMMENT ON COLUMN webwork.contracts.updated_at IS 'When the contract was last changed at the source.';
COMMENT ON COLUMN webwork.contracts.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.contracts._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.contracts._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.contracts._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.contracts._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.expense_categories
COMMENT ON COLUMN webwork.expense_categories.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.expense_categories.id IS 'Category id (UUID).';
COMMENT ON COLUMN webwork.expense_categories.name IS 'Category name; expenses refer to categories by this name.';
COMMENT ON COLUMN webwork.expense_categories.created_at IS 'When the category was created.';
COMMENT ON COLUMN webwork.expense_categories.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.expense_categories._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.expense_categories._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.expense_categories._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.expense_categories._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.expenses
COMMENT ON COLUMN webwork.expenses.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.expenses.id IS 'Expense id (UUID).';
COMMENT ON COLUMN webwork.expenses.member IS 'Full name of the member who spent it (the API gives no user id).';
COMMENT ON COLUMN webwork.expenses.expense_name IS 'What was bought, e.g. Office Supplies.';
COMMENT ON COLUMN webwork.expenses.project IS 'Project name (the API gives no project id); NULL without a project.';
COMMENT ON COLUMN webwork.expenses.category IS 'Category name (see webwork.expense_categories); NULL when uncategorised.';
COMMENT ON COLUMN webwork.expenses.amount IS 'Amount spent (the API gives no currency).';
COMMENT ON COLUMN webwork.expenses.note IS 'Free-text note.';
COMMENT ON COLUMN webwork.expenses.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.expenses._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.expenses._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.expenses._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.expenses._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.leave_balances
COMMENT ON COLUMN webwork.leave_balances.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.leave_balances.snapshot_date IS 'Day the balance was read (the run date in the workspace''s calendar).';
COMMENT ON COLUMN webwork.leave_balances.user_id IS 'Member (webwork.members.id).';
COMMENT ON COLUMN webwork.leave_balances.leave_type IS 'Leave policy name, e.g. Vacation.';
COMMENT ON COLUMN webwork.leave_balances.user_name IS 'Full name of the member as the API gives it.';
COMMENT ON COLUMN webwork.leave_balances.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.leave_balances._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.leave_balances._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.leave_balances._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.leave_balances._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.leave_policies
COMMENT ON COLUMN webwork.leave_policies.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.leave_policies.id IS 'Leave policy id.';
COMMENT ON COLUMN webwork.leave_policies.name IS 'Policy name, e.g. Vacation.';
COMMENT ON COLUMN webwork.leave_policies.is_paid IS 'True for paid leave.';
COMMENT ON COLUMN webwork.leave_policies.allowance IS 'Allowance in unit (days or hours); NULL when the policy sets none.';
COMMENT ON COLUMN webwork.leave_policies.created_at IS 'When the policy was created.';
COMMENT ON COLUMN webwork.leave_policies.updated_at IS 'When the policy was last changed at the source.';
COMMENT ON COLUMN webwork.leave_policies.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.leave_policies._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.leave_policies._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.leave_policies._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.leave_policies._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.leaves
COMMENT ON COLUMN webwork.leaves.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.leaves.id IS 'Leave request id (UUID).';
COMMENT ON COLUMN webwork.leaves.user_id IS 'Member on leave (webwork.members.id).';
COMMENT ON COLUMN webwork.leaves.policy_id IS 'Leave policy (webwork.leave_policies.id).';
COMMENT ON COLUMN webwork.leaves.status IS 'pending, approved or rejected.';
COMMENT ON COLUMN webwork.leaves.note IS 'The member''s note, e.g. Family vacation.';
COMMENT ON COLUMN webwork.leaves.start_date IS 'First day of the leave.';
COMMENT ON COLUMN webwork.leaves.end_date IS 'Last day of the leave (inclusive).';
COMMENT ON COLUMN webwork.leaves.created_by IS 'Member id of who created the request.';
COMMENT ON COLUMN webwork.leaves.approved_by IS 'Member id of who approved it; NULL unless approved.';
COMMENT ON COLUMN webwork.leaves.rejected_by IS 'Member id of who rejected it; NULL unless rejected.';
COMMENT ON COLUMN webwork.leaves.reject_reason IS 'Why it was rejected; NULL unless rejected.';
COMMENT ON COLUMN webwork.leaves.created_at IS 'Creation time: created_at, or created_on as the API (after v1) names it.';
COMMENT ON COLUMN webwork.leaves.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.leaves._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.leaves._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.leaves._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.leaves._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.members
COMMENT ON COLUMN webwork.members.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.members.id IS 'Member (user) id; the user_id, member_id and owner_id of the other tables.';
COMMENT ON COLUMN webwork.members.email IS 'E-mail address of the member.';
COMMENT ON COLUMN webwork.members.firstname IS 'First name.';
COMMENT ON COLUMN webwork.members.lastname IS 'Last name.';
COMMENT ON COLUMN webwork.members.avatar IS 'Avatar image (file name or URL) as the API gives it.';
COMMENT ON COLUMN webwork.members.team_name IS 'Name of the member''s team.';
COMMENT ON COLUMN webwork.members.title IS 'Job title.';
COMMENT ON COLUMN webwork.members.is_blocked IS 'True when the member is blocked from the workspace.';
COMMENT ON COLUMN webwork.members.rate_type IS 'Kind of rate, e.g. hourly; NULL when rates are not visible to the token.';
COMMENT ON COLUMN webwork.members.screenshots IS 'Screenshot setting of the member as the API gives it (e.g. full, blurred, no_screenshot, background_blurred).';
COMMENT ON COLUMN webwork.members.created_at IS 'When the member joined the workspace.';
COMMENT ON COLUMN webwork.members.updated_at IS 'When the member was last changed at the source.';
COMMENT ON COLUMN webwork.members.deleted_at IS 'When WebWork archived the member (the API''s own field). Not the sync''s soft delete, which is _deleted_at.';
COMMENT ON COLUMN webwork.members.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.members._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.members._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.members._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.members._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.project_tags
COMMENT ON COLUMN webwork.project_tags.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.project_tags.project_id IS 'Project the tag belongs to (webwork.projects.id).';
COMMENT ON COLUMN webwork.project_tags.id IS 'Tag id.';
COMMENT ON COLUMN webwork.project_tags.name IS 'Tag name.';
COMMENT ON COLUMN webwork.project_tags.color IS 'Tag colour as the API gives it, e.g. #FF5733; NULL when none.';
COMMENT ON COLUMN webwork.project_tags.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.project_tags._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.project_tags._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.project_tags._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.project_tags._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.project_viewer_projects
COMMENT ON COLUMN webwork.project_viewer_projects.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.project_viewer_projects.viewer_id IS 'The viewer (webwork.project_viewers.id).';
COMMENT ON COLUMN webwork.project_viewer_projects.project_id IS 'A project the viewer can see (webwork.projects.id).';
COMMENT ON COLUMN webwork.project_viewer_projects.project_name IS 'Project name.';
COMMENT ON COLUMN webwork.project_viewer_projects.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.project_viewer_projects._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.project_viewer_projects._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.project_viewer_projects._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.project_viewer_projects._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.project_viewers
COMMENT ON COLUMN webwork.project_viewers.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.project_viewers.id IS 'User id of the viewer (equals their member id).';
COMMENT ON COLUMN webwork.project_viewers.email IS 'E-mail address.';
COMMENT ON COLUMN webwork.project_viewers.firstname IS 'First name.';
COMMENT ON COLUMN webwork.project_viewers.lastname IS 'Last name.';
COMMENT ON COLUMN webwork.project_viewers.status IS 'active, inactive or left.';
COMMENT ON COLUMN webwork.project_viewers.member_since IS 'When the viewer joined the workspace.';
COMMENT ON COLUMN webwork.project_viewers.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.project_viewers._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.project_viewers._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.project_viewers._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.project_viewers._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.projects
COMMENT ON COLUMN webwork.projects.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.projects.id IS 'Project id.';
COMMENT ON COLUMN webwork.projects.name IS 'Project name.';
COMMENT ON COLUMN webwork.projects.owner_id IS 'Member id of the project owner.';
COMMENT ON COLUMN webwork.projects.start_date IS 'Start date of the project.';
COMMENT ON COLUMN webwork.projects.deadline IS 'Due date of the project.';
COMMENT ON COLUMN webwork.projects.budget_estimation IS 'Budget estimate, money (the API gives no currency).';
COMMENT ON COLUMN webwork.projects.notes IS 'Free-text notes on the project.';
COMMENT ON COLUMN webwork.projects.icon IS 'Icon of the project as the API gives it.';
COMMENT ON COLUMN webwork.projects.is_billable IS 'True when time on the project is billable.';
COMMENT ON COLUMN webwork.projects.weekly_hours_limit IS 'Weekly limit in hours per member on the project; NULL when none.';
COMMENT ON COLUMN webwork.projects.screenshots IS 'Screenshot setting of the project as the API gives it (e.g. full, blur).';
COMMENT ON COLUMN webwork.projects.created_at IS 'When the project was created.';
COMMENT ON COLUMN webwork.projects.updated_at IS 'When the project was last changed at the source.';
COMMENT ON COLUMN webwork.projects.deleted_at IS 'When WebWork archived the project (the API''s own field). Not the sync''s soft delete, which is _deleted_at.';
COMMENT ON COLUMN webwork.projects.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.projects._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.projects._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.projects._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.projects._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.report_activity_descriptions
COMMENT ON COLUMN webwork.report_activity_descriptions.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.report_activity_descriptions.user_id IS 'Member (webwork.members.id).';
COMMENT ON COLUMN webwork.report_activity_descriptions.date IS 'Day (workspace calendar).';
COMMENT ON COLUMN webwork.report_activity_descriptions.description IS 'Activity description the member entered.';
COMMENT ON COLUMN webwork.report_activity_descriptions.firstname IS 'First name of the member.';
COMMENT ON COLUMN webwork.report_activity_descriptions.lastname IS 'Last name of the member.';
COMMENT ON COLUMN webwork.report_activity_descriptions.total_minutes IS 'Minutes tracked with this description that day.';
COMMENT ON COLUMN webwork.report_activity_descriptions.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.report_activity_descriptions._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.report_activity_descriptions._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.report_activity_descriptions._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.report_activity_descriptions._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.report_activity_level
COMMENT ON COLUMN webwork.report_activity_level.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.report_activity_level.user_id IS 'Member (webwork.members.id).';
COMMENT ON COLUMN webwork.report_activity_level.date IS 'Day (workspace calendar).';
COMMENT ON COLUMN webwork.report_activity_level.firstname IS 'First name of the member.';
COMMENT ON COLUMN webwork.report_activity_level.lastname IS 'Last name of the member.';
COMMENT ON COLUMN webwork.report_activity_level.activity_level IS 'Activity that day, percent (mouse, keyboard, scroll), weighted by time.';
COMMENT ON COLUMN webwork.report_activity_level.tracked_minutes IS 'Tracked minutes that day.';
COMMENT ON COLUMN webwork.report_activity_level.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.report_activity_level._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.report_activity_level._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.report_activity_level._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.report_activity_level._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.report_attendance
COMMENT ON COLUMN webwork.report_attendance.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.report_attendance.user_id IS 'Member (webwork.members.id).';
COMMENT ON COLUMN webwork.report_attendance.date IS 'Day of the report (workspace calendar).';
COMMENT ON COLUMN webwork.report_attendance.firstname IS 'First name of the member.';
COMMENT ON COLUMN webwork.report_attendance.lastname IS 'Last name of the member.';
COMMENT ON COLUMN webwork.report_attendance.last_end IS 'Last end of the day as the API gives it (e.g. 17:45).';
COMMENT ON COLUMN webwork.report_attendance.tracked_minutes IS 'Tracked minutes that day.';
COMMENT ON COLUMN webwork.report_attendance.break_minutes IS 'Minutes of breaks that day.';
COMMENT ON COLUMN webwork.report_attendance.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.report_attendance._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.report_attendance._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.report_attendance._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.report_attendance._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.report_tasks
COMMENT ON COLUMN webwork.report_tasks.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.report_tasks.user_id IS 'Member (webwork.members.id).';
COMMENT ON COLUMN webwork.report_tasks.date IS 'Day (workspace calendar).';
COMMENT ON COLUMN webwork.report_tasks.task_id IS 'Task; NULL for time without a task.';
COMMENT ON COLUMN webwork.report_tasks.task_title IS 'Task title (from the report''s tasks breakdown).';
COMMENT ON COLUMN webwork.report_tasks.project_id IS 'Project of the time.';
COMMENT ON COLUMN webwork.report_tasks.firstname IS 'First name of the member.';
COMMENT ON COLUMN webwork.report_tasks.lastname IS 'Last name of the member.';
COMMENT ON COLUMN webwork.report_tasks.total_minutes IS 'Minutes on the task that day.';
COMMENT ON COLUMN webwork.report_tasks.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.report_tasks._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.report_tasks._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.report_tasks._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.report_tasks._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.report_timeline
COMMENT ON COLUMN webwork.report_timeline.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.report_timeline.date IS 'Day of the report (workspace calendar).';
COMMENT ON COLUMN webwork.report_timeline.user_id IS 'Member (webwork.members.id).';
COMMENT ON COLUMN webwork.report_timeline.firstname IS 'First name of the member.';
COMMENT ON COLUMN webwork.report_timeline.lastname IS 'Last name of the member.';
COMMENT ON COLUMN webwork.report_timeline.user_total_minutes IS 'The member''s total minutes that day (repeated on each of their intervals).';
COMMENT ON COLUMN webwork.report_timeline.user_activity_level IS 'The member''s activity that day, percent (repeated on each of their intervals).';
COMMENT ON COLUMN webwork.report_timeline.start_time IS 'Start of the interval (the API sends it with the workspace owner''s offset).';
COMMENT ON COLUMN webwork.report_timeline.end_time IS 'End of the interval.';
COMMENT ON COLUMN webwork.report_timeline.duration_minutes IS 'Length of the interval in minutes.';
COMMENT ON COLUMN webwork.report_timeline.project_id IS 'Project; NULL without a project.';
COMMENT ON COLUMN webwork.report_timeline.project_name IS 'Project name.';
COMMENT ON COLUMN webwork.report_timeline.contract_id IS 'Contract; NULL without a project.';
COMMENT ON COLUMN webwork.report_timeline.task_id IS 'Task; NULL without a task.';
COMMENT ON COLUMN webwork.report_timeline.task_title IS 'Task title.';
COMMENT ON COLUMN webwork.report_timeline.activity_description IS 'What the member said they were doing.';
COMMENT ON COLUMN webwork.report_timeline.method IS 'Tracking method, e.g. Desktop tracker, Manually added time.';
COMMENT ON COLUMN webwork.report_timeline.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.report_timeline._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.report_timeline._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.report_timeline._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.report_timeline._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.report_tracked_hours
COMMENT ON COLUMN webwork.report_tracked_hours.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.report_tracked_hours.date IS 'Day (workspace calendar).';
COMMENT ON COLUMN webwork.report_tracked_hours.user_id IS 'Member (webwork.members.id).';
COMMENT ON COLUMN webwork.report_tracked_hours.firstname IS 'First name of the member.';
COMMENT ON COLUMN webwork.report_tracked_hours.lastname IS 'Last name of the member.';
COMMENT ON COLUMN webwork.report_tracked_hours.project_id IS 'Project; NULL for time without a project.';
COMMENT ON COLUMN webwork.report_tracked_hours.project_name IS 'Project name.';
COMMENT ON COLUMN webwork.report_tracked_hours.contract_id IS 'Contract; NULL without a project.';
COMMENT ON COLUMN webwork.report_tracked_hours.total_minutes IS 'Tracked minutes, every tracking method included.';
COMMENT ON COLUMN webwork.report_tracked_hours.currency IS 'Currency code of total_amount (the key of the API''s total_amount object); NULL when rates are hidden.';
COMMENT ON COLUMN webwork.report_tracked_hours.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.report_tracked_hours._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.report_tracked_hours._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.report_tracked_hours._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.report_tracked_hours._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.task_assignees
COMMENT ON COLUMN webwork.task_assignees.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.task_assignees.task_id IS 'Task (webwork.tasks.id).';
COMMENT ON COLUMN webwork.task_assignees.user_id IS 'Assigned member (webwork.members.id).';
COMMENT ON COLUMN webwork.task_assignees.project_id IS 'Project of the task.';
COMMENT ON COLUMN webwork.task_assignees.firstname IS 'First name of the member.';
COMMENT ON COLUMN webwork.task_assignees.lastname IS 'Last name of the member.';
COMMENT ON COLUMN webwork.task_assignees.email IS 'E-mail address of the member.';
COMMENT ON COLUMN webwork.task_assignees.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.task_assignees._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.task_assignees._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.task_assignees._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.task_assignees._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.tasks
COMMENT ON COLUMN webwork.tasks.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.tasks.id IS 'Task id.';
COMMENT ON COLUMN webwork.tasks.project_id IS 'Project of the task (webwork.projects.id).';
COMMENT ON COLUMN webwork.tasks.parent_id IS 'Parent task of a subtask; NULL for a top-level task.';
COMMENT ON COLUMN webwork.tasks.title IS 'Task title.';
COMMENT ON COLUMN webwork.tasks.description IS 'Task description.';
COMMENT ON COLUMN webwork.tasks.owner_id IS 'Member id of the task owner.';
COMMENT ON COLUMN webwork.tasks.creator_id IS 'Member id of who created the task.';
COMMENT ON COLUMN webwork.tasks.status_name IS 'Label of status as the API gives it (labels differ between API revisions, e.g. Done vs Completed).';
COMMENT ON COLUMN webwork.tasks.status_color IS 'Colour of the status label.';
COMMENT ON COLUMN webwork.tasks.priority_name IS 'Label of priority: Urgent, High, Normal or Low.';
COMMENT ON COLUMN webwork.tasks.start_date IS 'Start date of the task.';
COMMENT ON COLUMN webwork.tasks.end_date IS 'Due date of the task.';
COMMENT ON COLUMN webwork.tasks.completed_at IS 'When the task was completed; NULL while not done.';
COMMENT ON COLUMN webwork.tasks.created_at IS 'When the task was created.';
COMMENT ON COLUMN webwork.tasks.updated_at IS 'When the task was last changed at the source.';
COMMENT ON COLUMN webwork.tasks.deleted_at IS 'When WebWork deleted the task (the API''s own field). Not the sync''s soft delete, which is _deleted_at.';
COMMENT ON COLUMN webwork.tasks.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.tasks._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.tasks._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.tasks._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.tasks._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.time_entries
COMMENT ON COLUMN webwork.time_entries.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.time_entries.user_id IS 'Member who tracked the time (webwork.members.id).';
COMMENT ON COLUMN webwork.time_entries.start_time IS 'Start of the interval.';
COMMENT ON COLUMN webwork.time_entries.duration_minutes IS 'Length of the interval in minutes.';
COMMENT ON COLUMN webwork.time_entries.contract_id IS 'Contract (webwork.contracts.id); NULL without a project.';
COMMENT ON COLUMN webwork.time_entries.project_id IS 'Project (webwork.projects.id); NULL for time without a project.';
COMMENT ON COLUMN webwork.time_entries.project_name IS 'Project name at the time of reading.';
COMMENT ON COLUMN webwork.time_entries.task_id IS 'Task (webwork.tasks.id); NULL without a task.';
COMMENT ON COLUMN webwork.time_entries.task_title IS 'Task title at the time of reading.';
COMMENT ON COLUMN webwork.time_entries.activity_description IS 'What the member said they were doing.';
COMMENT ON COLUMN webwork.time_entries.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.time_entries._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.time_entries._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.time_entries._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.time_requests
COMMENT ON COLUMN webwork.time_requests.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.time_requests.id IS 'Time request id (a UUID or an encrypted string, depending on the API revision).';
COMMENT ON COLUMN webwork.time_requests.user_id IS 'Member who asked for the time (webwork.members.id).';
COMMENT ON COLUMN webwork.time_requests.contract_id IS 'Contract the time is for.';
COMMENT ON COLUMN webwork.time_requests.project_id IS 'Project the time is for.';
COMMENT ON COLUMN webwork.time_requests.task_id IS 'Task the time is for; NULL when none.';
COMMENT ON COLUMN webwork.time_requests.start IS 'Start of the requested time.';
COMMENT ON COLUMN webwork.time_requests."end" IS 'End of the requested time. end is a reserved word: quote it in SQL ("end").';
COMMENT ON COLUMN webwork.time_requests.notes IS 'The member''s note on the request.';
COMMENT ON COLUMN webwork.time_requests.updated_by IS 'Member id of who approved or rejected the request; NULL while pending.';
COMMENT ON COLUMN webwork.time_requests.created_at IS 'When the request was made.';
COMMENT ON COLUMN webwork.time_requests.updated_at IS 'When the request last changed (e.g. approved).';
COMMENT ON COLUMN webwork.time_requests.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.time_requests._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.time_requests._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.time_requests._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.time_requests._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.timesheet_days
COMMENT ON COLUMN webwork.timesheet_days.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.timesheet_days.timesheet_id IS 'Timesheet (webwork.timesheets.id).';
COMMENT ON COLUMN webwork.timesheet_days.user_id IS 'Member of the timesheet.';
COMMENT ON COLUMN webwork.timesheet_days.date IS 'Day of the breakdown line.';
COMMENT ON COLUMN webwork.timesheet_days.project_id IS 'Project; NULL for time without a project.';
COMMENT ON COLUMN webwork.timesheet_days.project_name IS 'Project name.';
COMMENT ON COLUMN webwork.timesheet_days.contract_id IS 'Contract (webwork.contracts.id); NULL without a project.';
COMMENT ON COLUMN webwork.timesheet_days.total_minutes IS 'Minutes on that day, project and contract.';
COMMENT ON COLUMN webwork.timesheet_days.total_amount IS 'Amount of the line; NULL when rates are not visible.';
COMMENT ON COLUMN webwork.timesheet_days.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.timesheet_days._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.timesheet_days._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.timesheet_days._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.timesheet_days._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.timesheets
COMMENT ON COLUMN webwork.timesheets.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.timesheets.id IS 'Timesheet id (a UUID or an encrypted string, depending on the API revision).';
COMMENT ON COLUMN webwork.timesheets.user_id IS 'Member the timesheet belongs to (webwork.members.id).';
COMMENT ON COLUMN webwork.timesheets.date_from IS 'First day of the pay period.';
COMMENT ON COLUMN webwork.timesheets.date_to IS 'Last day of the pay period (inclusive).';
COMMENT ON COLUMN webwork.timesheets.total_minutes IS 'Time on the timesheet, in minutes.';
COMMENT ON COLUMN webwork.timesheets.total_hours IS 'Time on the timesheet in hours, as the API gives it (some revisions send only hours).';
COMMENT ON COLUMN webwork.timesheets.currency IS 'Currency code of total_amount; NULL when rates are not visible.';
COMMENT ON COLUMN webwork.timesheets.submitted_on IS 'When the member submitted the timesheet; NULL while open.';
COMMENT ON COLUMN webwork.timesheets.reject_reason IS 'Why the timesheet was rejected; NULL unless rejected.';
COMMENT ON COLUMN webwork.timesheets.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.timesheets._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.timesheets._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.timesheets._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.timesheets._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.webhooks
COMMENT ON COLUMN webwork.webhooks.workspace_id IS 'Workspace the row belongs to (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN webwork.webhooks.id IS 'Webhook id (an encoded string).';
COMMENT ON COLUMN webwork.webhooks.url IS 'URL the API posts the subscribed events to.';
COMMENT ON COLUMN webwork.webhooks.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.webhooks._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.webhooks._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.webhooks._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.webhooks._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- webwork.workspaces
COMMENT ON COLUMN webwork.workspaces.id IS 'Workspace id as the API gives it (data[].id of GET /workspaces); equals workspace_id.';
COMMENT ON COLUMN webwork.workspaces.workspace_name IS 'Name of the workspace.';
COMMENT ON COLUMN webwork.workspaces.status IS 'Workspace status: active, inactive, left or unknown.';
COMMENT ON COLUMN webwork.workspaces.created_at IS 'When the workspace was created.';
COMMENT ON COLUMN webwork.workspaces.raw IS 'The source object as the API returned it (for rows cut from a nested array: the element, plus the parent fields the row needs). Fields without a column, and fields the API adds later, are kept here.';
COMMENT ON COLUMN webwork.workspaces._partition IS 'Partition (sync.partitions.partition_key) whose read last returned the row.';
COMMENT ON COLUMN webwork.workspaces._synced_at IS 'When the sync last inserted or changed the row (a re-read that changed nothing leaves it).';
COMMENT ON COLUMN webwork.workspaces._run_id IS 'Run that last inserted or changed the row (sync.runs.run_id).';
COMMENT ON COLUMN webwork.workspaces._deleted_at IS 'Soft delete: when a re-read of the row''s partition no longer returned it. NULL while the row is live; cleared when the row comes back. Filter on _deleted_at IS NULL (the analytics views do).';

-- sync.partition_keys
COMMENT ON COLUMN sync.partition_keys.stream IS 'Stream name.';
COMMENT ON COLUMN sync.partition_keys.workspace_id IS 'Workspace of the partition; 0 for the workspace list (stream workspaces).';
COMMENT ON COLUMN sync.partition_keys.partition_key IS 'Partition being read (as in sync.partitions).';
COMMENT ON COLUMN sync.partition_keys.table_name IS 'webwork table the key belongs to.';
COMMENT ON COLUMN sync.partition_keys.row_key IS 'Primary key of a row returned so far, as text (parts joined by |).';

-- sync.partitions
COMMENT ON COLUMN sync.partitions.stream IS 'Stream name (a catalog entry, e.g. time_entries).';
COMMENT ON COLUMN sync.partitions.workspace_id IS 'Workspace of the partition; 0 for the workspace list (stream workspaces).';

-- sync.planned_partitions
COMMENT ON COLUMN sync.planned_partitions.job_instance_id IS 'Spring Batch job instance the plan belongs to (batch.batch_job_instance).';
COMMENT ON COLUMN sync.planned_partitions.stream IS 'Stream name.';
COMMENT ON COLUMN sync.planned_partitions.seq IS 'Position of the partition in the stream''s read order.';
COMMENT ON COLUMN sync.planned_partitions.workspace_id IS 'Workspace of the partition; 0 for the workspace list (stream workspaces).';
COMMENT ON COLUMN sync.planned_partitions.partition_key IS 'Partition key (as in sync.partitions).';
COMMENT ON COLUMN sync.planned_partitions.params IS 'Query parameters of the partition''s requests, as a query string.';

-- sync.runs
COMMENT ON COLUMN sync.runs.started_at IS 'When the run started.';
COMMENT ON COLUMN sync.runs.ended_at IS 'When the run ended; NULL while running (or after a crash).';

-- sync.streams
COMMENT ON COLUMN sync.streams.stream IS 'Stream name (a catalog entry, e.g. time_entries).';
COMMENT ON COLUMN sync.streams.workspace_id IS 'Workspace of the partition; 0 for the workspace list (stream workspaces).';
COMMENT ON COLUMN sync.streams.last_success_at IS 'When a run last read every partition it had planned for this stream and workspace.';
COMMENT ON COLUMN sync.streams.last_run_id IS 'That run (sync.runs.run_id).';

-- sync.flyway_schema_history: Flyway's own table, in the default schema (spring.flyway.default-schema=sync)
/* [jooq ignore start] */
COMMENT ON TABLE "${flyway:defaultSchema}"."${flyway:table}" IS 'Flyway''s migration history: one row per applied migration of sql/ (shipped as classpath:db/migration). Maintained by Flyway; do not edit.';
COMMENT ON COLUMN "${flyway:defaultSchema}"."${flyway:table}".installed_rank IS 'Order in which the migrations were applied.';
COMMENT ON COLUMN "${flyway:defaultSchema}"."${flyway:table}".version IS 'Migration version (the N of sql/VN__name.sql); NULL for the schema-creation marker.';
COMMENT ON COLUMN "${flyway:defaultSchema}"."${flyway:table}".description IS 'Migration description, from its file name.';
COMMENT ON COLUMN "${flyway:defaultSchema}"."${flyway:table}".type IS 'SQL for a migration script, SCHEMA for the marker row of the schema Flyway created.';
COMMENT ON COLUMN "${flyway:defaultSchema}"."${flyway:table}".script IS 'Migration file name.';
COMMENT ON COLUMN "${flyway:defaultSchema}"."${flyway:table}".checksum IS 'CRC32 of the script: Flyway validates it against the file.';
COMMENT ON COLUMN "${flyway:defaultSchema}"."${flyway:table}".installed_by IS 'Database user that applied it.';
COMMENT ON COLUMN "${flyway:defaultSchema}"."${flyway:table}".installed_on IS 'When it was applied.';
COMMENT ON COLUMN "${flyway:defaultSchema}"."${flyway:table}".execution_time IS 'Milliseconds it took.';
COMMENT ON COLUMN "${flyway:defaultSchema}"."${flyway:table}".success IS 'False when the migration failed.';
/* [jooq ignore stop] */

-- The schemas themselves
COMMENT ON SCHEMA webwork IS 'The synced WebWork data: one table per API resource, every row with its raw JSON and the bookkeeping columns _partition, _synced_at, _run_id and _deleted_at (soft delete).';
COMMENT ON SCHEMA sync IS 'The job''s own state: runs, the partition ledger, per-stream freshness, Flyway''s history. Not for BI users.';
