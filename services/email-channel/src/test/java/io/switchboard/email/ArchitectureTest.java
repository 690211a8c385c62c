package io.switchboard.email;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The email channel's layering, as sms-channel and admin-console have it: {@code domain} is plain Java behind
 * ports ({@code *Store}, the event publisher, the mail relay); {@code persistence}, {@code messaging} and {@code api}
 * implement or call them, never the reverse. The domain may still carry CDI scope annotations, JBoss
 * logging and Jackson annotations on its frame records, and may use service-base's entry-point
 * directory (plain Java) and Jakarta Mail's MIME parser (parsing mail is its logic); it reads no
 * configuration API: {@code config} hands it plain settings.
 */
class ArchitectureTest {

    private static final String ROOT = "io.switchboard.email";
    private static final JavaClasses EMAIL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage(ROOT + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..",
                        "org.apache.kafka..", "javax.sql..", "java.sql..", "jakarta.ws.rs..", "jakarta.persistence..",
                        "org.eclipse.microprofile..", "io.switchboard.service.api..",
                        "io.switchboard.service.messaging..", "io.switchboard.service.security..",
                        ROOT + ".api..", ROOT + ".persistence..", ROOT + ".messaging..", ROOT + ".config..")
                .because("the domain is tested and reasoned about alone; give it a port in domain/ and implement it in an adapter")
                .check(EMAIL);
    }

    @Test
    void storageKnowsNothingOfMessagingOrTheApi() {
        noClasses().that().resideInAPackage(ROOT + ".persistence..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".messaging..", ROOT + ".api..")
                .because("messaging and the API call storage; storage calling back up makes the layers a cycle")
                .check(EMAIL);
    }

    @Test
    void messagingDoesNotCallTheApi() {
        noClasses().that().resideInAPackage(ROOT + ".messaging..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".api..")
                .because("consumers and publishers work without a request; share logic through the domain instead")
                .check(EMAIL);
    }

    @Test
    void thePackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
                .because("a cycle between layers means one of them should be a port in domain/")
                .check(EMAIL);
    }
}
