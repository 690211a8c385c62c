package io.switchboard.admin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The console's layering, as routing and customer360 have it: {@code domain} is plain Java behind
 * ports; {@code persistence}, {@code messaging} and {@code api} depend on it, never the reverse, and
 * the storage adapters know nothing of messaging or the REST layer.
 */
class ArchitectureTest {

    private static final JavaClasses CONSOLE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard.admin");

    @Test
    void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage("io.switchboard.admin.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "org.apache.kafka..",
                        "org.keycloak..", "jakarta..", "javax.sql..", "org.jboss..", "org.eclipse.microprofile..",
                        "io.switchboard.service..",
                        "io.switchboard.admin.api..", "io.switchboard.admin.persistence..", "io.switchboard.admin.messaging..",
                        "io.switchboard.admin.config..")
                .because("the domain is tested and reasoned about alone; give it a port in domain/ and implement it in an adapter")
                .check(CONSOLE);
    }

    @Test
    void storageKnowsNothingOfMessagingOrTheApi() {
        noClasses().that().resideInAPackage("io.switchboard.admin.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.admin.messaging..", "io.switchboard.admin.api..")
                .because("messaging and the API call storage; storage calling back up makes the layers a cycle")
                .check(CONSOLE);
    }

    @Test
    void messagingDoesNotCallTheApi() {
        noClasses().that().resideInAPackage("io.switchboard.admin.messaging..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.admin.api..")
                .because("consumers and relays work without a request; share logic through the domain instead")
                .check(CONSOLE);
    }
}
