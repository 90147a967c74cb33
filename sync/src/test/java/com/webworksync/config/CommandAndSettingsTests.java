package com.webworksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.springframework.mock.env.MockEnvironment;

/** Bad input and configuration fail before anything connects, with a line that names the fix. */
@Tag("plain")
class CommandAndSettingsTests {

	private static final Set<String> STREAMS = Set.of("members", "projects");

	@Test
	void withoutATokenTheDefaultCommandIsTheDemo() {
		assertThat(Command.parse(new String[0], false, java.time.Clock.systemUTC()).name()).isEqualTo("demo");
		assertThat(Command.parse(new String[0], true, java.time.Clock.systemUTC()).name()).isEqualTo("sync");
	}

	@Test
	void backfillRangeIsParsedAndChecked() {
		Command command = Command.parse(new String[] { "sync", "--from=2025-01-01", "--to=2025-03-31" }, true, java.time.Clock.systemUTC());
		assertThat(command.from()).isEqualTo(LocalDate.of(2025, 1, 1));
		assertThat(command.to()).isEqualTo(LocalDate.of(2025, 3, 31));
		assertThatThrownBy(() -> Command.parse(new String[] { "sync", "--from=2025-04-01", "--to=2025-03-31" }, true, java.time.Clock.systemUTC()))
			.hasMessageContaining("after");
		assertThatThrownBy(() -> Command.parse(new String[] { "sync", "--from=2999-01-01" }, true, java.time.Clock.systemUTC()))
			.hasMessageContaining("future");
		assertThatThrownBy(() -> Command.parse(new String[] { "sync", "--from=01/02/2025" }, true, java.time.Clock.systemUTC()))
			.hasMessageContaining("YYYY-MM-DD");
		assertThatThrownBy(() -> Command.parse(new String[] { "syncc" }, true, java.time.Clock.systemUTC())).hasMessageContaining("unknown command");
	}

	@Test
	void refreshTakesKnownStreamsARangeAndAWorkspaceAndIsRecordedWithThem() {
		Command refresh = Command.parse(new String[] { "refresh", "--streams=time_entries, members", "--from=2025-01-01",
				"--to=2025-01-07", "--workspace=5001" }, true, java.time.Clock.systemUTC());
		assertThat(refresh.name()).isEqualTo("refresh");
		assertThat(refresh.refresh()).isTrue();
		assertThat(refresh.streams()).as("in catalog order").containsExactly("members", "time_entries");
		assertThat(refresh.workspace()).isEqualTo(5001L);
		assertThat(refresh.text()).isEqualTo("refresh --streams=members,time_entries --from=2025-01-01 --to=2025-01-07 "
				+ "--workspace=5001");
		Command plan = Command.parse(new String[] { "plan", "refresh", "--streams=members", "--json" }, true,
				java.time.Clock.systemUTC());
		assertThat(plan.name()).isEqualTo("plan");
		assertThat(plan.refresh()).isTrue();
		assertThat(plan.json()).isTrue();
		assertThat(plan.streams()).containsExactly("members");
		assertThat(Command.parse(new String[] { "plan" }, true, java.time.Clock.systemUTC()).refresh()).isFalse();
		assertThat(Command.parse(new String[] { "sync", "--from=2025-01-01" }, true, java.time.Clock.systemUTC()).text())
			.startsWith("sync --from=2025-01-01 --to=");

		for (String[] wrong : new String[][] { { "refresh" }, { "refresh", "--streams=" }, { "refresh", "--streams=membres" },
				{ "refresh", "--streams=members", "--workspace=x" }, { "refresh", "--streams=members", "--json" },
				{ "sync", "--streams=members" }, { "plan", "--workspace=1" }, { "status", "refresh" } }) {
			assertThatThrownBy(() -> Command.parse(wrong, true, java.time.Clock.systemUTC())).as(String.join(" ", wrong))
				.isInstanceOf(ConfigurationException.class);
		}
		assertThatThrownBy(() -> Command.parse(new String[] { "refresh", "--streams=membres" }, true,
				java.time.Clock.systemUTC())).hasMessageContaining("unknown stream 'membres'; did you mean members?");
		assertThatThrownBy(() -> Command.parse(new String[] { "sync", "--streams=members" }, true,
				java.time.Clock.systemUTC())).hasMessageContaining("--streams only goes with refresh or plan refresh, not with sync");
		assertThatThrownBy(() -> Command.parse(new String[] { "refresh", "--streams=members", "--json" }, true,
				java.time.Clock.systemUTC())).hasMessageContaining("--json only goes with plan, not with refresh");
	}

	@Test
	void missingTokenOutsideTheDemoNamesTheVariable() {
		assertThatThrownBy(() -> Settings.load(new MockEnvironment(), STREAMS, true))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("WEBWORK_API_TOKEN");
	}

	@Test
	void badValuesNameTheirVariable() {
		assertThatThrownBy(() -> Settings.load(env().withProperty("sync.lookback-days", "-3"), STREAMS, true))
			.hasMessageContaining("SYNC_LOOKBACK_DAYS");
		assertThatThrownBy(() -> Settings.load(env().withProperty("sync.streams", "members,nope"), STREAMS, true))
			.hasMessageContaining("SYNC_STREAMS")
			.hasMessageContaining("nope");
		assertThatThrownBy(() -> Settings.load(env().withProperty("warehouse.url", "postgres://x"), STREAMS, true))
			.hasMessageContaining("WAREHOUSE_URL");
		assertThatThrownBy(() -> Settings.load(env().withProperty("webwork.api.url", "not a url"), STREAMS, true))
			.hasMessageContaining("WEBWORK_API_URL");
		assertThatThrownBy(() -> Settings.load(env().withProperty("sync.deadline", "soon"), STREAMS, true))
			.hasMessageContaining("SYNC_DEADLINE");
	}

	@Test
	void aPasswordInTheUrlIsNeverShown() {
		// a malformed URL (postgresql://h/db?password=… is a valid one since WAREHOUSE_URL takes the libpq form)
		assertThatThrownBy(() -> Settings.load(env().withProperty("warehouse.url", "postgresql://h:port/db?password=hunter2"),
				STREAMS, true))
			.hasMessageNotContaining("hunter2");
		assertThat(Settings.load(env().withProperty("warehouse.url", "postgresql://h/db?password=hunter2"), STREAMS, true)
			.toString()).doesNotContain("hunter2");
		Settings settings = Settings.load(env(), STREAMS, true);
		assertThat(settings.toString()).doesNotContain("tok-123");
	}

	@Test
	void defaults() {
		Settings settings = Settings.load(env(), STREAMS, true);
		assertThat(settings.lookbackDays()).isEqualTo(31);
		assertThat(settings.requestsPerMinute()).isEqualTo(60);
		assertThat(settings.embeddedWarehouse()).isTrue();
		assertThat(settings.apiUrl()).isEqualTo(Settings.DEFAULT_API_URL);
	}

	@Test
	void syncStreamsAllAloneIsEmptyAndAllWithANameKeepsBoth() {
		Set<String> known = Set.of("members", "tracker_status");
		assertThat(Settings.load(env(), known, true).streams()).isEmpty();
		assertThat(Settings.load(env().withProperty("sync.streams", "all"), known, true).streams()).isEmpty();
		assertThat(Settings.load(env().withProperty("sync.streams", "all,tracker_status"), known, true).streams())
			.containsExactlyInAnyOrder("all", "tracker_status");
		assertThat(Settings.load(env().withProperty("sync.streams", "tracker_status"), known, true).streams())
			.containsExactly("tracker_status");
	}

	private static MockEnvironment env() {
		return new MockEnvironment().withProperty("webwork.api.token", "tok-123");
	}
}
