package io.switchboard.social;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The channel's layering, as routing, customer360 and the admin console have it: {@code domain} is
 * plain Java behind ports; {@code persistence}, {@code messaging}, {@code provider} and {@code api}
 * depend on it, never the reverse.
 */
class ArchitectureTest {

    private static final JavaClasses SOCIAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard.social");

    @Test
    void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage("io.switchboard.social.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..",
                        "org.apache.kafka..", "jakarta..", "javax.sql..", "java.sql..", "java.net.http..", "org.jboss..",
                        "org.eclipse.microprofile..", "io.switchboard.service..",
                        "io.switchboard.social.api..", "io.switchboard.social.persistence..", "io.switchboard.social.messaging..",
                        "io.switchboard.social.provider..", "io.switchboard.social.config..")
                .because("the domain is tested and reasoned about alone; give it a port in domain/ and implement it in an adapter")
                .check(SOCIAL);
    }

    @Test
    void storageKnowsNothingOfMessagingProvidersOrTheApi() {
        noClasses().that().resideInAPackage("io.switchboard.social.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.social.messaging..",
                        "io.switchboard.social.api..", "io.switchboard.social.provider..")
                .because("messaging and the API call storage; storage calling back up makes the layers a cycle")
                .check(SOCIAL);
    }

    @Test
    void adaptersDoNotCallTheApi() {
        noClasses().that().resideInAnyPackage("io.switchboard.social.messaging..", "io.switchboard.social.provider..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.social.api..")
                .because("consumers and platform clients work without a request; share logic through the domain instead")
                .check(SOCIAL);
    }
}
