package com.webworksync.config;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The command line: {@code [sync|refresh|plan [refresh]|status|demo|sandbox|bench] [options] [--help]}, each command
 * with its own options, and any Spring property as {@code --name.of.property=value}. Without a command it syncs when a
 * token is configured and runs the demo otherwise. A mistyped command, option or stream is an error naming it and the
 * nearest valid one.
 *
 * @param refresh {@code refresh}, or {@code plan refresh}: the streams given re-read whole over the range
 * @param streams the streams a refresh re-reads ({@code --streams}), empty otherwise
 * @param workspace the one workspace a refresh re-reads ({@code --workspace}), or null for every synced one
 * @param erase the options of {@code erase}, null for the other commands
 * @param unsubscribe {@code receive --unsubscribe}: remove our webhooks instead of receiving
 * @param hints {@code sync --hints}: read only what the open webhook hints name
 */
public record Command(String name, LocalDate from, LocalDate to, boolean help, boolean serve, boolean json,
		boolean refresh, List<String> streams, Long workspace, EraseOptions erase, boolean unsubscribe, boolean hints) {

	public static final List<String> NAMES = List.of("sync", "refresh", "plan", "status", "erase", "receive", "demo",
			"sandbox", "bench", "help");

	/** Each command's options: with "=" those that take a value; "plan refresh" is plan's refresh. */
	private static final Map<String, List<String>> OPTIONS = new LinkedHashMap<>();

	static {
		List<String> refresh = List.of("--streams=", "--from=", "--to=", "--workspace=");
		OPTIONS.put("sync", List.of("--from=", "--to=", "--hints"));
		OPTIONS.put("refresh", refresh);
		OPTIONS.put("plan", List.of("--from=", "--to=", "--json"));
		OPTIONS.put("plan refresh", Stream.concat(refresh.stream(), Stream.of("--json")).toList());
		OPTIONS.put("demo", List.of("--from=", "--to=", "--serve"));
		OPTIONS.put("status", List.of());
		OPTIONS.put("erase", List.of("--member=", "--viewer=", "--workspace=", "--yes", "--dry-run"));
		OPTIONS.put("receive", List.of("--unsubscribe"));
		OPTIONS.put("sandbox", List.of());
		OPTIONS.put("bench", List.of("--members=", "--days=", "--size="));
	}

	public Command {
		streams = List.copyOf(streams);
	}

	/** A command without a refresh's streams or workspace. */
	public Command(String name, LocalDate from, LocalDate to, boolean help, boolean serve, boolean json) {
		this(name, from, to, help, serve, json, false, List.of(), null, null, false, false);
	}

	/** The same command over another range (a stopped run's backfill carried on). */
	public Command withRange(LocalDate from, LocalDate to) {
		return new Command(name, from, to, help, serve, json, refresh, streams, workspace, erase, unsubscribe, hints);
	}

	/** A Spring property such as --warehouse.url=… or --webwork.connections[0].name=…: always accepted. */
	private static final Pattern PROPERTY = Pattern.compile("--[A-Za-z0-9_-]+(\\[\\d+])?(\\.[A-Za-z0-9_\\[\\]-]+)+=.*",
			Pattern.DOTALL);

	public static Command parse(String[] args, boolean tokenConfigured, Clock clock) {
		String name = null;
		String from = null;
		String to = null;
		boolean help = false;
		boolean planRefresh = false;
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
						.orElse("; commands: sync, refresh, plan, status, erase, receive, demo, sandbox, bench") + " (see --help)");
				}
				name = arg;
			}
			else if (name.equals("plan") && !planRefresh && arg.equals("refresh")) {
				planRefresh = true; // plan refresh …: what that refresh would read
			}
			else {
				throw new ConfigurationException("unexpected argument '" + arg + "' (see --help)");
			}
		}
		if (name == null || name.equals("help")) {
			name = tokenConfigured ? "sync" : "demo";
		}
		boolean refresh = name.equals("refresh") || planRefresh;
		String streams = null;
		String workspace = null;
		for (String option : options) {
			if (!help) {
				checkOption(option, planRefresh ? "plan refresh" : name);
			}
			if (option.startsWith("--streams=")) {
				streams = option.substring("--streams=".length());
			}
			else if (option.startsWith("--workspace=")) {
				workspace = option.substring("--workspace=".length());
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
		if (fromDate != null && options.contains("--hints")) {
			throw new ConfigurationException("--hints reads what the hints name: it takes no --from");
		}
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
			if (!List.of("sync", "refresh", "plan", "demo").contains(name)) {
				throw new ConfigurationException("--from only goes with sync, refresh, plan or demo");
			}
		}
		if (refresh && streams == null && !help) {
			throw new ConfigurationException("refresh needs --streams=a,b: the streams to re-read (see --help)");
		}
		return new Command(name, fromDate, toDate, help, serve, json, refresh,
				refresh && !help ? RefreshOptions.streams(streams) : List.of(),
				refresh && !help ? RefreshOptions.workspace(workspace) : null,
				name.equals("erase") && !help ? EraseOptions.parse(options) : null, options.contains("--unsubscribe"),
				options.contains("--hints"));
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
		List<String> others = OPTIONS.keySet()
			.stream()
			.filter(other -> OPTIONS.get(other).stream().anyMatch(o -> o.equals(bare) || o.equals(bare + "=")))
			.toList();
		if (others.contains("plan")) {
			others = others.stream().filter(other -> !other.equals("plan refresh")).toList(); // said by "plan"
		}
		List<String> names = mine.stream().map(o -> o.replace("=", "")).toList();
		Optional<String> near = Suggestions.nearest(bare, names);
		if (!others.isEmpty()) {
			String goesWith = String.join(", ", others).replaceFirst(", ([a-z ]+)$", " or $1");
			// a typo of this command's own option (bench --member) is likelier than another command's option
			throw new ConfigurationException(near.map(n -> "unknown option " + bare + " for " + command + "; did you mean "
					+ n + "? (" + bare + " goes with " + goesWith + ")")
				.orElse(bare + " only goes with " + goesWith + ", not with " + command));
		}
		throw new ConfigurationException("unknown option " + bare + " for " + command + near
			.map(n -> "; did you mean " + n + "?")
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

	/** How the run shows up in sync.runs: a refresh with its streams, range and workspace. */
	public String text() {
		String range = from == null ? "" : " --from=" + from + " --to=" + to;
		if (hints) {
			return "sync --hints";
		}
		return refresh ? "refresh --streams=" + String.join(",", streams) + range
				+ (workspace == null ? "" : " --workspace=" + workspace) : name + range;
	}

	/** The --help text. */
	public static String usage() {
		return Usage.text();
	}
}
