package com.webworksync.observe;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The summary at the end of {@code sync} ({@link RunSummaryText}) of the run this process just finished, with what
 * every {@link Pending.Source} says it left out. On stdout like the demo's; with {@code LOG_FORMAT=json} one log
 * event instead, so that stdout stays one JSON object per line.
 */
@Component
public class EndOfRun {

	private static final Logger log = LoggerFactory.getLogger("webwork-sync.summary");

	private final RunSummary.Source runs;
	private final ObjectProvider<Pending.Source> sources;
	private final boolean json;

	public EndOfRun(RunSummary.Source runs, ObjectProvider<Pending.Source> sources, Environment environment) {
		this.runs = runs;
		this.sources = sources;
		this.json = LogFormat.json(environment);
	}

	/** The summary, or null when no run finished here (another run held the warehouse, or it failed before starting). */
	public String text() {
		RunSummary run = runs.last();
		if (run == null) {
			return null;
		}
		List<Pending> pending = new ArrayList<>();
		sources.orderedStream().forEach(source -> {
			try {
				pending.addAll(source.pending(run));
			}
			catch (RuntimeException ex) {
				// the warehouse went away with the run: the numbers above are the run's own, the rest is unknown
				pending.add(new Pending("what else the run left out", "unknown, the warehouse did not answer ("
						+ ex.getClass().getSimpleName() + "); `status` shows the runs and streams once it does"));
			}
		});
		return RunSummaryText.render(run, pending);
	}

	/** Prints the summary; never throws (the run's own outcome is what counts). */
	public void print() {
		String text;
		try {
			text = text();
		}
		catch (RuntimeException ex) {
			log.debug("no summary: {}", ex.toString());
			return;
		}
		if (text == null) {
			return;
		}
		if (json) {
			log.info(text.strip());
		}
		else {
			System.out.print(text);
			System.out.flush();
		}
	}
}
