/* [jooq ignore start] */
-- The planner reads a stream's ledger a slice of days at a time (bounded memory at 2,000 members
-- and three years of history). The day a partition key names: '<user>@2026-01-31' and
-- '2026-01-31' that day, '2026-01' the first of the month, NULL for 'all' and 'project:<id>'.
-- Immutable (make_date, not a text-to-date cast, which depends on DateStyle), so it can be indexed.
CREATE FUNCTION sync.partition_day(partition_key varchar) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT CASE
        WHEN partition_key ~ '(^|@)[0-9]{4}-[0-9]{2}-[0-9]{2}$'
            THEN make_date(substr(right(partition_key, 10), 1, 4)::int, substr(right(partition_key, 10), 6, 2)::int,
                           substr(right(partition_key, 10), 9, 2)::int)
        WHEN partition_key ~ '^[0-9]{4}-[0-9]{2}$'
            THEN make_date(substr(partition_key, 1, 4)::int, substr(partition_key, 6, 2)::int, 1)
    END
$$;
COMMENT ON FUNCTION sync.partition_day(varchar) IS 'The day a partition key names (<user>@<day>, <day>; the first of the month for <yyyy-mm>), NULL for other keys. Indexed on sync.partitions so the planner reads a slice of days of the ledger.';

CREATE INDEX partitions_day_idx ON sync.partitions (stream, workspace_id, sync.partition_day(partition_key));
/* [jooq ignore stop] */
