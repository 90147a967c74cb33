package com.webworksync.config;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The command line: {@code [sync|plan|status|demo|sandbox] [--from=YYYY-MM-DD [--to=YYYY-MM-DD]] [--help]}.
 * Without a command it syncs when a token is configured and runs the demo otherwise.
 */
public record Command(String name, LocalDate from, LocalDate to, boolean help, boolean serve, boolean json) {

	public static final List<String> NAMES = List.of("sync", "plan", "status", "demo", "sandbox", "bench", "help");

	public static Command parse(String[] args, boolean tokenConfigured, Clock clock) {
		String name = null;
		String from = null;
		String to = null;
		boolean help = false;
		boolean serve = false;
		boolean json = false;
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
				help = true;
			}
			else if (arg.startsWith("--from=")) {
				from = arg.substring("--from=".length());
			}
			else if (arg.startsWith("--to=")) {
				to = arg.substring("--to=".length());
			}
			else if (arg.equals("--serve")) {
				serve = true;
			}
			else if (arg.equals("--json")) {
				json = true;
			}
			else if (arg.startsWith("--")) {
				continue; // a Spring property such as --warehouse.url=…, or a bench option
			}
			else if (name == null) {
				if (!NAMES.contains(arg)) {
					throw new ConfigurationException("unknown command '" + arg + "'; commands: sync, plan, status, demo, sandbox (see --help)");
				}
				name = arg;
			}
			else {
				throw new ConfigurationException("unexpected argument '" + arg + "' (see --help)");
			}
		}
		if (name == null || name.equals("help")) {
			name = tokenConfigured ? "sync" : "demo";
		}
		LocalDate fromDate = date(from, "--from");
		LocalDate toDate = date(to, "--to");
		if (toDate != null && fromDate == null) {
			throw new ConfigurationException("--to needs --from: sync --from=YYYY-MM-DD [--to=YYYY-MM-DD]");
		}
		LocalDate latestToday = LocalDate.now(clock.withZone(ZoneOffset.ofHours(14))); // the latest "today" on earth
		if (fromDate != null) {
			if (toDate == null) {
				toDate = latestToday;
			}
			if (fromDate.isAfter(latestToday)) {
				throw new ConfigurationException("--from=" + fromDate + " is in the future: nothing to backfill");
			}
			if (fromDate.isAfter(toDate)) {
				throw new ConfigurationException("--from=" + fromDate + " is after --to=" + toDate + ": swap them");
			}
			if (!name.equals("sync") && !name.equals("plan") && !name.equals("demo")) {
				throw new ConfigurationException("--from only goes with sync, plan or demo");
			}
		}
		return new Command(name, fromDate, toDate, help, serve, json);
	}

	private static LocalDate date(String text, String option) {
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new ConfigurationException(option + " must be a date as YYYY-MM-DD, got '" + text + "'");
		}
	}

	/** How the run shows up in sync.runs. */
	public String text() {
		return name + (from == null ? "" : " --from=" + from + " --to=" + to);
	}

	public static String usage() {
		return """
				webwork-sync: copies a WebWork Tracker workspace (REST API V2) into PostgreSQL.

				Usage: java -jar target/webwork-sync.jar [command] [options]

				Commands:
				  sync                      incremental sync of every enabled stream (default when a token is set)
				  sync --from=YYYY-MM-DD [--to=YYYY-MM-DD]
				                            also backfill that range (resumable)
				  plan [--json]             what the next run would read: partitions, requests and ETA per stream (no API calls)
				  status                    the last runs and each stream's freshness per workspace, from the warehouse (no API calls)
				  demo                      sandbox API + embedded warehouse, a full sync, a summary (default without a token)
				  demo --serve              the same, then keep the warehouse and sandbox up until Ctrl-C
				  sandbox                   run the sandbox API alone (SANDBOX_PORT, default %s)
				  bench [--members=50] [--days=365] [--size=base|large|pool|all]
				                            measure the planner, the budget, the loader and the heap (sandbox + embedded PostgreSQL)
				  --help                    this text

				Environment:
				""".formatted(Variables.SANDBOX_PORT.defaultText()) + Variables.help() + """

				Exit codes: 0 done, 1 failed (worth retrying), 2 configuration or authorization error, 3 stopped at the deadline.
				""";
	}
}
