package com.webworksync.warehouse;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The migrations of {@code plan} and {@code status} ({@code webwork.reads-only}, which also turns Boot's Flyway off):
 * nothing when the warehouse already has exactly the jar's migrations ({@link AppliedMigrations}), else Flyway as
 * Boot runs it for every other command, configured by the same {@code spring.flyway.*} properties. Eager in their lazy
 * contexts, so the warehouse is migrated before any bean reads it.
 */
@Component
@Lazy(false)
@ConditionalOnBooleanProperty("webwork.reads-only")
public class ReadsOnlyMigrations implements InitializingBean {

	private final DataSource warehouse;
	private final String locations;
	private final String schema;

	public ReadsOnlyMigrations(DataSource warehouse, Environment environment) {
		this.warehouse = warehouse;
		this.locations = environment.getRequiredProperty("spring.flyway.locations");
		this.schema = environment.getRequiredProperty("spring.flyway.default-schema");
	}

	@Override
	public void afterPropertiesSet() {
		if (!AppliedMigrations.current(warehouse, locations, schema)) {
			Flyway.configure().dataSource(warehouse).locations(locations.split(",")).defaultSchema(schema).load().migrate();
		}
	}
}
