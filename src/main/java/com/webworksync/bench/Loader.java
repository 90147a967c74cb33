package com.webworksync.bench;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.postgresql.PGConnection;

import com.webworksync.config.PrivacyKey;
import com.webworksync.config.PrivacyPolicy;
import com.webworksync.privacy.Erased;
import com.webworksync.privacy.PrivacySettings;
import com.webworksync.privacy.RowPrivacy;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.Partition;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.FetchedPage;
import com.webworksync.warehouse.Ledger;
import com.webworksync.warehouse.PartitionWriter;
import com.webworksync.warehouse.SchemaDrift;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warehouse writer against a plain COPY of the same rows: the writer loads the backfilled
 * time entries again (as a new workspace, so every row is an insert) in full API pages of 50, each
 * page a partition in its own transaction (upsert, soft-delete check, ledger entry), as the job
 * writes a page; COPY loads the same rows into a scratch table. The privacy cost is the writer's rows per second with
 * every personal field pseudonymized over the same with keep: after a first keep pass (the writer's figure, and its
 * warm-up), keep and pseudonymize alternated, four passes each, the fastest pass of each compared (so neither a warmer
 * pass nor a neighbour's load decides it, and neither writer gets more tries than the other).
 */
final class Loader {

	private static final long SCRATCH_WORKSPACE = 999_999_999L;
	/** Passes of each writer for privacy_cost. */
	private static final int PRIVACY_PASSES = 4;

	/** Not a secret: the bench's own key, to measure the cost of an HMAC per value. */
	private static final String BENCH_KEY = "bench:" + Base64.getEncoder().encodeToString(new byte[32]);

	record Result(long rows, double writerRowsPerSecond, double copyRowsPerSecond, double privacyCost) {
		double ratio() {
			return writerRowsPerSecond / copyRowsPerSecond;
		}
	}

	private Loader() {
	}

	static Result compare(DSLContext dsl, PartitionWriter writer, PartitionWriter pseudonymizing, Catalog catalog)
			throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		StreamDef stream = catalog.get("time_entries");
		List<JsonNode> items = new ArrayList<>();
		for (var record : dsl.fetch("select raw::text from webwork.time_entries where _deleted_at is null order by user_id, date")) {
			items.add(json.readTree(record.get(0, String.class)));
		}
		long rows = items.size();
		double writerSeconds = write(dsl, writer, stream, items);
		// keep and pseudonymize alternated, as many passes each, which goes first alternating too, the fastest pass of
		// each: on shared cores a pass can be slowed by others. The first pass above warms the writer and is not one.
		double keepSeconds = Double.MAX_VALUE;
		double pseudonymizingSeconds = Double.MAX_VALUE;
		for (int pass = 0; pass < PRIVACY_PASSES; pass++) {
			for (boolean pseudonymize : pass % 2 == 0 ? new boolean[] { true, false } : new boolean[] { false, true }) {
				cleanUp(dsl);
				double seconds = write(dsl, pseudonymize ? pseudonymizing : writer, stream, items);
				if (pseudonymize) {
					pseudonymizingSeconds = Math.min(pseudonymizingSeconds, seconds);
				}
				else {
					keepSeconds = Math.min(keepSeconds, seconds);
				}
			}
		}
		double privacyCost = keepSeconds / pseudonymizingSeconds;

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
			return new Result(rows, rows / writerSeconds, rows / copySeconds, privacyCost);
		}
		finally {
			dsl.execute("drop table webwork.bench_scratch");
			cleanUp(dsl);
		}
	}

	/** A writer like the job's, with every personal field pseudonymized under the bench's key. */
	static PartitionWriter pseudonymizing(DSLContext dsl, Clock clock, SchemaDrift drift, Ledger ledger) {
		PrivacySettings settings = new PrivacySettings(PrivacyPolicy.PSEUDONYMIZE, Map.of(), PrivacyKey.parse(BENCH_KEY, "bench"));
		return new PartitionWriter(dsl, clock, drift, ledger, new RowPrivacy(settings, Erased.NOBODY));
	}

	/** The items written as the job writes them, a page of 50 a partition, each in its own transaction: seconds. */
	private static double write(DSLContext dsl, PartitionWriter writer, StreamDef stream, List<JsonNode> items) {
		long started = System.nanoTime();
		for (int from = 0; from < items.size(); from += 50) {
			List<JsonNode> page = items.subList(from, Math.min(items.size(), from + 50));
			Partition partition = Partition.of(SCRATCH_WORKSPACE, "bench:" + from);
			dsl.transaction(tx -> writer.write(stream, new FetchedPage(partition, 1, page, true, 1, 1), -1, p -> null));
		}
		return (System.nanoTime() - started) / 1e9;
	}

	private static void cleanUp(DSLContext dsl) {
		dsl.execute("delete from webwork.time_entries where workspace_id = " + SCRATCH_WORKSPACE);
		dsl.execute("delete from sync.partitions where workspace_id = " + SCRATCH_WORKSPACE);
	}
}
