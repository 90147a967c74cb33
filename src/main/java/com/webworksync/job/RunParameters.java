package com.webworksync.job;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

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
	static final String WORKSPACES = "workspaces";
	static final String COMMAND = "command";
	static final String VERIFY_SHARE = "verify.share";

	private RunParameters() {
	}

	public static JobParameters of(RunWindow window, String command) {
		JobParametersBuilder builder = new JobParametersBuilder().addString(RUN_AT, window.runAt().toString(), true)
			.addString(LOOKBACK, Integer.toString(window.lookbackDays()), false)
			.addString(STREAMS, String.join(",", window.streams()), false)
			.addString(WORKSPACES, window.workspaceIds().stream().map(String::valueOf).collect(Collectors.joining(",")), false)
			.addString(COMMAND, command, false)
			.addString(VERIFY_SHARE, Double.toString(window.verifyShare()), false);
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
				split(parameters.getString(WORKSPACES)).map(Long::valueOf).toList(),
				Double.parseDouble(parameters.getString(VERIFY_SHARE, "0.1")));
	}

	public static String command(JobParameters parameters) {
		String command = parameters.getString(COMMAND);
		return command == null ? "sync" : command;
	}

	private static java.util.stream.Stream<String> split(String list) {
		return list == null || list.isBlank() ? java.util.stream.Stream.empty()
				: Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty());
	}
}
