package com.webworksync.job;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.webworksync.streams.Catalog;
import com.webworksync.warehouse.EmbeddedWarehouse;
import com.webworksync.warehouse.UnreachableWarehouse;
import com.webworksync.config.Settings;
import com.webworksync.connections.Connections;
import com.zaxxer.hikari.HikariDataSource;
import com.webworksync.config.Clocks;
import java.time.Clock;
import java.util.LinkedHashSet;
import org.slf4j.LoggerFactory;

/** Settings, the API client and the warehouse connection. */
@Configuration(proxyBeanMethods = false)
public class ApplicationBeans {

	@Bean
	@ConditionalOnMissingBean
	Settings settings(Environment environment) {
		return Settings.load(environment, new LinkedHashSet<>(new Catalog().names()), false);
	}

	/** The job's one "now" (SYNC_NOW pins it, for tests and for reproducing a day). */
	@Bean
	@ConditionalOnMissingBean
	Clock clock(Environment environment) {
		return Clocks.from(environment);
	}

	/** One client and one request budget per connection (token) of this process's shard. */
	@Bean
	Connections connections(Settings settings, Clock clock, DataSource dataSource) {
		Connections connections = new Connections(settings, clock, dataSource);
		if (connections.names().isEmpty() && !settings.connections().isEmpty()) {
			LoggerFactory.getLogger(ApplicationBeans.class)
				.warn("shard {} has no connection ({} connections over {} shards): nothing to sync", settings.shard(),
						settings.connections().size(), settings.shard().count());
		}
		return connections;
	}

	@Bean(destroyMethod = "close")
	EmbeddedWarehouse embeddedWarehouse(Settings settings) {
		return EmbeddedWarehouse.adopt(settings.embeddedDirectory(), settings.embeddedPort());
	}

	@Bean
	DataSource dataSource(Settings settings, EmbeddedWarehouse embedded) {
		HikariDataSource dataSource = new HikariDataSource();
		if (settings.embeddedWarehouse()) {
			dataSource.setJdbcUrl(embedded.jdbcUrl());
		}
		else {
			// the URL without any login; the user and password (from WAREHOUSE_URL or the variables) go as properties
			dataSource.setJdbcUrl(settings.warehouse().jdbcUrl());
			dataSource.setUsername(settings.warehouse().username());
			dataSource.setPassword(settings.warehouse().password());
		}
		dataSource.setPoolName("warehouse");
		// each worker (one per connection of this process) holds a session for its partition lock
		// and a transaction for its page, besides the warehouse lock, the plan's session, and the hint plans' session
		// with the transaction that takes the hints arrived (HintLane)
		dataSource.setMaximumPoolSize(7 + 2 * settings.activeConnections().size());
		dataSource.setConnectionTimeout(15_000);
		return new UnreachableWarehouse(dataSource);
	}
}
