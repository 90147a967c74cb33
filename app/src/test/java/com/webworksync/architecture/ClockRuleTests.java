package com.webworksync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Every "now" and "today" of the job and the sandbox comes from one injected {@link Clock}, so
 * a test can run them on any day of the year: no code reads the machine's clock directly. The
 * exceptions are the clocks' own definitions, and elapsed time (System.nanoTime is allowed).
 */
@Tag("plain")
class ClockRuleTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.webworksync");

	@Test
	void noCodeReadsTheMachineClockDirectly() {
		ArchRule rule = noClasses().should()
			.callMethod(Instant.class, "now")
			.orShould().callMethod(LocalDate.class, "now")
			.orShould().callMethod(LocalDateTime.class, "now")
			.orShould().callMethod(LocalTime.class, "now")
			.orShould().callMethod(OffsetDateTime.class, "now")
			.orShould().callMethod(ZonedDateTime.class, "now")
			.orShould().callMethod(YearMonth.class, "now")
			.orShould().callMethod(Year.class, "now")
			.orShould().callMethod(System.class, "currentTimeMillis")
			.because("'now' comes from the injected Clock (config.Clocks, SandboxOptions.clock)");
		rule.check(MAIN);
	}

	@Test
	void onlyTheClocksDefinitionsTakeTheSystemClock() {
		ArchRule rule = noClasses().that()
			.doNotHaveFullyQualifiedName("com.webworksync.config.Clocks")
			// the sandbox's default clock, when a test or the demo gives it none
			.and().doNotHaveFullyQualifiedName("com.webworksync.sandbox.SandboxOptions")
			// measures elapsed time against Spring Batch's own timestamps, which use the system clock
			.and().doNotHaveFullyQualifiedName("com.webworksync.observe.RunObserver")
			.should().callMethod(Clock.class, "systemUTC")
			.orShould().callMethod(Clock.class, "systemDefaultZone")
			.orShould().callMethod(Clock.class, "system", java.time.ZoneId.class);
		rule.check(MAIN);
	}

	@Test
	void theRulesSeeTheCode() {
		// a rule over no classes would pass for nothing
		assertThat(MAIN.contain("com.webworksync.plan.Planner")).isTrue();
		assertThat(MAIN.contain("com.webworksync.sandbox.Sandbox")).isTrue();
		assertThat(MAIN.contain("com.webworksync.ClockRuleTests")).isFalse();
	}
}
