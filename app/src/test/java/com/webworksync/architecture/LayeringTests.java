package com.webworksync.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layers as docs/engineering/development.md draws them: the API client, the stream declarations and the generated schema know
 * nothing of the job; the planner decides without the job's machinery; the sandbox is a fake API and knows nothing of
 * the job that reads it; the bench and the demo sit on top and only the entry point uses them; configuration and the
 * connections know nothing of the job; the root package holds only the entry point, and nothing depends on it; no two
 * packages depend on each other, whichever they are.
 */
@Tag("plain")
class LayeringTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.webworksync");

	private static final String[] JOB_SIDE = { "com.webworksync.job..", "com.webworksync.plan..",
			"com.webworksync.warehouse..", "com.webworksync.observe..", "com.webworksync.bench..", "com.webworksync.auth..",
			"com.webworksync.connections..", "com.webworksync.demo.." };

	@Test
	void theClientDependsOnNothingOfOursButItsOwnPackage() {
		noClasses().that().resideInAPackage("com.webworksync.client..")
			.should().dependOnClassesThat().resideInAnyPackage(JOB_SIDE)
			.orShould().dependOnClassesThat().resideInAnyPackage("com.webworksync.streams..", "com.webworksync.sandbox..")
			.check(MAIN);
	}

	@Test
	void streamsDependOnNothingOfOursButTheGeneratedSchema() {
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
	void onlyTheEntryPointDependsOnTheBenchOrTheDemo() {
		noClasses().that().resideOutsideOfPackages("com.webworksync", "com.webworksync.bench..", "com.webworksync.demo..")
			.should().dependOnClassesThat().resideInAnyPackage("com.webworksync.bench..", "com.webworksync.demo..")
			.check(MAIN);
	}

	@Test
	void nothingDependsOnTheEntryPoint() {
		noClasses().that().resideOutsideOfPackage("com.webworksync")
			.should().dependOnClassesThat().resideInAPackage("com.webworksync")
			.check(MAIN);
	}

	@Test
	void theGeneratedSchemaDependsOnNothingOfOurs() {
		noClasses().that().resideInAPackage("com.webworksync.schema..")
			.should().dependOnClassesThat().resideOutsideOfPackages("com.webworksync.schema..", "java..", "org.jooq..")
			.check(MAIN);
	}

	@Test
	void configurationDependsOnNothingOfTheJob() {
		noClasses().that().resideInAPackage("com.webworksync.config..")
			.should().dependOnClassesThat().resideInAnyPackage("com.webworksync.job..", "com.webworksync.plan..",
					"com.webworksync.warehouse..", "com.webworksync.observe..", "com.webworksync.connections..",
					"com.webworksync.bench..", "com.webworksync.demo..", "com.webworksync.sandbox..")
			.check(MAIN);
	}

	@Test
	void theConnectionsDoNotDependOnTheJob() {
		noClasses().that().resideInAPackage("com.webworksync.connections..")
			.should().dependOnClassesThat().resideInAnyPackage("com.webworksync.job..", "com.webworksync.plan..",
					"com.webworksync.observe..", "com.webworksync.bench..", "com.webworksync.demo..")
			.check(MAIN);
	}

	/** The entry point is its checks and dispatch ({@code WebworkSyncApplication}) and what each command runs. */
	@Test
	void theRootPackageHoldsOnlyTheEntryPoint() {
		classes().that().resideInAPackage("com.webworksync").and().areTopLevelClasses()
			.should().haveSimpleName("WebworkSyncApplication").orShould().haveSimpleName("CommandRuns")
			.check(MAIN);
	}

	/**
	 * The modules (docs/engineering/development.md, "Layout"): signing knows nothing of ours, the sandbox only
	 * signing, and the product neither the sandbox nor the tools. Maven's module dependencies already refuse to
	 * compile anything else; the rules say it where the layers are.
	 */
	@Test
	void theModuleBoundariesHold() {
		noClasses().that().resideInAPackage("com.webworksync.signing..")
			.should().dependOnClassesThat(resideInAPackage("com.webworksync..")
				.and(resideOutsideOfPackages("com.webworksync.signing..")))
			.check(MAIN);
		noClasses().that().resideInAPackage("com.webworksync.sandbox..")
			.should().dependOnClassesThat(resideInAPackage("com.webworksync..")
				.and(resideOutsideOfPackages("com.webworksync.sandbox..", "com.webworksync.signing..")))
			.check(MAIN);
		noClasses().that().resideOutsideOfPackages("com.webworksync", "com.webworksync.bench..", "com.webworksync.demo..",
				"com.webworksync.sandbox..")
			.should().dependOnClassesThat().resideInAPackage("com.webworksync.sandbox..")
			.check(MAIN);
	}

	@Test
	void noCyclesBetweenAnyPackages() {
		slices().matching("com.webworksync.(*)..").should().beFreeOfCycles().check(MAIN);
	}
}
