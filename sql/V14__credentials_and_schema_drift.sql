-- OAuth2 credentials that rotate (a refresh token is single-use): the newest one is kept here,
-- encrypted with WEBWORK_CREDENTIALS_KEY (AES-256-GCM), one row per connection. The row is
-- locked (pg_advisory_xact_lock) while its token is exchanged, so pods and shards that refresh
-- at the same time never spend the same refresh token twice.
CREATE TABLE sync.credentials (
    connection               varchar(40)  NOT NULL PRIMARY KEY,
    grant_type               varchar(30)  NOT NULL,
    seed_fingerprint         varchar(64)  NOT NULL,
    refresh_token            varchar(4000),
    refresh_token_issued_at  timestamptz,
    refresh_token_expires_at timestamptz,
    access_token             varchar(8000),
    access_token_expires_at  timestamptz,
    rotations                integer      NOT NULL DEFAULT 0,
    updated_at               timestamptz  NOT NULL
);
COMMENT ON TABLE sync.credentials IS 'OAuth2 tokens per connection, as the token endpoint last issued them: the newest (rotated) refresh token and the current access token, both encrypted (AES-256-GCM with WEBWORK_CREDENTIALS_KEY), with their issue and expiry times. Once a row exists its refresh token is used instead of the configured one.';
COMMENT ON COLUMN sync.credentials.connection IS 'Connection name: ''default'' for WEBWORK_OAUTH_*, else WEBWORK_CONNECTIONS_<i>_NAME.';
COMMENT ON COLUMN sync.credentials.grant_type IS 'refresh_token (WEBWORK_OAUTH_REFRESH_TOKEN given) or client_credentials (none given).';
COMMENT ON COLUMN sync.credentials.seed_fingerprint IS 'HMAC-SHA256 (keyed with WEBWORK_CREDENTIALS_KEY) of the configured client id and refresh token the chain started from. When the configured refresh token changes (re-authorized), a new chain starts from it. Not reversible.';
COMMENT ON COLUMN sync.credentials.refresh_token IS 'The newest refresh token, encrypted: v1:<base64 of 12-byte IV + AES-GCM ciphertext>. NULL for client_credentials.';
COMMENT ON COLUMN sync.credentials.refresh_token_issued_at IS 'When the token endpoint issued the stored refresh token.';
COMMENT ON COLUMN sync.credentials.refresh_token_expires_at IS 'When the stored refresh token expires: the token response''s refresh_token_expires_in, else the documented 30 days from issue (assumption C14). After it the connection needs a new authorization.';
COMMENT ON COLUMN sync.credentials.access_token IS 'The current access token, encrypted like refresh_token; reused by every run and pod until shortly before it expires.';
COMMENT ON COLUMN sync.credentials.access_token_expires_at IS 'When the current access token expires (issue time + expires_in).';
COMMENT ON COLUMN sync.credentials.rotations IS 'Token exchanges made since the chain started.';
COMMENT ON COLUMN sync.credentials.updated_at IS 'When the row was last written (the last exchange).';

-- What the API returned compared with the typed columns: fields it added, documented fields that
-- stopped arriving, and fields whose JSON type changed. One row per finding; first and last seen.
CREATE TABLE sync.schema_drift (
    stream       varchar(64)  NOT NULL,
    table_name   varchar(64)  NOT NULL,
    field        varchar(200) NOT NULL,
    kind         varchar(10)  NOT NULL,
    json_type    varchar(10),
    column_type  varchar(40),
    first_seen   timestamptz  NOT NULL,
    last_seen    timestamptz  NOT NULL,
    first_run_id bigint       NOT NULL,
    last_run_id  bigint       NOT NULL,
    PRIMARY KEY (stream, table_name, field, kind)
);
COMMENT ON TABLE sync.schema_drift IS 'Schema drift: per stream and table, each field the API added (not a typed column: it is kept in raw only), each documented field (typed column) that stopped arriving, and each field whose JSON type no longer fits its typed column (the column gets NULL, the value stays in raw). One row per finding, logged once as a WARN when first found.';
COMMENT ON COLUMN sync.schema_drift.stream IS 'The stream (SYNC_STREAMS name) whose responses showed the finding.';
COMMENT ON COLUMN sync.schema_drift.table_name IS 'The webwork table the rows land in.';
COMMENT ON COLUMN sync.schema_drift.field IS 'The API field (top level of the row as mapped), which is also the typed column''s name for missing and retyped.';
COMMENT ON COLUMN sync.schema_drift.kind IS 'added: returned but no typed column; missing: a typed column whose field was absent from every row of a page; retyped: its JSON type does not fit the column.';
COMMENT ON COLUMN sync.schema_drift.json_type IS 'JSON type of an example value as last seen: string, number, boolean, object, array or null. NULL for missing. Values themselves are never stored here.';
COMMENT ON COLUMN sync.schema_drift.column_type IS 'The typed column''s SQL type (missing, retyped); NULL for added.';
COMMENT ON COLUMN sync.schema_drift.first_seen IS 'When a run first saw the finding.';
COMMENT ON COLUMN sync.schema_drift.last_seen IS 'When a run last saw it (updated once per run).';
COMMENT ON COLUMN sync.schema_drift.first_run_id IS 'The run (sync.runs.run_id) that first saw it.';
COMMENT ON COLUMN sync.schema_drift.last_run_id IS 'The run that last saw it.';
