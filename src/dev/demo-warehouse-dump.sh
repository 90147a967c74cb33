#!/usr/bin/env bash
# Dumps the warehouse a demo run builds, every row of every table of schema webwork (history tables included) and
# the ledger, as sorted JSON lines without the columns that differ between two runs of the same data (when a row was
# synced, by which run, when a version became valid). Two dumps of the same SYNC_NOW are equal when two versions of the
# job build the same warehouse: the check that a restructuring changed nothing.
#
#   src/dev/demo-warehouse-dump.sh target/webwork-sync.jar /tmp/after.jsonl   # then: diff /tmp/before.jsonl /tmp/after.jsonl
#
# Needs psql. SYNC_NOW defaults to a fixed instant so that two runs see the same sandbox data.
set -euo pipefail
jar=$(realpath "$1"); out=$(realpath -m "$2")
now=${SYNC_NOW:-2026-12-01T12:00:00Z}
port=${DUMP_PORT:-54399}
work=$(mktemp -d)
cd "$work"
SYNC_NOW=$now WAREHOUSE_EMBEDDED_PORT=$port WAREHOUSE_EMBEDDED_DIRECTORY="$work/warehouse" \
	java -jar "$jar" demo --serve > "$work/demo.log" 2>&1 &
demo=$!
trap 'kill $demo 2>/dev/null; wait $demo 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
	grep -q "serving the warehouse and the sandbox until Ctrl-C" "$work/demo.log" 2>/dev/null && break
	kill -0 $demo 2>/dev/null || { cat "$work/demo.log" >&2; exit 1; }
	sleep 1
done
q() { psql -h 127.0.0.1 -p "$port" -U postgres -At -c "$1"; }
{
	for table in $(q "select table_name from information_schema.tables where table_schema = 'webwork' and table_type = 'BASE TABLE' order by 1"); do
		q "select '$table ' || (to_jsonb(t) - '_synced_at' - '_run_id' - 'valid_from' - 'valid_to' - '_deleted_at'
		   || jsonb_build_object('deleted', t._deleted_at is not null))::text from webwork.$table t" 2>/dev/null ||
		q "select '$table ' || (to_jsonb(t) - '_synced_at' - '_run_id' - 'valid_from' - 'valid_to')::text from webwork.$table t"
	done
	q "select 'sync.partitions ' || jsonb_build_object('stream', stream, 'workspace', workspace_id, 'key', partition_key,
	   'rows', row_count, 'pages', pages, 'source_fingerprint', source_fingerprint)::text from sync.partitions"
} | LC_ALL=C sort > "$out"
echo "$(wc -l < "$out") rows -> $out"
