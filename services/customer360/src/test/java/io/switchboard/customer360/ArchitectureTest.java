package io.switchboard.customer360;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * customer360's layering, as the channels have it: {@code domain} (identity resolution, the batch
 * planner, the timeline) is plain Java; {@code persistence}, {@code messaging} and {@code api} depend
 * on it, never the reverse.
 */
class ArchitectureTest {

    private static final JavaClasses CUSTOMER360 = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard.customer360");

    @Test
    void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage("io.switchboard.customer360.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..",
                        "org.apache.kafka..", "org.hibernate..", "jakarta..", "javax.sql..", "java.sql..",
                        "org.eclipse.microprofile..", "io.opentelemetry..", "com.fasterxml..", "io.micrometer..",
                        "io.switchboard.service..",
                        "io.switchboard.customer360.api..", "io.switchboard.customer360.persistence..",
                        "io.switchboard.customer360.messaging..")
                .because("the planner and resolver are tested and benchmarked alone; give the domain a port and "
                        + "implement it in persistence or messaging")
                .check(CUSTOMER360);
    }

    @Test
    void storageKnowsNothingOfMessagingOrTheApi() {
        noClasses().that().resideInAPackage("io.switchboard.customer360.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.customer360.messaging..",
                        "io.switchboard.customer360.api..")
                .because("messaging and the API call storage; storage calling back up makes the layers a cycle")
                .check(CUSTOMER360);
    }

    @Test
    void messagingDoesNotCallTheApi() {
        noClasses().that().resideInAPackage("io.switchboard.customer360.messaging..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.customer360.api..")
                .because("consumers and the relay work without a request; share logic through the domain or storage")
                .check(CUSTOMER360);
    }
}
