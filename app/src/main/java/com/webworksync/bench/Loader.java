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
 * warm-up), the two writers page by page, each into its own workspace, which goes first alternating, twice over the
 * items, their times summed (so a neighbour's load on the shared cores falls on both alike).
 */
final class Loader {

	private static final long SCRATCH_WORKSPACE = 999_999_999L;
	/** Passes over the items for privacy_cost, each writing every page with both writers. */
	private static final int PRIVACY_PASSES = 2;

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
		double writerSeconds = write(dsl, writer, stream, items, SCRATCH_WORKSPACE, 0);
		double copySeconds;
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
			copySeconds = (System.nanoTime() - copyStarted) / 1e9;
		}
		finally {
			dsl.execute("drop table webwork.bench_scratch");
			cleanUp(dsl);
		}

		// the privacy cost: the two writers page by page, each into a workspace of its own, which writes a page first
		// alternating, their times summed: on shared cores a neighbour's load falls on both alike, as a pass-long
		// stall on one writer alone would not. The first pass above warmed the writer.
		double[] seconds = new double[2]; // keep, pseudonymize
		try {
			for (int pass = 0; pass < PRIVACY_PASSES; pass++) {
				for (int from = 0, page = 0; from < items.size(); from += 50, page++) {
					List<JsonNode> one = items.subList(from, Math.min(items.size(), from + 50));
					boolean pseudonymizeFirst = (page + pass) % 2 == 0;
					for (int turn = 0; turn < 2; turn++) {
						boolean pseudonymize = pseudonymizeFirst == (turn == 0);
						seconds[pseudonymize ? 1 : 0] += write(dsl, pseudonymize ? pseudonymizing : writer, stream, one,
								pseudonymize ? SCRATCH_WORKSPACE + 1 : SCRATCH_WORKSPACE, from);
					}
				}
				cleanUp(dsl);
			}
		}
		finally {
			cleanUp(dsl);
		}
		return new Result(rows, rows / writerSeconds, rows / copySeconds, seconds[0] / seconds[1]);
	}

	/** A writer like the job's, with every personal field pseudonymized under the bench's key. */
	static PartitionWriter pseudonymizing(DSLContext dsl, Clock clock, SchemaDrift drift, Ledger ledger) {
		PrivacySettings settings = new PrivacySettings(PrivacyPolicy.PSEUDONYMIZE, Map.of(), PrivacyKey.parse(BENCH_KEY, "bench"));
		return new PartitionWriter(dsl, clock, drift, ledger, new RowPrivacy(settings, Erased.NOBODY));
	}

	/**
	 * The items written as the job writes them, a page of 50 a partition, each in its own transaction, into
	 * {@code workspace}; {@code offset} names the partitions: seconds.
	 */
	private static double write(DSLContext dsl, PartitionWriter writer, StreamDef stream, List<JsonNode> items, long workspace,
			int offset) {
		long started = System.nanoTime();
		for (int from = 0; from < items.size(); from += 50) {
			List<JsonNode> page = items.subList(from, Math.min(items.size(), from + 50));
			Partition partition = Partition.of(workspace, "bench:" + (offset + from));
			dsl.transaction(tx -> writer.write(stream, new FetchedPage(partition, 1, page, true, 1, 1), -1, p -> null));
		}
		return (System.nanoTime() - started) / 1e9;
	}

	private static void cleanUp(DSLContext dsl) {
		dsl.execute("delete from webwork.time_entries where workspace_id in (" + SCRATCH_WORKSPACE + ", " + (SCRATCH_WORKSPACE + 1) + ")");
		dsl.execute("delete from sync.partitions where workspace_id in (" + SCRATCH_WORKSPACE + ", " + (SCRATCH_WORKSPACE + 1) + ")");
	}
}
