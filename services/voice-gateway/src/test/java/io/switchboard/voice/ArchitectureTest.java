package io.switchboard.voice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The voice gateway's layering (issue 15): {@code domain} holds the call state machine and its ports
 * ({@code domain.port}) in plain Java; {@code sip}, {@code media}, {@code messaging} and
 * {@code persistence} implement the ports or feed the machine commands; {@code config} wires them.
 * The domain may still carry CDI scope annotations and JBoss logging, and use the shared event
 * records and service-base's entry-point directory (plain Java).
 */
class ArchitectureTest {

    private static final String ROOT = "io.switchboard.voice";
    private static final JavaClasses VOICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage(ROOT + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..",
                        "org.eclipse.microprofile..", "jakarta.ws.rs..", "jakarta.persistence..", "javax.sip..", "javax.sdp..",
                        "gov.nist..", "java.sql..", "javax.sql..", "org.apache.kafka..", "io.micrometer..",
                        "io.switchboard.service.messaging..", "io.switchboard.service.api..")
                .because("the call flow is tested without SIP, a broker or a database; give what it needs a port in domain/port "
                        + "and implement it in sip/, media/, messaging/ or persistence/")
                .check(VOICE);
    }

    @Test
    void theDomainKnowsNoOtherLayer() {
        noClasses().that().resideInAPackage(ROOT + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".sip..", ROOT + ".media..", ROOT + ".messaging..",
                        ROOT + ".persistence..", ROOT + ".api..", ROOT + ".config..")
                .because("adapters depend on the domain, never the reverse: pass settings as plain values (CallSettings) "
                        + "and reach adapters through a port in domain/port")
                .check(VOICE);
    }

    @Test
    void sipTypesStayInTheSipPackage() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".sip..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "javax.sdp..", "gov.nist..")
                .because("ADR 0005 isolates the JAIN-SIP stack behind sip/ so it can be replaced; name legs by Call-ID and "
                        + "keep dialogs and transactions in sip/SipLegs")
                .check(VOICE);
    }

    @Test
    void adaptersTalkToEachOtherOnlyThroughTheDomain() {
        noClasses().that().resideInAnyPackage(ROOT + ".messaging..", ROOT + ".persistence..", ROOT + ".media..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".sip..")
                .because("Kafka consumers give the call flow commands (CallFlow.routing(), CallFlow.agents()), not the SIP side")
                .check(VOICE);
        noClasses().that().resideInAPackage(ROOT + ".sip..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".messaging..", ROOT + ".persistence..")
                .because("the SIP side reports to the call flow, whose effects reach the broker and the journal through ports")
                .check(VOICE);
    }

    @Test
    void thePackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
                .because("a cycle between layers means one of them should be a port in domain/port")
                .check(VOICE);
    }
}
