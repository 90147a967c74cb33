package com.webworksync.job;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.webworksync.config.Variables;
import com.webworksync.plan.DayRange;
import com.webworksync.plan.RunWindow;

/**
 * A run's window as Spring Batch job parameters: a restart gets the same parameters back, and
 * so the same plan. {@code run.at} identifies the run; the rest rides along.
 */
public final class RunParameters {

	static final String RUN_AT = "run.at";
	static final String FROM = "from";
	static final String TO = "to";
	static final String LOOKBACK = "lookback.days";
	static final String STREAMS = "streams";
	static final String COMMAND = "command";
	static final String VERIFY_SHARE = "verify.share";
	static final String SWEEP = "sweep";
	static final String HISTORY = "history";
	/** A refresh: every partition in range read, change detection off ({@link RunWindow#rereadAll()}). */
	static final String REREAD_ALL = "reread.all";
	static final String WORKSPACES = "workspaces";
	/** A hint run: the newest hint it serves ({@link RunWindow#hintsUpTo()}). */
	static final String HINTS_UP_TO = "hints.up-to";
	/** Spring Batch keeps a parameter in 2,500 characters: the sweep of the most overdue workspaces fits, and the chunks of history of some 80 workspaces. */
	private static final int PARAMETER_CHARACTERS = 2_400;

	private RunParameters() {
	}

	public static JobParameters of(RunWindow window, String command) {
		JobParametersBuilder builder = new JobParametersBuilder().addString(RUN_AT, window.runAt().toString(), true)
			.addString(LOOKBACK, Integer.toString(window.lookbackDays()), false)
			.addString(STREAMS, String.join(",", window.streams()), false)
			.addString(COMMAND, command, false)
			.addString(VERIFY_SHARE, Double.toString(window.verifyShare()), false)
			.addString(SWEEP, sweep(window.sweep()), false)
			.addString(HISTORY, history(window.history()), false)
			.addString(REREAD_ALL, Boolean.toString(window.rereadAll()), false)
			.addString(WORKSPACES, window.workspaces().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")),
					false)
			.addString(HINTS_UP_TO, Long.toString(window.hintsUpTo()), false);
		if (window.backfillFrom() != null) {
			builder.addString(FROM, window.backfillFrom().toString(), true);
		}
		if (window.backfillTo() != null) {
			builder.addString(TO, window.backfillTo().toString(), true);
		}
		return builder.toJobParameters();
	}

	public static RunWindow window(JobParameters parameters) {
		String from = parameters.getString(FROM);
		String to = parameters.getString(TO);
		return new RunWindow(Instant.parse(parameters.getString(RUN_AT)), from == null ? null : LocalDate.parse(from),
				to == null ? null : LocalDate.parse(to), Integer.parseInt(parameters.getString(LOOKBACK)),
				split(parameters.getString(STREAMS)).collect(Collectors.toSet()),
				verifyShare(parameters.getString(VERIFY_SHARE)), sweep(parameters.getString(SWEEP, "")),
				history(parameters.getString(HISTORY, "")), Boolean.parseBoolean(parameters.getString(REREAD_ALL, "false")),
				split(parameters.getString(WORKSPACES)).map(Long::valueOf).collect(Collectors.toSet()),
				Long.parseLong(parameters.getString(HINTS_UP_TO, "0")));
	}

	/** The run's kind, as its metrics are grouped: {@code hints}, {@code refresh} or {@code sync}. */
	public static String kind(JobParameters parameters) {
		if (Long.parseLong(parameters.getString(HINTS_UP_TO, "0")) > 0) {
			return "hints";
		}
		return Boolean.parseBoolean(parameters.getString(REREAD_ALL, "false")) ? "refresh" : "sync";
	}

	/** A run started before the share rode along (restarted now) gets the declared default. */
	private static double verifyShare(String given) {
		return given == null ? Variables.VERIFY_SHARE.defaultValue() : Double.parseDouble(given);
	}

	/** {@code 12:2026-07,2026-08;13:2025-01}: workspace, then its months (a run's sweep rides along like its window). */
	static String sweep(Map<Long, List<YearMonth>> sweep) {
		StringBuilder text = new StringBuilder();
		for (Map.Entry<Long, List<YearMonth>> workspace : new TreeMap<>(sweep).entrySet()) {
			if (workspace.getValue().isEmpty()) {
				continue;
			}
			String one = workspace.getKey() + ":"
					+ workspace.getValue().stream().map(YearMonth::toString).collect(Collectors.joining(","));
			if (text.length() + one.length() + 1 > PARAMETER_CHARACTERS) {
				break; // the rest waits for the next run, still least recently checked
			}
			text.append(text.isEmpty() ? "" : ";").append(one);
		}
		return text.toString();
	}

	public static Map<Long, List<YearMonth>> sweep(String text) {
		Map<Long, List<YearMonth>> sweep = new LinkedHashMap<>();
		for (String workspace : text.split(";")) {
			int colon = workspace.indexOf(':');
			if (colon > 0) {
				sweep.put(Long.valueOf(workspace.substring(0, colon)),
						split(workspace.substring(colon + 1)).map(YearMonth::parse).toList());
			}
		}
		return sweep;
	}

	/**
	 * {@code 12:2025-09-01..2025-10-31;13:…}: workspace, then the chunk of history it backfills. One chunk is some
	 * 30 characters: a parameter's 2,500 hold some 80 workspaces; the others' chunks wait for the next run.
	 */
	static String history(Map<Long, DayRange> history) {
		StringBuilder text = new StringBuilder();
		for (Map.Entry<Long, DayRange> chunk : new TreeMap<>(history).entrySet()) {
			String one = chunk.getKey() + ":" + chunk.getValue();
			if (text.length() + one.length() + 1 > PARAMETER_CHARACTERS) {
				break;
			}
			text.append(text.isEmpty() ? "" : ";").append(one);
		}
		return text.toString();
	}

	static Map<Long, DayRange> history(String text) {
		Map<Long, DayRange> history = new LinkedHashMap<>();
		for (String chunk : text.split(";")) {
			int colon = chunk.indexOf(':');
			if (colon > 0) {
				history.put(Long.valueOf(chunk.substring(0, colon)), DayRange.parse(chunk.substring(colon + 1)));
			}
		}
		return history;
	}

	public static String command(JobParameters parameters) {
		String command = parameters.getString(COMMAND);
		return command == null ? "sync" : command;
	}

	private static Stream<String> split(String list) {
		return list == null || list.isBlank() ? Stream.empty()
				: Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty());
	}
}
