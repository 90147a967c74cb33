-- Many tokens: each workspace remembers the connection (named token) whose workspace list
-- returned it; every later partition of the workspace is read with that connection's token.
-- Rows written before connections existed came from WEBWORK_API_TOKEN, the connection 'default'.
ALTER TABLE webwork.workspaces ADD COLUMN connection text NOT NULL DEFAULT 'default';

COMMENT ON COLUMN webwork.workspaces.connection IS 'Name of the connection (token) that lists and syncs the workspace: ''default'' for WEBWORK_API_TOKEN, else WEBWORK_CONNECTIONS_<i>_NAME. A workspace two connections can read is synced once, by the first name in alphabetical order. Never the token itself.';
