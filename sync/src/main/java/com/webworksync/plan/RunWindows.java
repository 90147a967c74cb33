package com.webworksync.plan;

import java.time.Clock;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.webworksync.config.Command;
import com.webworksync.config.Settings;

/**
 * What a new run for a command covers, from now: its window, its backfill, its history sweep, and without
 * {@code --from} the chunk of history towards the start date ({@link Backfill}); for a refresh, its own window
 * ({@link Refresh}). Apart from the job, so that {@code plan} gets it without starting the job's machinery.
 */
@Component
public class RunWindows {

	private final Clock clock;
	private final Settings settings;
	private final HistorySweep sweep;
	private final Backfill backfill;
	private final Refresh refresh;
	private final Hints hints;

	public RunWindows(Clock clock, Settings settings, HistorySweep sweep, Backfill backfill, Refresh refresh,
			Hints hints) {
		this.hints = hints;
		this.clock = clock;
		this.settings = settings;
		this.sweep = sweep;
		this.backfill = backfill;
		this.refresh = refresh;
	}

	public RunWindow of(Command command) {
		if (command.refresh()) {
			return refresh.window(command, clock.instant());
		}
		if (command.hints()) {
			return hints.window(clock.instant());
		}
		RunWindow window = new RunWindow(clock.instant(), command.from(), command.to(), settings.lookbackDays(),
				settings.streams(), settings.verifyShare(), Map.of(), Map.of());
		window = window.withSweep(sweep.plan(window, settings.sweepShare()).months());
		return command.from() == null ? window.withHistory(backfill.chunks(window)) : window;
	}
}
