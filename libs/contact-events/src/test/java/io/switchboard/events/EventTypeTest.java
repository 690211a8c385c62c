package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void everyRecordUnderTheSealedInterfaceHasExactlyOneType() {
        List<Class<?>> records = new ArrayList<>();
        collectRecords(SwitchboardEvent.class, records);
        assertThat(records).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(EventType.values()).map(EventType::recordClass).toList());
    }

    @Test
    void typesAreVersionedReverseDnsNamesOnKnownTopics() {
        List<String> topics = Topics.all().stream().map(Topics.TopicSpec::name).toList();
        for (EventType type : EventType.values()) {
            assertThat(type.type()).startsWith("io.switchboard.").endsWith(".v1");
            assertThat(topics).containsAll(type.topics());
            assertThat(EventType.ofType(type.type())).contains(type);
        }
        assertThat(EventType.ofType("io.switchboard.nope.v1")).isEmpty();
    }

    @Test
    void everySampleIsOfItsOwnType() {
        Samples.all().forEach((type, event) -> assertThat(EventType.of(event)).isEqualTo(type));
        assertThat(Samples.all()).hasSize(EventType.values().length);
    }

    @Test
    void topicsAreTheDocumentedOnes() {
        assertThat(Topics.outbound(Channel.CHAT)).isEqualTo("switchboard.outbound.chat.v1");
        assertThat(Topics.all()).extracting(Topics.TopicSpec::name).contains(
                "switchboard.contacts.v1", "switchboard.routing.v1", "switchboard.agents.v1", "switchboard.config.v1",
                "switchboard.customers.v1", "switchboard.deadletter.v1", "switchboard.outbound.email.v1",
                "switchboard.phone-credentials.v1", "switchboard.consent.v1", "switchboard.outbound.fax.v1");
        assertThat(Topics.all()).filteredOn(Topics.TopicSpec::compacted).extracting(Topics.TopicSpec::name)
                .containsExactlyInAnyOrder(Topics.CONFIG, Topics.CUSTOMERS, Topics.PHONE_CREDENTIALS, Topics.CONSENT);
    }

    private static void collectRecords(Class<?> type, List<Class<?>> into) {
        if (type.isRecord()) {
            into.add(type);
        } else {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collectRecords(permitted, into);
            }
        }
    }

    @Test
    void aReplyGoesToItsChannelsOutboundTopicAndNeedsSomethingToSay() {
        ReplyRequested reply = (ReplyRequested) Samples.all().get(EventType.REPLY_REQUESTED);
        assertThat(EventType.topicOf(reply)).isEqualTo("switchboard.outbound.chat.v1");
        assertThat(EventType.topicOf(Samples.all().get(EventType.CONTACT_CREATED))).isEqualTo(Topics.CONTACTS);
        assertThatThrownBy(EventType.REPLY_REQUESTED::topic).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ReplyRequested(reply.eventId(), reply.tenantId(), reply.occurredAt(), reply.contactId(),
                reply.messageId(), reply.channel(), reply.agentId(), " ", java.util.List.of(), java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text or an attachment");
    }
}
