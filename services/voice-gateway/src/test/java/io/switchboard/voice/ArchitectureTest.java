package io.switchboard.voice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/**
 * The voice gateway's layering (issue 15). The shared rules of {@link LayeredArchitecture}:
 * {@code domain} holds the call state machine and its ports ({@code domain.port}) in plain Java, and
 * {@code sip}, {@code media}, {@code messaging}, {@code persistence} and {@code config} depend on it,
 * never the reverse, without cycles. The domain may still carry CDI scope annotations and JBoss
 * logging, use service-base's entry-point directory and token buckets (plain Java) and libphonenumber (the dial plan's
 * number classification, plain Java). Then the voice gateway's own
 * rules: the SIP stack stays behind {@code sip/} (ADR 0005), and the adapters reach each other only
 * through the call flow.
 */
class ArchitectureTest {

    private static final String ROOT = "io.switchboard.voice";
    private static final LayeredArchitecture VOICE = LayeredArchitecture.of(ROOT)
            .allowingInDomain("jakarta.enterprise.context..", "org.jboss.logging..", "io.switchboard.service.config..",
                    "io.switchboard.service.ratelimit..", "com.google.i18n.phonenumbers..");

    @Test
    void followsTheSharedLayering() {
        VOICE.check();
    }

    @Test
    void sipTypesStayInTheSipPackage() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".sip..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "javax.sdp..", "gov.nist..")
                .because("ADR 0005 isolates the JAIN-SIP stack behind sip/ so it can be replaced; name legs by Call-ID and "
                        + "keep dialogs and transactions in sip/SipLegs")
                .check(VOICE.classes());
    }

    @Test
    void kafkaConsumersGiveTheCallFlowCommandsNotTheSipSide() {
        noClasses().that().resideInAnyPackage(ROOT + ".messaging..", ROOT + ".persistence..", ROOT + ".media..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".sip..")
                .because("consumers give the call flow commands (CallFlow.routing(), CallFlow.agents()); the flow's effects "
                        + "reach SIP through the Signalling port")
                .check(VOICE.classes());
    }

    @Test
    void theSipSideReachesTheBrokerAndTheJournalOnlyThroughTheCallFlow() {
        noClasses().that().resideInAPackage(ROOT + ".sip..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".messaging..", ROOT + ".persistence..")
                .because("the SIP side reports to the call flow (CallFlow.signalling()), whose effects reach the broker and "
                        + "the journal through the ContactEvents and CallJournal ports")
                .check(VOICE.classes());
    }
}
