package com.webworksync.sandbox;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GET as a handler sees it: typed access to the query with Laravel-style validation. Errors
 * are collected, and {@link #workspace()} throws them all at once (422) before it resolves the
 * workspace (403 when unknown), so one response lists every problem.
 */
final class Call {

	final Map<String, List<String>> query;

	final SandboxData data;

	private final Map<String, List<String>> errors = new LinkedHashMap<>();

	private WorkspaceStore store;

	Call(Map<String, List<String>> query, SandboxData data) {
		this.query = query;
		this.data = data;
	}

	/** The first value, or null when absent or blank. */
	String string(String name) {
		List<String> values = query.get(name);
		return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
	}

	Long optionalLong(String name) {
		String raw = string(name);
		if (raw == null) {
			return null;
		}
		try {
			return Long.valueOf(raw);
		}
		catch (NumberFormatException e) {
			error(name, "The " + label(name) + " field must be an integer.");
			return null;
		}
	}

	Long requiredLong(String name) {
		if (string(name) == null) {
			error(name, "The " + label(name) + " field is required.");
			return null;
		}
		return optionalLong(name);
	}

	LocalDate optionalDate(String name) {
		String raw = string(name);
		if (raw == null) {
			return null;
		}
		try {
			return LocalDate.parse(raw);
		}
		catch (DateTimeParseException e) {
			error(name, "The " + label(name) + " field must match the format Y-m-d.");
			return null;
		}
	}

	LocalDate requiredDate(String name) {
		if (string(name) == null) {
			error(name, "The " + label(name) + " field is required.");
			return null;
		}
		return optionalDate(name);
	}

	/** A range of at most {@code maxDays} days, both ends included (0 = no limit). */
	void checkRange(LocalDate from, String fromName, LocalDate to, String toName, int maxDays) {
		if (from == null || to == null) {
			return;
		}
		if (to.isBefore(from)) {
			error(toName, "The " + label(toName) + " field must be a date after or equal to " + fromName + ".");
		}
		else if (maxDays > 0 && ChronoUnit.DAYS.between(from, to) + 1 > maxDays) {
			error(toName, "The date range may not be longer than " + maxDays + " days.");
		}
	}

	/** Ids from any of the names, as arrays ({@code users[]=1&users[]=2}) or comma lists ({@code users=1,2}). */
	List<Long> longs(String... names) {
		List<Long> out = new ArrayList<>();
		for (String raw : strings(names)) {
			try {
				out.add(Long.valueOf(raw));
			}
			catch (NumberFormatException e) {
				error(names[0], "The " + label(names[0]) + " field must contain integers.");
			}
		}
		return out;
	}

	List<String> strings(String... names) {
		List<String> out = new ArrayList<>();
		for (Map.Entry<String, List<String>> param : query.entrySet()) {
			String key = param.getKey();
			int bracket = key.indexOf('[');
			String base = bracket < 0 ? key : key.substring(0, bracket);
			if (List.of(names).contains(base)) {
				for (String value : param.getValue()) {
					for (String part : value.split(",")) {
						if (!part.isBlank()) {
							out.add(part.trim());
						}
					}
				}
			}
		}
		return out;
	}

	boolean bool(String name, boolean fallback) {
		String raw = string(name);
		if (raw == null) {
			return fallback;
		}
		return switch (raw.toLowerCase()) {
			case "1", "true", "yes" -> true;
			case "0", "false", "no" -> false;
			default -> {
				error(name, "The " + label(name) + " field must be true or false.");
				yield fallback;
			}
		};
	}

	void error(String field, String message) {
		errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
	}

	/** Throws the collected 422, then resolves workspace_id (403 for a workspace the caller is not in). */
	WorkspaceStore workspace() {
		Long id = requiredLong("workspace_id");
		check();
		if (!data.has(id)) {
			throw ErrorAnswer.forbidden();
		}
		store = data.store(id);
		return store;
	}

	void check() {
		if (!errors.isEmpty()) {
			throw ErrorAnswer.invalid(errors);
		}
	}

	/** The workspace resolved by {@link #workspace()}; filters read it lazily. */
	WorkspaceStore store() {
		return store;
	}

	static String label(String name) {
		return name.replace('_', ' ');
	}

}
