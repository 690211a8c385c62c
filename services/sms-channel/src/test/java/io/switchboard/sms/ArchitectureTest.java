package io.switchboard.sms;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The channel's layering, as admin-console and routing have it: {@code domain} is plain Java behind
 * ports; {@code persistence}, {@code messaging} and {@code api} depend on it, never the reverse.
 */
class ArchitectureTest {

    private static final JavaClasses SMS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard.sms");

    @Test
    void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage("io.switchboard.sms.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "org.apache.kafka..",
                        "jakarta..", "javax.sql..", "java.sql..", "org.jboss..", "org.eclipse.microprofile..", "org.jsmpp..",
                        "com.fasterxml..", "io.micrometer..", "io.switchboard.service..",
                        "io.switchboard.sms.api..", "io.switchboard.sms.persistence..", "io.switchboard.sms.messaging..",
                        "io.switchboard.sms.config..")
                .because("the domain is tested and reasoned about alone; give it a port in domain/ and implement it in an adapter")
                .check(SMS);
    }

    @Test
    void storageKnowsNothingOfMessagingOrTheApi() {
        noClasses().that().resideInAPackage("io.switchboard.sms.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.sms.messaging..", "io.switchboard.sms.api..")
                .because("messaging and the API call storage; storage calling back up makes the layers a cycle")
                .check(SMS);
    }

    @Test
    void messagingDoesNotCallTheApi() {
        noClasses().that().resideInAPackage("io.switchboard.sms.messaging..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.sms.api..")
                .because("consumers and provider clients work without a request; share logic through the domain instead")
                .check(SMS);
    }
}
