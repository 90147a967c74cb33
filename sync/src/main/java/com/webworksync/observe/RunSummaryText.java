package com.webworksync.observe;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary at the end of {@code sync}, in the demo's style: the rows each stream wrote and deleted (as
 * {@code sync.runs.rows_by_stream} has them), the run's requests, rate-limit waits, retries and duration (as
 * {@code sync.runs} has them), and what is not synced yet, each with what fixes it.
 */
public final class RunSummaryText {

	/** The heading of the per-stream table; its rows follow, then a total. */
	public static final String STREAMS = "rows written and deleted per stream (sync.runs.rows_by_stream):";
	/** The heading of what the run left out; one entry per {@link Pending}, its fix on the line below. */
	public static final String PENDING = "not synced yet, and what fixes it:";
	public static final String NOTHING_PENDING = "not synced yet: nothing, every stream and workspace of the run is in";
	/** How the line below an entry of {@link #PENDING} starts. */
	public static final String FIX = "    -> ";

	private static final String ROW = "  %-32s %9s %8s %9s %11s%n";
	private static final List<String> COUNTS = List.of("upserted", "deleted", "requests", "partitions");

	private RunSummaryText() {
	}

	public static String render(RunSummary run, List<Pending> pending) {
		StringBuilder out = new StringBuilder("\n").append(STREAMS).append('\n');
		out.append(String.format(Locale.ROOT, ROW, "stream", "upserted", "deleted", "requests", "partitions"));
		long[] total = new long[COUNTS.size()];
		for (Map.Entry<String, Map<String, Long>> stream : run.byStream().entrySet()) {
			Object[] cells = new Object[COUNTS.size() + 1];
			cells[0] = stream.getKey();
			for (int i = 0; i < COUNTS.size(); i++) {
				long value = stream.getValue().getOrDefault(COUNTS.get(i), 0L);
				total[i] += value;
				cells[i + 1] = Long.toString(value);
			}
			out.append(String.format(Locale.ROOT, ROW, cells));
		}
		out.append(String.format(Locale.ROOT, ROW, "total", total[0], total[1], total[2], total[3]));
		out.append(String.format(Locale.ROOT, "%nthis run inserted or changed %d rows and marked %d deleted%n", total[0],
				total[1]));
		out.append(String.format(Locale.ROOT, "%nrun %d: %s, exit code %d, %d requests, %d rate-limit waits, %d retries, %.1f s%n",
				run.runId(), run.status().name().toLowerCase(Locale.ROOT), run.exitCode(), run.requests(), run.waits(),
				run.retries(), run.duration().toMillis() / 1000.0));
		if (pending.isEmpty()) {
			out.append('\n').append(NOTHING_PENDING).append('\n');
		}
		else {
			out.append('\n').append(PENDING).append('\n');
			for (Pending item : pending) {
				out.append("  ").append(item.what()).append('\n').append(FIX).append(item.fix()).append('\n');
			}
		}
		return out.toString();
	}
}
