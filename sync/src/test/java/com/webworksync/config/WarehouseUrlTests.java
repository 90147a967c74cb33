package com.webworksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.springframework.mock.env.MockEnvironment;

/** WAREHOUSE_URL as people write it, on plain values: the JDBC URL it becomes, the login it carries, its masking. */
@Tag("plain")
class WarehouseUrlTests {

	private static final String PASSWORD = "S3cr3t-pw-9f8e";
	private static final Set<String> STREAMS = Set.of("members");

	@Test
	void aLibpqUrlBecomesAJdbcUrlWithTheLoginAsProperties() {
		WarehouseUrl url = WarehouseUrl.parse("postgresql://webwork_sync:" + PASSWORD + "@db.example.com:5432/warehouse"
				+ "?sslmode=require&application_name=sync", "WAREHOUSE_URL");

		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/warehouse?sslmode=require&application_name=sync");
		assertThat(url.username()).isEqualTo("webwork_sync");
		assertThat(url.password()).isEqualTo(PASSWORD);
		assertThat(url.shown()).isEqualTo("postgresql://webwork_sync:***@db.example.com:5432/warehouse?sslmode=require&application_name=sync");
		assertThat(url.toString()).doesNotContain(PASSWORD);
	}

	@Test
	void postgresSchemePercentEncodingAndNoPort() {
		WarehouseUrl url = WarehouseUrl.parse(" postgres://me:p%40ss%2Fw+rd@localhost/db ", "WAREHOUSE_URL");

		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/db");
		assertThat(url.username()).isEqualTo("me");
		assertThat(url.password()).isEqualTo("p@ss/w+rd");
		assertThat(url.shown()).isEqualTo("postgres://me:***@localhost/db");
	}

	@Test
	void aJdbcUrlStaysAsItIsAndItsLoginParametersBecomeProperties() {
		assertThat(WarehouseUrl.parse("jdbc:postgresql://h:5432/db", "WAREHOUSE_URL"))
			.isEqualTo(new WarehouseUrl("jdbc:postgresql://h:5432/db", "", "", "jdbc:postgresql://h:5432/db"));
		WarehouseUrl url = WarehouseUrl.parse("jdbc:postgresql://h:5432/db?user=u&password=" + PASSWORD + "&ssl=true",
				"WAREHOUSE_URL");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?ssl=true");
		assertThat(url.username()).isEqualTo("u");
		assertThat(url.password()).isEqualTo(PASSWORD);
		assertThat(url.shown()).isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true");
	}

	@Test
	void multipleHostsAndIpv6AreKept() {
		assertThat(WarehouseUrl.parse("postgresql://a:5432,b:5433/db?targetServerType=primary", "WAREHOUSE_URL").jdbcUrl())
			.isEqualTo("jdbc:postgresql://a:5432,b:5433/db?targetServerType=primary");
		assertThat(WarehouseUrl.parse("postgresql://[::1]:5432/db", "WAREHOUSE_URL").jdbcUrl())
			.isEqualTo("jdbc:postgresql://[::1]:5432/db");
	}

	@Test
	void aMalformedUrlNamesTheVariableAndMasksThePassword() {
		for (String bad : List.of("postgresql://webwork_sync:" + PASSWORD + "@127.0.0.1:55x32/scratch",
				"postgresql://webwork_sync:" + PASSWORD + "@127.0.0.1:55432", "postgresql://webwork_sync:" + PASSWORD + "@/db",
				"mysql://webwork_sync:" + PASSWORD + "@h/db", "webwork_sync:" + PASSWORD + "@h/db",
				"postgresql://webwork_sync:" + PASSWORD + "@h:99999/db", "postgresql://u:" + PASSWORD + " @h/db",
				"jdbc:postgresql:/h/db?password=" + PASSWORD, "postgres://x")) {
			assertThatThrownBy(() -> WarehouseUrl.parse(bad, "WAREHOUSE_URL")).as(bad)
				.isInstanceOf(ConfigurationException.class)
				.hasMessageStartingWith("WAREHOUSE_URL must look like postgresql://")
				.hasMessageNotContaining(PASSWORD);
		}
		assertThatThrownBy(() -> WarehouseUrl.parse("postgresql://webwork_sync:" + PASSWORD + "@127.0.0.1:55x32/scratch",
				"WAREHOUSE_URL")).hasMessageContaining("'postgresql://webwork_sync:***@127.0.0.1:55x32/scratch'");
	}

	@Test
	void maskingHidesEveryPasswordAndKeepsTheRest() {
		assertThat(WarehouseUrl.mask("postgresql://u:" + PASSWORD + "@h:5432/db")).isEqualTo("postgresql://u:***@h:5432/db");
		assertThat(WarehouseUrl.mask("postgresql://u:p@ss@h/db")).isEqualTo("postgresql://u:***@h/db");
		assertThat(WarehouseUrl.mask("postgresql://u@h:5432/db")).isEqualTo("postgresql://u@h:5432/db");
		assertThat(WarehouseUrl.mask("jdbc:postgresql://h/db?a=1&PASSWORD=" + PASSWORD + "&b=2"))
			.isEqualTo("jdbc:postgresql://h/db?a=1&PASSWORD=***&b=2");
		assertThat(WarehouseUrl.mask("u:" + PASSWORD + "@h/db")).isEqualTo("u:***@h/db");
	}

	@Test
	void theUrlsUserIsTheUsernameUnlessWarehouseUsernameIsSet() {
		Settings settings = Settings.load(env().withProperty("warehouse.url", "postgresql://sync:" + PASSWORD + "@h/db"),
				STREAMS, true);
		assertThat(settings.warehouse().jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
		assertThat(settings.warehouse().username()).isEqualTo("sync");
		assertThat(settings.warehouse().password()).isEqualTo(PASSWORD);
		assertThat(settings.toString()).doesNotContain(PASSWORD).contains("postgresql://sync:***@h/db");

		Settings same = Settings.load(env().withProperty("warehouse.url", "postgresql://sync:" + PASSWORD + "@h/db")
			.withProperty("warehouse.username", "sync")
			.withProperty("warehouse.password", PASSWORD), STREAMS, true);
		assertThat(same.warehouse().username()).isEqualTo("sync");
		assertThat(same.warehouse().password()).isEqualTo(PASSWORD);

		Settings fromVariables = Settings.load(env().withProperty("warehouse.url", "postgresql://h/db")
			.withProperty("warehouse.username", "other")
			.withProperty("warehouse.password", PASSWORD), STREAMS, true);
		assertThat(fromVariables.warehouse().username()).isEqualTo("other");
		assertThat(fromVariables.warehouse().password()).isEqualTo(PASSWORD);
		assertThat(Settings.load(env().withProperty("warehouse.url", "postgresql://h/db"), STREAMS, true).warehouse().username())
			.isEqualTo("postgres");
	}

	@Test
	void aPasswordOrUserInBothPlacesThatDiffersNamesBothVariablesAndNeitherValue() {
		assertThatThrownBy(() -> Settings.load(env().withProperty("warehouse.url", "postgresql://sync:" + PASSWORD + "@h/db")
			.withProperty("warehouse.password", "other-pw-7c1d"), STREAMS, true))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("WAREHOUSE_URL")
			.hasMessageContaining("WAREHOUSE_PASSWORD")
			.hasMessageNotContaining(PASSWORD)
			.hasMessageNotContaining("other-pw-7c1d");
		assertThatThrownBy(() -> Settings.load(env().withProperty("warehouse.url", "postgresql://sync_a:" + PASSWORD + "@h/db")
			.withProperty("warehouse.username", "sync_b"), STREAMS, true))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("WAREHOUSE_URL")
			.hasMessageContaining("WAREHOUSE_USERNAME")
			.hasMessageNotContaining("sync_a")
			.hasMessageNotContaining("sync_b")
			.hasMessageNotContaining(PASSWORD);
	}

	private static MockEnvironment env() {
		return new MockEnvironment().withProperty("webwork.api.token", "tok-123");
	}
}
