-- The hinted partitions a running run serves between its own (docs/guide/webhooks.md): they wait in plans of their
-- own, one per stream and workspace, which only that run works and which no planning joins or supersedes.
ALTER TABLE sync.pool_plans ADD COLUMN hints boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN sync.pool_plans.hints IS 'A running run''s plan of the partitions the hints that arrived during it name (read ahead of its own partitions); false for the plans the planner makes.';
