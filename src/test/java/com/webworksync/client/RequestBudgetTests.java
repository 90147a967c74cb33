package com.webworksync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The budget paces requests evenly and honours server back-pressure. */
class RequestBudgetTests {

	@Test
	void pacesRequestsJustUnderTheLimit() {
		List<Long> sleeps = new ArrayList<>();
		RequestBudget budget = new RequestBudget(60, nanos -> sleeps.add(nanos));
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
		RequestBudget budget = new RequestBudget(6000, nanos -> sleeps.add(nanos));
		budget.block(Duration.ofSeconds(3));
		budget.acquire();
		assertThat(sleeps).hasSize(1);
		assertThat(Duration.ofNanos(sleeps.get(0))).isGreaterThan(Duration.ofMillis(2900));
		assertThat(budget.waits()).isEqualTo(1);
	}

	@Test
	void noRequestsLeftWaitsForTheReset() {
		List<Long> sleeps = new ArrayList<>();
		RequestBudget budget = new RequestBudget(6000, nanos -> sleeps.add(nanos));
		budget.observe(0, System.currentTimeMillis() / 1000 + 5);
		budget.acquire();
		assertThat(Duration.ofNanos(sleeps.get(0))).isGreaterThan(Duration.ofSeconds(3));
		budget.observe(10, null);
		assertThat(budget.waits()).isEqualTo(1);
	}
}
