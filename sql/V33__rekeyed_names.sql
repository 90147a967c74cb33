-- A key rotation re-keys the full-name pseudonyms of expenses (they name the member by full name only) and of
-- leave_balances (which give the same full name with the member's id); the next runs re-read the balances under the
-- new key, and the link from an old expense to its member would be gone. This keeps it, for erase.

CREATE TABLE sync.rekeyed_names (
    workspace_id bigint       NOT NULL,
    user_id      bigint       NOT NULL,
    user_name    varchar(400) NOT NULL,
    PRIMARY KEY (workspace_id, user_id, user_name)
);

COMMENT ON TABLE sync.rekeyed_names IS 'The re-keyed full-name pseudonym of each member as leave_balances held it when a key rotation re-keyed it (docs/privacy.md, key rotation): how erase finds expenses no run has re-read since. Pseudonyms only; erase deletes the person''s rows. Grain: workspace x member x name.';
COMMENT ON COLUMN sync.rekeyed_names.workspace_id IS 'Workspace (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN sync.rekeyed_names.user_id IS 'The member (webwork.members.id).';
COMMENT ON COLUMN sync.rekeyed_names.user_name IS 'The full name''s pseudonym under a rotation''s fallback, e.g. k1>k2:…; re-keyed again by a later rotation.';
