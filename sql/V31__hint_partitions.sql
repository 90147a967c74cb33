-- What each hint asks to be read: one row per hint and partition, written when a hint run plans
-- it. A partition's last page marks its rows read (in that page's transaction); a hint whose
-- partitions are all read is consumed in the same transaction, with the rows it brought.
CREATE TABLE sync.hint_partitions (
    hint_id       bigint       NOT NULL,
    stream        varchar(64)  NOT NULL,
    workspace_id  bigint       NOT NULL,
    partition_key varchar(64)  NOT NULL,
    read_run      bigint,
    PRIMARY KEY (hint_id, stream, partition_key)
);
COMMENT ON TABLE sync.hint_partitions IS 'The partitions a hint names, per stream: a hint run reads them; the run that completes the last one consumes the hint (sync.hints.consumed_at) in that transaction.';
COMMENT ON COLUMN sync.hint_partitions.hint_id IS 'The hint (sync.hints.hint_id).';
COMMENT ON COLUMN sync.hint_partitions.stream IS 'The stream to read.';
COMMENT ON COLUMN sync.hint_partitions.workspace_id IS 'The hint''s workspace.';
COMMENT ON COLUMN sync.hint_partitions.partition_key IS 'The partition''s key as the ledger writes it (a member-day userId@date, a date, a project, all).';
COMMENT ON COLUMN sync.hint_partitions.read_run IS 'The run whose read of the partition completed after the hint was planned; NULL while it is not read.';

/* [jooq ignore start] */
CREATE INDEX hint_partitions_unread ON sync.hint_partitions (workspace_id, stream, partition_key) WHERE read_run IS NULL;
/* [jooq ignore stop] */
