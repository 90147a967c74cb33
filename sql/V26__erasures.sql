-- Erasure requests (erase --member / --viewer): one audit row per person and workspace, written in the same
-- transaction as the scrub. It names the person by id only and counts what was scrubbed; no personal value.
-- Every later run reads it: an erased person's fields stay scrubbed whatever SYNC_PRIVACY says.

CREATE TABLE sync.erasures (
    workspace_id  bigint       NOT NULL,
    person_id     bigint       NOT NULL,
    requested_as  varchar(10)  NOT NULL,
    erased_at     timestamptz  NOT NULL,
    values_erased bigint       NOT NULL,
    tables        jsonb        NOT NULL,
    last_erased_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, person_id)
);

COMMENT ON TABLE sync.erasures IS 'People erased with the erase command (docs/privacy.md): their personal fields are scrubbed from every table, history and raw JSON included, and stay scrubbed on every later read. Grain: workspace x person. Holds no personal value.';
COMMENT ON COLUMN sync.erasures.workspace_id IS 'Workspace the person was erased in (webwork.workspaces.workspace_id).';
COMMENT ON COLUMN sync.erasures.person_id IS 'The member''s (or project viewer''s: the same id) user id.';
COMMENT ON COLUMN sync.erasures.requested_as IS 'member or viewer: the option the erasure was asked with (--member or --viewer).';
COMMENT ON COLUMN sync.erasures.erased_at IS 'When the first erasure of the person in the workspace committed.';
COMMENT ON COLUMN sync.erasures.values_erased IS 'How many stored values (a column of a row, or a field inside raw) the erasures scrubbed, all of them together.';
COMMENT ON COLUMN sync.erasures.tables IS 'Values scrubbed per table, e.g. {"webwork.members": 6, "webwork.members_history": 6}, all the erasures together. Counts only.';
COMMENT ON COLUMN sync.erasures.last_erased_at IS 'When an erasure of the person in the workspace last committed (a repeated erase scrubs what came since, usually nothing).';
