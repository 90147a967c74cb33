package com.webworksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.webworksync.config.Variables;
import com.webworksync.plan.DayRange;
import com.webworksync.plan.RunWindow;

/** A run's window survives its job parameters; a run recorded before a parameter existed gets the declared default. */
@Tag("plain")
class RunParametersTests {

	@Test
	void theWindowRoundTrips() {
		RunWindow window = new RunWindow(Instant.parse("2026-12-01T10:00:00Z"), LocalDate.of(2026, 1, 1),
				LocalDate.of(2026, 3, 31), 7, Set.of("members", "time_entries"), 0.25,
				Map.of(12L, List.of(YearMonth.of(2025, 7), YearMonth.of(2025, 8))),
				Map.of(12L, new DayRange(LocalDate.of(2025, 9, 1), LocalDate.of(2025, 10, 31)), 13L,
						new DayRange(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 2, 29))));

		RunWindow back = RunParameters.window(RunParameters.of(window, "sync --from=2026-01-01"));

		assertThat(back).isEqualTo(window);
		assertThat(RunParameters.command(RunParameters.of(window, "plan"))).isEqualTo("plan");
	}

	@Test
	void aRefreshRoundTripsAsARefreshOfItsWorkspaces() {
		RunWindow window = new RunWindow(Instant.parse("2026-12-01T10:00:00Z"), LocalDate.of(2026, 11, 1),
				LocalDate.of(2026, 11, 7), 0, Set.of("time_entries"), 0.10, Map.of(), Map.of()).refreshing(Set.of(12L, 13L));

		var parameters = RunParameters.of(window, "refresh --streams=time_entries --from=2026-11-01 --to=2026-11-07");
		RunWindow back = RunParameters.window(parameters);

		assertThat(back).isEqualTo(window);
		assertThat(back.rereadAll()).isTrue();
		assertThat(back.includesWorkspace(12)).isTrue();
		assertThat(back.includesWorkspace(14)).isFalse();
		assertThat(RunParameters.kind(parameters)).isEqualTo("refresh");
		RunWindow sync = RunParameters.window(RunParameters.of(new RunWindow(window.runAt(), null, null, 31, Set.of(), 0.1,
				Map.of(), Map.of()), "sync"));
		assertThat(sync.rereadAll()).isFalse();
		assertThat(sync.workspaces()).isEmpty();
	}

	@Test
	void aRunWithoutAVerifyShareGetsTheDeclaredDefault() {
		JobParameters old = new JobParametersBuilder().addString(RunParameters.RUN_AT, "2026-12-01T10:00:00Z", true)
			.addString(RunParameters.LOOKBACK, "31", false)
			.toJobParameters();

		RunWindow window = RunParameters.window(old);

		assertThat(window.verifyShare()).isEqualTo(Variables.VERIFY_SHARE.defaultValue());
		assertThat(window.streams()).isEmpty();
		assertThat(window.sweep()).isEmpty();
		assertThat(window.history()).as("a run from before start dates backfills no chunk").isEmpty();
		assertThat(RunParameters.command(old)).isEqualTo("sync");
		assertThat(window.rereadAll()).as("a run from before refresh existed is a sync").isFalse();
		assertThat(RunParameters.kind(old)).isEqualTo("sync");
	}
}
