package io.switchboard.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Every Kafka topic of the platform, with the partitions and clean-up policy it is created with.
 * The test brokers and the local launcher both create topics from {@link #all()}.
 */
public final class Topics {

    /** Contacts as the channels see them: created, messages in and out, ended. Key: contact id. */
    public static final String CONTACTS = "switchboard.contacts.v1";
    /** Routing decisions: queued, offered, assigned, rejected, abandoned, transferred. Key: contact id. */
    public static final String ROUTING = "switchboard.routing.v1";
    /** Agent presence and offer answers. Key: agent id. */
    public static final String AGENTS = "switchboard.agents.v1";
    /** Configuration snapshots (tenants, queues, agents), compacted. Key: the snapshot's subject. */
    public static final String CONFIG = "switchboard.config.v1";
    /** Agents' SIP phone credentials (digest HA1s), compacted; only the console writes it, only the voice gateway reads it. Key: phone:&lt;agent&gt;. */
    public static final String PHONE_CREDENTIALS = "switchboard.phone-credentials.v1";
    /** Customer snapshots (compacted) and merges. Key: customer id. */
    public static final String CUSTOMERS = "switchboard.customers.v1";
    /** Customers' opt-outs per tenant and address (SMS STOP, do-not-call), compacted. Key: optout:&lt;tenant&gt;:&lt;address&gt;. */
    public static final String CONSENT = "switchboard.consent.v1";
    /** Records a service could not process, with the reason. */
    public static final String DEAD_LETTER = "switchboard.deadletter.v1";

    private static final String OUTBOUND_PATTERN = "switchboard.outbound.%s.v1";

    /** The partitions and clean-up policy a topic is created with. */
    public record TopicSpec(String name, int partitions, boolean compacted) {
    }

    private Topics() {
    }

    /** Replies and other commands a channel service delivers, e.g. {@code switchboard.outbound.chat.v1}. */
    public static String outbound(Channel channel) {
        return OUTBOUND_PATTERN.formatted(channel.slug());
    }

    public static List<TopicSpec> all() {
        List<TopicSpec> topics = new ArrayList<>(List.of(
                new TopicSpec(CONTACTS, 6, false),
                new TopicSpec(ROUTING, 6, false),
                new TopicSpec(AGENTS, 6, false),
                new TopicSpec(CONFIG, 3, true),
                new TopicSpec(PHONE_CREDENTIALS, 3, true),
                new TopicSpec(CUSTOMERS, 3, true),
                new TopicSpec(CONSENT, 3, true),
                new TopicSpec(DEAD_LETTER, 3, false)));
        for (Channel channel : Channel.values()) {
            topics.add(new TopicSpec(outbound(channel), 3, false));
        }
        return List.copyOf(topics);
    }
}
