-- Issue 19: one plan queue. Every run, pooled or not, plans each stream into sync.pool_plans and
-- sync.pool_partitions (one queue per stream and workspace) and every connection's worker claims its
-- workspaces' partitions there; the checkpoint is the queue row, committed with each page's rows.
-- The plain path's plan tables go. One-way: a run waiting to be resumed in sync.planned_partitions
-- loses its plan; the next run plans afresh, and the ledger (sync.partitions) skips every partition
-- that run completed (see docs/reliability.md, "Upgrading to one plan queue").
DROP TABLE sync.planned_partitions;
DELETE FROM sync.planned_streams;
ALTER TABLE sync.planned_streams DROP COLUMN partitions;
COMMENT ON TABLE sync.planned_streams IS 'Which streams a run (a job instance) has planned into sync.pool_plans, written with its last workspace''s plan, so a restart joins its plans instead of planning again (an empty plan included); deleted when the run ends.';

COMMENT ON TABLE sync.pool_plans IS 'One plan per stream and workspace: made by the first run (or pod) to get there, joined by the others while it is open; a workspace list''s plan (workspace 0) is its run''s own.';
COMMENT ON COLUMN sync.pool_plans.workspace_id IS 'The workspace; 0 for the workspace lists (stream workspaces).';
COMMENT ON TABLE sync.pool_partitions IS 'The queue of a plan: partitions in read order (freshest first), each with the page to ask next (the checkpoint). Emptied when the plan closes.';

-- The claim statement walks the undone partitions in read order, (seq, plan_id) from the worker's
-- cursor: without this index it sorted the whole queue on every claim (2.2 s per claim over a
-- 2,000-member x 1,095-day backfill), with it 0.1-1 ms (docs/performance-sql.md).
/* [jooq ignore start] */
CREATE INDEX pool_partitions_undone_idx ON sync.pool_partitions (seq, plan_id) WHERE NOT done;
/* [jooq ignore stop] */
