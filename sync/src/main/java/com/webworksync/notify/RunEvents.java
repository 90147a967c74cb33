package com.webworksync.notify;

import static com.webworksync.schema.sync.Tables.RUNS;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Record3;
import org.springframework.stereotype.Component;

/**
 * The events of a run's end, read from {@code sync.runs} once the run's own row is written (in the same transaction):
 * {@code run.failed} at the 1st, 3rd, 10th and 30th failing run in a row ({@link Escalation}), {@code run.recovered}
 * at the first success after failures, {@code run.partial} for a deadline or SIGTERM stop (escalating the same way
 * while runs keep stopping early), {@code run.slow} for a run longer than NOTIFY_SLOW_AFTER. A run stopped early
 * neither breaks nor extends a streak of failures; a run killed before closing its books has no exit code and is not
 * counted.
 */
@Component
public class RunEvents {

	/** Runs looked back over: enough for the escalation's counts and then some. */
	private static final int HISTORY = 1000;

	private final DSLContext ctx;

	public RunEvents(DSLContext ctx) {
		this.ctx = ctx;
	}

	public List<Event> of(RunEnd end, Instant now, Duration slowAfter) {
		// newest first, this run included: exit codes 0 to 3 (a run refused by the lock writes no row)
		List<Record3<Long, Integer, OffsetDateTime>> runs = ctx.select(RUNS.RUN_ID, RUNS.EXIT_CODE, RUNS.STARTED_AT)
			.from(RUNS)
			.where(RUNS.EXIT_CODE.between(0, 3))
			.and(RUNS.RUN_ID.le(end.runId()))
			.orderBy(RUNS.RUN_ID.desc())
			.limit(HISTORY)
			.fetch();
		List<Event> events = new ArrayList<>();
		String subject = "run:" + end.runId();
		long run = end.runId();
		if (end.failed()) {
			List<OffsetDateTime> streak = streak(runs, true);
			int n = Math.max(1, streak.size());
			if (Escalation.notifies(n)) {
				Map<String, Object> data = data(run, end);
				data.put("error_class", end.errorClass());
				data.put("message", oneLine(end.message()));
				data.put("consecutive_failures", n);
				data.put("failing_since", streak.isEmpty() ? null : streak.get(streak.size() - 1).toInstant().toString());
				events.add(Event.of(Event.RUN_FAILED, subject, run, now, "run " + run + " failed (" + end.errorClass() + ", "
						+ Escalation.ordinal(n) + " failing run in a row): " + oneLine(end.message()), data));
			}
		}
		else if (end.exitCode() == 0) {
			List<OffsetDateTime> before = streak(runs.subList(Math.min(1, runs.size()), runs.size()), true);
			if (!before.isEmpty()) {
				Map<String, Object> data = data(run, end);
				data.put("failed_runs", before.size());
				data.put("failing_since", before.get(before.size() - 1).toInstant().toString());
				events.add(Event.of(Event.RUN_RECOVERED, subject, run, now,
						"run " + run + " succeeded after " + before.size() + " failing run" + (before.size() == 1 ? "" : "s"), data));
			}
		}
		else if (end.exitCode() == 3) {
			int n = Math.max(1, streak(runs, false).size());
			if (Escalation.notifies(n)) {
				Map<String, Object> data = data(run, end);
				data.put("message", oneLine(end.message()));
				data.put("consecutive_partial", n);
				events.add(Event.of(Event.RUN_PARTIAL, subject, run, now, "run " + run + " " + oneLine(end.message()), data));
			}
		}
		OffsetDateTime started = runs.stream().filter(r -> r.value1() == run).map(Record3::value3).findFirst().orElse(null);
		if (slowAfter != null && started != null && Duration.between(started.toInstant(), now).compareTo(slowAfter) > 0) {
			Duration took = Duration.between(started.toInstant(), now);
			Map<String, Object> data = data(run, end);
			data.put("duration_seconds", took.toSeconds());
			data.put("slow_after_seconds", slowAfter.toSeconds());
			events.add(Event.of(Event.RUN_SLOW, subject, run, now, "run " + run + " took " + took.toSeconds()
					+ " s, longer than NOTIFY_SLOW_AFTER (" + slowAfter.toSeconds() + " s)", data));
		}
		return events;
	}

	/**
	 * The start times of the leading runs that failed (exit 1 or 2; runs stopped early skipped) or, with
	 * {@code failures} false, that stopped early (exit 3), newest first.
	 */
	static List<OffsetDateTime> streak(List<Record3<Long, Integer, OffsetDateTime>> newestFirst, boolean failures) {
		List<OffsetDateTime> streak = new ArrayList<>();
		for (Record3<Long, Integer, OffsetDateTime> run : newestFirst) {
			int code = run.value2();
			if (failures && code == 3) {
				continue;
			}
			if (failures ? code != 1 && code != 2 : code != 3) {
				break;
			}
			streak.add(run.value3());
		}
		return streak;
	}

	private static Map<String, Object> data(long run, RunEnd end) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("run_id", run);
		data.put("exit_code", end.exitCode());
		return data;
	}

	private static String oneLine(String message) {
		return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
	}
}
