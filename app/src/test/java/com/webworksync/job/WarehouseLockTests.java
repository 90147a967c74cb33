package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import com.webworksync.TestWarehouse;

/**
 * Shards with different connections run side by side; the same shard or connection never twice. A run that serves
 * hints says so to a hint run it turns away, and only such a run does.
 */
class WarehouseLockTests {

	@Test
	void shardsWithOtherConnectionsRunSideBySideTheSameConnectionNeverTwice() throws Exception {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(TestWarehouse.newDatabase());
		dataSource.setUser(TestWarehouse.username());
		dataSource.setPassword(TestWarehouse.password());
		try (WarehouseLock first = WarehouseLock.tryAcquire(dataSource, "webworkSync-shard-1-of-2", List.of("acme", "initech"))) {
			assertThat(first).isNotNull();
			try (WarehouseLock second = WarehouseLock.tryAcquire(dataSource, "webworkSync-shard-2-of-2", List.of("globex"))) {
				assertThat(second).as("the other shard").isNotNull();
			}
			assertThat(WarehouseLock.tryAcquire(dataSource, "webworkSync-shard-1-of-2", List.of("acme", "initech")))
				.as("the same shard again").isNull();
			assertThat(WarehouseLock.tryAcquire(dataSource, "webworkSync", List.of("default", "initech")))
				.as("an unsharded run with one of the same connections").isNull();
			try (WarehouseLock unrelated = WarehouseLock.tryAcquire(dataSource, "webworkSync", List.of("default"))) {
				assertThat(unrelated).as("an unsharded run of another connection").isNotNull();
				assertThat(WarehouseLock.tryAcquire(dataSource)).as("the unsharded job is held").isNull();
			}
			// a refused attempt released what it had taken: globex is free again
			try (WarehouseLock again = WarehouseLock.tryAcquire(dataSource, "webworkSync-shard-2-of-2", List.of("globex"))) {
				assertThat(again).isNotNull();
			}
		}
		try (WarehouseLock afterwards = WarehouseLock.tryAcquire(dataSource, "webworkSync", List.of("acme", "initech"))) {
			assertThat(afterwards).as("released on close").isNotNull();
		}
	}

	@Test
	void onlyAHolderThatServesHintsIsSeenServingThemAndLookingDoesNotStopTheNextFromTakingTheLock() throws Exception {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(TestWarehouse.newDatabase());
		dataSource.setUser(TestWarehouse.username());
		dataSource.setPassword(TestWarehouse.password());
		assertThat(WarehouseLock.hintsServed(dataSource, "webworkSync")).as("nobody runs").isFalse();
		try (WarehouseLock erase = WarehouseLock.tryAcquire(dataSource, "webworkSync", List.of("default"))) {
			assertThat(erase).isNotNull();
			assertThat(WarehouseLock.hintsServed(dataSource, "webworkSync")).as("a holder that serves no hints").isFalse();
		}
		try (WarehouseLock sync = WarehouseLock.tryAcquire(dataSource, "webworkSync", List.of("default"), true)) {
			assertThat(sync).isNotNull();
			assertThat(WarehouseLock.hintsServed(dataSource, "webworkSync")).as("a sync, which serves them").isTrue();
			assertThat(WarehouseLock.hintsServed(dataSource, "webworkSync-shard-1-of-2")).as("another job's").isFalse();
		}
		assertThat(WarehouseLock.hintsServed(dataSource, "webworkSync")).as("released with the run's locks").isFalse();
		try (WarehouseLock next = WarehouseLock.tryAcquire(dataSource, "webworkSync", List.of("default"), true)) {
			assertThat(next).as("the looks left nothing behind").isNotNull();
		}
	}
}
