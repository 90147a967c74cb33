-- The V14 comment cited a label of a planning document that is not in the repository; say what it means instead.
COMMENT ON COLUMN sync.credentials.refresh_token_expires_at IS 'When the stored refresh token expires: the token response''s refresh_token_expires_in, else the documented 30 days from issue. After it the connection needs a new authorization.';
