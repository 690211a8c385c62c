package io.switchboard.routing.engine;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.switchboard.events.Channel;

/**
 * The engine is plain Java, so routing, the admin console's forecast and the benchmarks run it alone:
 * it depends on the JDK and, of the event contract, on {@link Channel} only. The simulator alone may
 * read and write its scenario JSON with Jackson.
 */
class EngineDependenciesTest {

    private static final String ENGINE = "io.switchboard.routing.engine";
    private static final String SIMULATION = ENGINE + ".simulation..";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ENGINE);

    @Test
    void theEngineUsesTheJdkAndTheContractsChannelOnly() {
        classes().that().resideInAPackage(ENGINE + "..").and().resideOutsideOfPackage(SIMULATION)
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", ENGINE + "..").or(equivalentTo(Channel.class)))
                .because("the engine is embedded by routing and benchmarked alone; what it needs of the platform"
                        + " arrives as its own model types, mapped in the service")
                .check(CLASSES);
    }

    @Test
    void onlyTheSimulatorReadsJson() {
        classes().that().resideInAPackage(SIMULATION)
                .should().onlyDependOnClassesThat(resideInAnyPackage("java..", ENGINE + "..", "com.fasterxml.jackson..")
                        .or(equivalentTo(Channel.class)))
                .because("the simulator's scenarios and results are JSON files; nothing else of it reaches the engine")
                .check(CLASSES);
    }

    @Test
    void theEngineDoesNotCallTheSimulator() {
        noClasses().that().resideInAPackage(ENGINE + "..").and().resideOutsideOfPackage(SIMULATION)
                .should().dependOnClassesThat().resideInAPackage(SIMULATION)
                .because("the simulator drives the engine; the engine knows nothing of it")
                .check(CLASSES);
    }
}
