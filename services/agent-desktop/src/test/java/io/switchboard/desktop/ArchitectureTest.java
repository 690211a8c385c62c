package io.switchboard.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The desktop's layering, as sms-channel has it: {@code domain} is plain Java behind ports
 * ({@code InboxStore}, {@code CommandBus}, {@code Pushes}, {@code LiveSockets}); {@code persistence},
 * {@code messaging}, {@code api} and {@code config} depend on it, never the reverse.
 */
class ArchitectureTest {

    private static final JavaClasses DESKTOP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard.desktop");

    @Test
    void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage("io.switchboard.desktop.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..", "org.apache.kafka..",
                        "jakarta..", "javax.sql..", "java.sql..", "org.jboss..", "org.eclipse.microprofile..", "io.micrometer..",
                        "io.switchboard.service..", "io.switchboard.desktop.api..", "io.switchboard.desktop.persistence..",
                        "io.switchboard.desktop.messaging..", "io.switchboard.desktop.config..")
                .because("the domain is tested and reasoned about alone; give it a port in domain/ and implement it in an adapter,"
                        + " and refuse a request with a DesktopException, which api/ turns into its problem response")
                .check(DESKTOP);
    }

    @Test
    void storageKnowsNothingOfMessagingOrTheApi() {
        noClasses().that().resideInAPackage("io.switchboard.desktop.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.desktop.messaging..", "io.switchboard.desktop.api..")
                .because("messaging and the API call storage through the domain; storage calling back up makes the layers a cycle")
                .check(DESKTOP);
    }

    @Test
    void messagingDoesNotCallTheApi() {
        noClasses().that().resideInAPackage("io.switchboard.desktop.messaging..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.desktop.api..")
                .because("consumers work without a request; share logic through the domain instead")
                .check(DESKTOP);
    }
}
