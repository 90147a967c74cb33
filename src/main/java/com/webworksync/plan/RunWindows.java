package com.webworksync.plan;

import java.time.Clock;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.webworksync.config.Command;
import com.webworksync.config.Settings;

/**
 * What a new run for a command covers, from now: its window, its backfill, its history sweep. Apart from the job, so
 * that {@code plan} gets it without starting the job's machinery.
 */
@Component
public class RunWindows {

	private final Clock clock;
	private final Settings settings;
	private final HistorySweep sweep;

	public RunWindows(Clock clock, Settings settings, HistorySweep sweep) {
		this.clock = clock;
		this.settings = settings;
		this.sweep = sweep;
	}

	public RunWindow of(Command command) {
		RunWindow window = new RunWindow(clock.instant(), command.from(), command.to(), settings.lookbackDays(),
				settings.streams(), settings.verifyShare(), Map.of());
		return window.withSweep(sweep.plan(window, settings.sweepShare()).months());
	}
}
