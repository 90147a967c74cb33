-- A tracker.stopped hint names every day its tracked interval ran on (entries are split at the owner's midnight):
-- the receiver writes a hint row per day, the last 7 at most, so a tracker stopped after midnight re-reads both days.

COMMENT ON COLUMN sync.hints.day IS 'A calendar day of the workspace (owner''s zone) the change touches: a row per day the tracked interval ran on (the last 7 at most), else the day of the event''s time.';
