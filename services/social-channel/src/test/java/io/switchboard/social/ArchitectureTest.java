package io.switchboard.social;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/**
 * The channel's layering: the shared rules of {@link LayeredArchitecture}, plus its {@code provider}
 * package (the platforms' clients), which is an adapter like {@code messaging}. The domain may use
 * Jackson's tree model for the platforms' payloads, but never calls a platform itself.
 */
class ArchitectureTest {

    private static final LayeredArchitecture SOCIAL = LayeredArchitecture.of("io.switchboard.social")
            .allowingInDomain("com.fasterxml.jackson.core..", "com.fasterxml.jackson.databind..");

    @Test
    void followsTheSharedLayering() {
        SOCIAL.check();
    }

    @Test
    void theDomainCallsNoPlatform() {
        noClasses().that().resideInAPackage("io.switchboard.social.domain..")
                .should().dependOnClassesThat().resideInAPackage("java.net.http..")
                .because("the platforms are reached through a port in domain/ that provider/ implements")
                .check(SOCIAL.classes());
    }

    @Test
    void storageKnowsNothingOfProviders() {
        noClasses().that().resideInAPackage("io.switchboard.social.persistence..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.social.provider..")
                .because("the providers call storage through the domain; storage calling back up makes the layers a cycle")
                .check(SOCIAL.classes());
    }

    @Test
    void providersDoNotCallTheApi() {
        noClasses().that().resideInAPackage("io.switchboard.social.provider..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.social.api..")
                .because("platform clients work without a request; share logic through the domain instead")
                .check(SOCIAL.classes());
    }
}
