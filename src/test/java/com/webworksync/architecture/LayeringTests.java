package com.webworksync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layers as the README's layout describes them: the API client and the stream declarations
 * know nothing of the job; the planner decides without the job's machinery; the sandbox is a fake
 * API and knows nothing of the job that reads it; the bench sits on top and nothing depends on it.
 */
class LayeringTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.webworksync");

	private static final String[] JOB_SIDE = { "com.webworksync.job..", "com.webworksync.plan..",
			"com.webworksync.warehouse", "com.webworksync.observe..", "com.webworksync.bench..", "com.webworksync.auth.." };

	@Test
	void theClientDependsOnNothingOfOursButItsOwnPackage() {
		noClasses().that().resideInAPackage("com.webworksync.client..")
			.should().dependOnClassesThat().resideInAnyPackage(JOB_SIDE)
			.orShould().dependOnClassesThat().resideInAnyPackage("com.webworksync.streams..", "com.webworksync.sandbox..")
			.check(MAIN);
	}

	@Test
	void streamsDependOnNothingOfOursButTheGeneratedTables() {
		noClasses().that().resideInAPackage("com.webworksync.streams..")
			.should().dependOnClassesThat().resideInAnyPackage(JOB_SIDE)
			.orShould().dependOnClassesThat().resideInAnyPackage("com.webworksync.client..", "com.webworksync.sandbox..")
			.check(MAIN);
	}

	@Test
	void thePlannerDoesNotDependOnTheJob() {
		noClasses().that().resideInAPackage("com.webworksync.plan..")
			.should().dependOnClassesThat().resideInAnyPackage("com.webworksync.job..", "com.webworksync.bench..")
			.check(MAIN);
	}

	@Test
	void theSandboxDependsOnNothingOfTheJob() {
		noClasses().that().resideInAPackage("com.webworksync.sandbox..")
			.should().dependOnClassesThat().resideInAnyPackage(JOB_SIDE)
			.orShould().dependOnClassesThat().resideInAnyPackage("com.webworksync.client..", "com.webworksync.streams..")
			.check(MAIN);
	}

	@Test
	void nothingDependsOnTheBench() {
		noClasses().that().resideOutsideOfPackage("com.webworksync.bench..")
			.and().doNotHaveSimpleName("WebworkSyncApplication")
			.should().dependOnClassesThat().resideInAPackage("com.webworksync.bench..")
			.check(MAIN);
	}

	@Test
	void noCyclesBetweenTheFeaturePackages() {
		slices().matching("com.webworksync.(client|streams|sandbox|plan|auth)..").should().beFreeOfCycles().check(MAIN);
	}
}
