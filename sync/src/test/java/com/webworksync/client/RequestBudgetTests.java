package com.webworksync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The budget paces requests evenly and honours server back-pressure. */
@Tag("plain")
class RequestBudgetTests {

	@Test
	void pacesRequestsJustUnderTheLimit() {
		List<Long> sleeps = new ArrayList<>();
		RequestBudget budget = new RequestBudget(60, nanos -> sleeps.add(nanos), java.time.Clock.systemUTC());
		budget.acquire();
		budget.acquire();
		budget.acquire();
		// a fake sleeper does not let time pass, so each acquire waits a full interval more
		assertThat(sleeps).hasSize(2);
		assertThat(budget.interval()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1020));
		assertThat(budget.waits()).as("pacing is not a rate-limit wait").isZero();
	}

	@Test
	void aBlockFromTheServerIsWaitedAndCounted() {
		List<Long> sleeps = new ArrayList<>();
		RequestBudget budget = new RequestBudget(6000, nanos -> sleeps.add(nanos), java.time.Clock.systemUTC());
		budget.block(Duration.ofSeconds(3));
		budget.acquire();
		assertThat(sleeps).hasSize(1);
		assertThat(Duration.ofNanos(sleeps.get(0))).isGreaterThan(Duration.ofMillis(2900));
		assertThat(budget.waits()).isEqualTo(1);
	}

	@Test
	void noRequestsLeftWaitsForTheReset() {
		List<Long> sleeps = new ArrayList<>();
		RequestBudget budget = new RequestBudget(6000, nanos -> sleeps.add(nanos), java.time.Clock.systemUTC());
		budget.observe(6000, 0, System.currentTimeMillis() / 1000 + 5);
		budget.acquire();
		assertThat(Duration.ofNanos(sleeps.get(0))).isGreaterThan(Duration.ofSeconds(3));
		budget.observe(6000, 4000, null);
		assertThat(budget.waits()).isEqualTo(1);
	}

	@Test
	void littleLeftForTheTokenSlowsThePace() {
		List<Long> sleeps = new ArrayList<>();
		RequestBudget budget = new RequestBudget(60, nanos -> sleeps.add(nanos), java.time.Clock.systemUTC());
		budget.acquire();
		budget.observe(60, 50, null); // plenty left: the usual pace
		budget.acquire();
		budget.observe(60, 1, null); // someone else spends the token: nearly half speed
		budget.acquire();
		long usual = sleeps.get(0);
		long slowed = sleeps.get(1) - usual; // the fake sleeper lets no time pass: waits accumulate
		assertThat(Duration.ofNanos(usual)).isBetween(Duration.ofMillis(900), Duration.ofMillis(1100));
		assertThat(slowed).isGreaterThan(usual + usual / 2);
	}

	@Test
	void itsOwnRequestsLeavingLittleDoNotSlowThePace() {
		List<Long> sleeps = new ArrayList<>();
		RequestBudget budget = new RequestBudget(60, nanos -> sleeps.add(nanos), java.time.Clock.systemUTC());
		for (int i = 0; i < 56; i++) {
			budget.acquire();
		}
		budget.observe(60, 4, null); // 56 of 60 spent, all of them by this budget
		budget.acquire();
		budget.observe(60, 40, null);
		budget.acquire();
		long usual = sleeps.get(sleeps.size() - 1) - sleeps.get(sleeps.size() - 2);
		long afterLittleLeft = sleeps.get(sleeps.size() - 2) - sleeps.get(sleeps.size() - 3);
		assertThat(Duration.ofNanos(usual)).isBetween(Duration.ofMillis(900), Duration.ofMillis(1100));
		// slowed, it would be about 0.7 s longer (11 of a quarter's 15 missing)
		assertThat(afterLittleLeft).as("the usual pace")
			.isCloseTo(usual, org.assertj.core.data.Offset.offset(Duration.ofMillis(20).toNanos()));
	}
}
