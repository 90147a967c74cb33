package com.webworksync.config;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The command line: {@code [sync|plan|status|demo|sandbox|bench] [options] [--help]}, each command with its own
 * options, and any Spring property as {@code --name.of.property=value}. Without a command it syncs when a token is
 * configured and runs the demo otherwise. A mistyped command or option is an error naming it and the nearest valid one.
 */
public record Command(String name, LocalDate from, LocalDate to, boolean help, boolean serve, boolean json) {

	public static final List<String> NAMES = List.of("sync", "plan", "status", "demo", "sandbox", "bench", "help");

	/** Each command's options: with "=" those that take a value. */
	private static final Map<String, List<String>> OPTIONS = Map.of("sync", List.of("--from=", "--to="), "plan",
			List.of("--from=", "--to=", "--json"), "demo", List.of("--from=", "--to=", "--serve"), "status", List.of(),
			"sandbox", List.of(), "bench", List.of("--members=", "--days=", "--size="));

	/** A Spring property such as --warehouse.url=… or --webwork.connections[0].name=…: always accepted. */
	private static final Pattern PROPERTY = Pattern.compile("--[A-Za-z0-9_-]+(\\[\\d+])?(\\.[A-Za-z0-9_\\[\\]-]+)+=.*",
			Pattern.DOTALL);

	public static Command parse(String[] args, boolean tokenConfigured, Clock clock) {
		String name = null;
		String from = null;
		String to = null;
		boolean help = false;
		List<String> options = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
				help = true;
			}
			else if (arg.startsWith("--")) {
				if (!PROPERTY.matcher(arg).matches()) {
					options.add(arg);
				}
			}
			else if (name == null) {
				if (!NAMES.contains(arg)) {
					throw new ConfigurationException("unknown command " + arg + Suggestions.nearest(arg, NAMES)
						.map(near -> "; did you mean " + near + "?")
						.orElse("; commands: sync, plan, status, demo, sandbox, bench") + " (see --help)");
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
		for (String option : options) {
			if (!help) {
				checkOption(option, name);
			}
			if (option.startsWith("--from=")) {
				from = option.substring("--from=".length());
			}
			else if (option.startsWith("--to=")) {
				to = option.substring("--to=".length());
			}
		}
		boolean serve = options.contains("--serve");
		boolean json = options.contains("--json");
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

	/** An option {@code command} does not take is an error naming it, with the nearest one it does take. */
	static void checkOption(String option, String command) {
		int equals = option.indexOf('=');
		String bare = equals < 0 ? option : option.substring(0, equals);
		List<String> mine = OPTIONS.get(command);
		if (mine.contains(equals < 0 ? option : bare + "=")) {
			return;
		}
		if (mine.contains(bare + "=")) {
			throw new ConfigurationException(bare + " needs a value: " + bare + "=… (see --help)");
		}
		if (mine.contains(bare)) {
			throw new ConfigurationException(bare + " takes no value: write " + bare + " alone");
		}
		List<String> others = NAMES.stream()
			.filter(other -> OPTIONS.getOrDefault(other, List.of()).stream().anyMatch(o -> o.equals(bare) || o.equals(bare + "=")))
			.toList();
		if (!others.isEmpty()) {
			throw new ConfigurationException(bare + " only goes with " + String.join(", ", others).replaceFirst(", ([a-z]+)$", " or $1") + ", not with " + command);
		}
		List<String> names = mine.stream().map(o -> o.replace("=", "")).toList();
		throw new ConfigurationException("unknown option " + bare + " for " + command + Suggestions.nearest(bare, names)
			.map(near -> "; did you mean " + near + "?")
			.orElse(names.isEmpty() ? "; it takes no options" : "; its options: " + String.join(", ", names)));
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

				Exit codes:
				  0  done
				  1  failed, worth retrying (the API stayed down, the database is unreachable)
				  2  configuration or authorization error: fix what the message names
				  3  stopped early with progress saved: SYNC_DEADLINE reached, or SIGTERM
				  4  another run holds the warehouse: this one changed nothing (not a failure)
				  5  out of memory: the heap is too small for what the line names; raise the memory limit
				     (137 instead: the container was killed at its memory limit, by the kernel)
				""";
	}
}
