package com.webworksync.plan;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import com.webworksync.config.Command;
import com.webworksync.config.ConfigurationException;
import com.webworksync.config.Settings;
import com.webworksync.streams.Catalog;

/**
 * {@code refresh --streams=a,b [--from --to] [--workspace=ID]} as a run's window: not a second read path but another
 * way to fill the plan. The streams given, over the range (without one: the lookback window, as a sync), in one
 * workspace or every synced one, and every partition in it read whatever the reports say
 * ({@link RunWindow#rereadAll()}): rows the API no longer returns get {@code _deleted_at} as in any run, and rows are
 * replaced in place, page by page, so there is no truncate and no moment without them. No history sweep, no chunk of
 * the start date's backfill. Dimension streams are re-read whole, as every run reads them.
 */
@Component
public class Refresh {

	private static final Catalog CATALOG = new Catalog();

	private final Settings settings;
	private final ReadableWorkspaces readable;

	public Refresh(Settings settings, ReadableWorkspaces readable) {
		this.settings = settings;
		this.readable = readable;
	}

	/**
	 * The window of {@code command} (a {@code refresh} or {@code plan refresh}) at {@code now}; a stream this
	 * configuration does not sync, a workspace it does not sync, or a warehouse without any synced workspace is a
	 * configuration error naming it (exit 2), before any request.
	 */
	public RunWindow window(Command command, Instant now) {
		Set<String> enabled = settings.streams();
		for (String stream : command.streams()) {
			if (CATALOG.contains(stream) && !CATALOG.get(stream).selectedBy(enabled)) {
				throw new ConfigurationException("refresh --streams names " + stream + ", which this configuration does not "
						+ "sync (SYNC_STREAMS=" + String.join(",", new TreeSet<>(enabled)) + "): a refresh re-reads what the "
						+ "syncs keep");
			}
		}
		Set<Long> synced = new TreeSet<>(readable.synced());
		if (synced.isEmpty()) {
			throw new ConfigurationException("nothing to refresh: this warehouse holds no workspace this process syncs; "
					+ "run sync first");
		}
		Long workspace = command.workspace();
		if (workspace != null && !synced.contains(workspace)) {
			throw new ConfigurationException("--workspace=" + workspace + " is not a workspace this process syncs (it "
					+ "syncs " + String.join(", ", synced.stream().map(String::valueOf).toList()) + "); see status");
		}
		RunWindow window = new RunWindow(now, command.from(), command.to(),
				command.from() == null ? settings.lookbackDays() : 0, Set.copyOf(command.streams()), settings.verifyShare(),
				Map.of(), Map.of());
		return window.refreshing(workspace == null ? Set.of() : Set.of(workspace));
	}
}
