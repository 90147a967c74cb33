-- The ledger kept an md5 of a partition's live rows, computed one way for a one-page partition (in Java) and another
-- for a multi-page one (in the database), so the same rows could get two values; nothing read it. What a read
-- returned is known from the rows themselves, and the planner's change detection uses source_fingerprint, which stays.
ALTER TABLE sync.partitions DROP COLUMN fingerprint;
