package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.events.TopicAccess.ServiceAccess;

/** Issue 14: each service writes only the topics it owns; configuration only from the admin console. */
class TopicAccessTest {

    @Test
    void onlyTheAdminConsoleWritesConfiguration() {
        assertThat(TopicAccess.writersOf(Topics.CONFIG)).containsExactly("admin-console");
    }

    @Test
    void onlyCustomer360WritesCustomersAndOnlyRoutingWritesRoutingDecisions() {
        assertThat(TopicAccess.writersOf(Topics.CUSTOMERS)).containsExactly("customer360");
        assertThat(TopicAccess.writersOf(Topics.ROUTING)).containsExactly("routing");
        assertThat(TopicAccess.writersOf(TopicAccess.ROUTING_COMMANDS)).containsExactly("routing");
    }

    @Test
    void everyServiceThatConsumesMayDeadLetterWhatItRefuses() {
        for (ServiceAccess access : TopicAccess.all().values()) {
            assertThat(access.mayWrite(Topics.DEAD_LETTER)).as(access.service()).isEqualTo(!access.reads().isEmpty());
        }
    }

    @Test
    void everyTopicHasAWriterAndEveryReadTopicExists() {
        Set<String> known = new java.util.HashSet<>(Topics.all().stream().map(Topics.TopicSpec::name).toList());
        known.add(TopicAccess.ROUTING_COMMANDS);
        for (String topic : known) {
            assertThat(TopicAccess.writersOf(topic)).as("writers of %s", topic).isNotEmpty();
        }
        for (ServiceAccess access : TopicAccess.all().values()) {
            assertThat(known).as("topics of %s", access.service()).containsAll(access.writes()).containsAll(access.reads())
                    .containsAll(access.creates());
        }
    }

    @Test
    void eachChannelReadsOnlyItsOwnOutboundTopic() {
        assertThat(TopicAccess.of("sms-channel").orElseThrow().reads()).contains(Topics.outbound(Channel.SMS))
                .doesNotContain(Topics.outbound(Channel.EMAIL), Topics.outbound(Channel.CHAT));
        assertThat(TopicAccess.of("voice-gateway").orElseThrow().mayRead(Topics.outbound(Channel.VOICE))).isTrue();
        assertThat(TopicAccess.of("voice-gateway").orElseThrow().mayRead(Topics.outbound(Channel.CHAT))).isFalse();
    }

    @Test
    void noServicesGroupPrefixMatchesAnotherServicesGroups() {
        for (ServiceAccess access : TopicAccess.all().values()) {
            assertThat(access.mayUseGroup("switchboard-" + access.service() + "-config-1")).isTrue();
            for (ServiceAccess other : TopicAccess.all().values()) {
                if (other != access) {
                    assertThat(access.mayUseGroup("switchboard-" + other.service()))
                            .as("%s may use %s's group", access.service(), other.service()).isFalse();
                }
            }
        }
    }

    @Test
    void unknownServiceHasNoRights() {
        assertThat(TopicAccess.of("intruder")).isEmpty();
    }
}
