-- A policy changed on a live warehouse (keep -> pseudonymize, a column to drop): the sync rewrites what is already
-- stored, history included, in place and in batches before it reads anything. sync.privacy_fields is the policy the
-- stored values follow; sync.privacy_rewrites the progress of a rewrite, for status.

CREATE TABLE sync.privacy_fields (
    table_name varchar(64)  NOT NULL,
    field      varchar(200) NOT NULL,
    policy     varchar(20)  NOT NULL,
    key_id     varchar(10),
    changed_at timestamptz  NOT NULL,
    PRIMARY KEY (table_name, field)
);

COMMENT ON TABLE sync.privacy_fields IS 'The privacy policy the stored values of each personal field follow (docs/privacy.md): written once a rewrite to it has finished. A field without a row follows keep. Grain: table x field.';
COMMENT ON COLUMN sync.privacy_fields.table_name IS 'webwork table (its history follows the same policy).';
COMMENT ON COLUMN sync.privacy_fields.field IS 'Personal field: a column, or a path inside raw (member.email), as SYNC_PRIVACY_COLUMNS names it.';
COMMENT ON COLUMN sync.privacy_fields.policy IS 'keep, pseudonymize or drop.';
COMMENT ON COLUMN sync.privacy_fields.key_id IS 'Key id of the pseudonyms under pseudonymize; NULL otherwise. Never the key.';
COMMENT ON COLUMN sync.privacy_fields.changed_at IS 'When the stored values were brought to this policy.';

CREATE TABLE sync.privacy_rewrites (
    relation       varchar(100) NOT NULL PRIMARY KEY,
    rows_total     bigint       NOT NULL,
    rows_checked   bigint       NOT NULL,
    rows_rewritten bigint       NOT NULL,
    started_at     timestamptz  NOT NULL,
    finished_at    timestamptz
);

COMMENT ON TABLE sync.privacy_rewrites IS 'Progress of the last rewrite of each table to a changed privacy policy (status shows it). Grain: table or history table.';
COMMENT ON COLUMN sync.privacy_rewrites.relation IS 'The table rewritten, e.g. webwork.members_history.';
COMMENT ON COLUMN sync.privacy_rewrites.rows_total IS 'Rows the table held when the rewrite started.';
COMMENT ON COLUMN sync.privacy_rewrites.rows_checked IS 'Rows checked so far (committed batch by batch).';
COMMENT ON COLUMN sync.privacy_rewrites.rows_rewritten IS 'Rows whose values changed so far.';
COMMENT ON COLUMN sync.privacy_rewrites.started_at IS 'When the rewrite of the table started.';
COMMENT ON COLUMN sync.privacy_rewrites.finished_at IS 'When it finished; NULL while under way (or stopped: the next run goes on).';
