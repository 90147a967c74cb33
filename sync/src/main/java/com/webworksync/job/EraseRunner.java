package com.webworksync.job;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

import com.webworksync.config.EraseOptions;
import com.webworksync.config.Settings;
import com.webworksync.privacy.Eraser;

/** {@code erase} under the warehouse lock: no run writes the person's rows back while they are being scrubbed. */
@Component
public class EraseRunner {

	private final DataSource dataSource;
	private final Settings settings;
	private final Eraser eraser;

	public EraseRunner(DataSource dataSource, Settings settings, Eraser eraser) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.eraser = eraser;
	}

	public int run(EraseOptions options) throws Exception {
		try (WarehouseLock lock = WarehouseLock.tryAcquire(dataSource, SyncJobConfiguration.JOB_NAME,
				settings.connections().stream().map(Settings.Connection::name).toList())) {
			if (lock == null) {
				System.err.println("webwork-sync: a run holds the warehouse: erase changed nothing; run it again when the run has ended");
				return ExitCodes.LOCKED;
			}
			eraser.run(new Eraser.Request(options.as(), options.personId(), options.workspace(), options.dryRun()),
					System.out::println);
			return ExitCodes.OK;
		}
	}
}
