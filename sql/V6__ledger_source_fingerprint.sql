-- Change detection: what the cheap reports said about a partition when it was last read.
ALTER TABLE sync.partitions ADD COLUMN source_fingerprint varchar(32);
COMMENT ON COLUMN sync.partitions.source_fingerprint IS 'Fingerprint of what the window reports (tracked hours, tasks, activity descriptions) said about this partition when it was read; the planner re-reads the partition only when today''s reports say something else (or to re-verify). NULL: no time reported.';
CREATE INDEX partitions_oldest_first ON sync.partitions (stream, workspace_id, fetched_at);
