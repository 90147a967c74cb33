package com.webworksync.bench;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.postgresql.PGConnection;

import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.FetchedPage;
import com.webworksync.warehouse.PartitionWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warehouse writer against a plain COPY of the same rows: the writer loads the backfilled
 * time entries again (as a new workspace, so every row is an insert) in full API pages of 50, each
 * page a partition in its own transaction (upsert, soft-delete check, ledger entry), as the job
 * writes a page; COPY loads the same rows into a scratch table.
 */
final class Loader {

	private static final long SCRATCH_WORKSPACE = 999_999_999L;

	record Result(long rows, double writerRowsPerSecond, double copyRowsPerSecond) {
		double ratio() {
			return writerRowsPerSecond / copyRowsPerSecond;
		}
	}

	private Loader() {
	}

	static Result compare(DSLContext dsl, PartitionWriter writer, Catalog catalog) throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		StreamDef stream = catalog.get("time_entries");
		List<JsonNode> items = new ArrayList<>();
		for (var record : dsl.fetch("select raw::text from webwork.time_entries where _deleted_at is null order by user_id, date")) {
			items.add(json.readTree(record.get(0, String.class)));
		}
		long rows = items.size();
		long started = System.nanoTime();
		for (int from = 0; from < items.size(); from += 50) {
			List<JsonNode> page = items.subList(from, Math.min(items.size(), from + 50));
			Partition partition = Partition.of(SCRATCH_WORKSPACE, "bench:" + from);
			dsl.transaction(tx -> writer.write(stream, new FetchedPage(partition, 1, page, true, 1, 1), -1, p -> null));
		}
		double writerSeconds = (System.nanoTime() - started) / 1e9;

		dsl.execute("create table webwork.bench_scratch (like webwork.time_entries)");
		try {
			StringWriter csv = new StringWriter();
			dsl.connection(c -> c.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyOut("copy (select * from webwork.time_entries where workspace_id = " + SCRATCH_WORKSPACE
						+ ") to stdout with (format csv)", csv));
			long copyStarted = System.nanoTime();
			dsl.connection(c -> c.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy webwork.bench_scratch from stdin with (format csv)", new StringReader(csv.toString())));
			double copySeconds = (System.nanoTime() - copyStarted) / 1e9;
			return new Result(rows, rows / writerSeconds, rows / copySeconds);
		}
		finally {
			dsl.execute("drop table webwork.bench_scratch");
			dsl.execute("delete from webwork.time_entries where workspace_id = " + SCRATCH_WORKSPACE);
			dsl.execute("delete from sync.partitions where workspace_id = " + SCRATCH_WORKSPACE);
		}
	}
}
