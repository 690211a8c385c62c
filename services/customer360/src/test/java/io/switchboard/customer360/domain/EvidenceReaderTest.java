package io.switchboard.customer360.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.SocialPlatform;

class EvidenceReaderTest {

    @Test
    void aCallersNumberIsProofButATypedOneIsNot() {
        Address caller = Address.phone("+442079460958", null);
        ContactEvidence voice = EvidenceReader.read(Contacts.created(Channel.VOICE, caller, Map.of()), "GB");
        assertThat(voice.identifiers()).containsExactly(new Evidence(caller, true));

        ContactEvidence chat = EvidenceReader.read(Contacts.created(Channel.CHAT, Address.chatVisitor("v-1"),
                Map.of("phone", "020 7946 0958")), "GB");
        assertThat(chat.identifiers()).containsExactly(
                new Evidence(Address.chatVisitor("v-1"), false), new Evidence(caller, false));
    }

    @Test
    void anEmailIsProofOnlyWhenTheChannelVerifiedIt() {
        Address jane = Address.email("Jane@Example.com");
        assertThat(EvidenceReader.read(Contacts.created(Channel.EMAIL, jane, Map.of()), null).identifiers())
                .containsExactly(new Evidence(jane, false));
        assertThat(EvidenceReader.read(Contacts.created(Channel.EMAIL, jane, Map.of("email.verified", "true")), null)
                .identifiers()).containsExactly(new Evidence(jane, true));
    }

    @Test
    void aWhatsAppSenderIsProvenByTheirIdAndTheNumberThePlatformVerified() {
        Address whatsapp = Address.social(SocialPlatform.WHATSAPP, "447400123456");
        Address mobile = Address.phone("+447400123456", null);
        ContactEvidence evidence = EvidenceReader.read(Contacts.created(Channel.SOCIAL, whatsapp,
                Map.of("phone", "+447400123456", "phone.verified", "true", "name", "Pat")), "GB");
        assertThat(evidence.identifiers()).containsExactly(new Evidence(whatsapp, true), new Evidence(mobile, true));

        ContactEvidence unverified = EvidenceReader.read(Contacts.created(Channel.SOCIAL, whatsapp,
                Map.of("phone", "+447400123456")), "GB");
        assertThat(unverified.identifiers()).containsExactly(new Evidence(whatsapp, true), new Evidence(mobile, false));
    }

    @Test
    void aBadHintIsDroppedAndTheContactKept() {
        ContactEvidence evidence = EvidenceReader.read(Contacts.created(Channel.CHAT, Address.chatVisitor("v-2"),
                Map.of("email", "not an email", "phone", "call me maybe", "name", " Jane Doe ")), "GB");
        assertThat(evidence.identifiers()).extracting(Evidence::address).containsExactly(Address.chatVisitor("v-2"));
        assertThat(evidence.displayName()).isEqualTo("Jane Doe");
    }

    @Test
    void phoneHintsInManyFormatsReadAsOneNumber() {
        Address expected = Address.phone("+442079460958", null);
        for (String written : new String[] { "020 7946 0958", "+44 20 7946 0958", "0044 20 7946 0958",
                "(020) 7946-0958", "tel:+44-20-7946-0958", "+44 (0)20 7946 0958" }) {
            ContactEvidence evidence = EvidenceReader.read(Contacts.created(Channel.CHAT, Address.chatVisitor("v"),
                    Map.of("phone", written)), "GB");
            assertThat(evidence.identifiers()).as(written).extracting(Evidence::address).contains(expected);
        }
    }
}
