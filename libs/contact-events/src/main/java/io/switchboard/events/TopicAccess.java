package io.switchboard.events;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which Kafka topics each service may write and read, and under which consumer group and transactional
 * id prefixes: the table the brokers' ACLs are made from (helm's KafkaUsers, the kafka-acls.sh commands
 * of the chart's notes). A service writes only the topics it owns, so configuration comes only from the
 * admin console. Every service that consumes writes the dead-letter topic: what it cannot take goes
 * there ({@code Refusals}). Service names are those of deploy/local/config/services.conf and the chart.
 */
public final class TopicAccess {

    /** Routing's internal topic, re-keyed by routing domain (routing's switchboard.routing.commands-topic). */
    public static final String ROUTING_COMMANDS = "switchboard.routing.commands.v1";

    /**
     * One service's rights.
     *
     * @param writes                  topics it produces to
     * @param reads                   topics it consumes
     * @param creates                 topics it creates at start when missing
     * @param groupPrefixes           prefixes of the consumer group ids it uses
     * @param transactionalIdPrefixes prefixes of its producers' transactional ids (none uses transactions yet)
     */
    public record ServiceAccess(String service, Set<String> writes, Set<String> reads, Set<String> creates,
            Set<String> groupPrefixes, Set<String> transactionalIdPrefixes) {

        public ServiceAccess {
            writes = Set.copyOf(writes);
            reads = Set.copyOf(reads);
            creates = Set.copyOf(creates);
            groupPrefixes = Set.copyOf(groupPrefixes);
            transactionalIdPrefixes = Set.copyOf(transactionalIdPrefixes);
        }

        public boolean mayWrite(String topic) {
            return writes.contains(topic);
        }

        public boolean mayRead(String topic) {
            return reads.contains(topic);
        }

        public boolean mayUseGroup(String groupId) {
            return groupPrefixes.stream().anyMatch(groupId::startsWith);
        }
    }

    /**
     * The topics outside producers (a CRM, a ticketing tool, a bot platform) publish to, granted to their
     * Kafka principals by the operator (docs/integrators.md). Every consumer checks what it reads from them
     * against the published JSON Schemas before acting on it.
     */
    public static final Set<String> OPEN_TO_INTEGRATORS = Set.of(Topics.CONTACTS);

    private static final Map<String, ServiceAccess> SERVICES = table();

    private TopicAccess() {
    }

    /** Every service's rights, by service name. */
    public static Map<String, ServiceAccess> all() {
        return SERVICES;
    }

    public static Optional<ServiceAccess> of(String service) {
        return Optional.ofNullable(SERVICES.get(service));
    }

    /** The services that may write a topic. */
    public static Set<String> writersOf(String topic) {
        return SERVICES.values().stream().filter(s -> s.mayWrite(topic)).map(ServiceAccess::service)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, ServiceAccess> table() {
        Map<String, ServiceAccess> services = new LinkedHashMap<>();
        add(services, "admin-console",
                Set.of(Topics.CONFIG, Topics.PHONE_CREDENTIALS, Topics.DEAD_LETTER),
                Set.of(Topics.ROUTING));
        // Every outbound topic: auto-replies (ReplyRequested) go to the contact's channel.
        Set<String> allOutbound = Arrays.stream(Channel.values()).map(Topics::outbound).collect(Collectors.toSet());
        add(services, "routing",
                union(Set.of(Topics.ROUTING, Topics.AGENTS, Topics.DEAD_LETTER, ROUTING_COMMANDS), allOutbound),
                Set.of(Topics.CONTACTS, Topics.AGENTS, Topics.CONFIG, ROUTING_COMMANDS),
                Set.of(ROUTING_COMMANDS));
        // Chat transcripts are sent as email replies.
        add(services, "chat-channel",
                Set.of(Topics.CONTACTS, Topics.outbound(Channel.EMAIL), Topics.DEAD_LETTER),
                Set.of(Topics.outbound(Channel.CHAT), Topics.CONTACTS, Topics.ROUTING, Topics.CONFIG));
        // Agents' replies on any channel, call control and dialling on the voice topic.
        add(services, "agent-desktop",
                union(Set.of(Topics.AGENTS, Topics.CONTACTS, Topics.DEAD_LETTER), allOutbound),
                Set.of(Topics.CONTACTS, Topics.ROUTING, Topics.AGENTS, Topics.CONFIG));
        add(services, "email-channel",
                Set.of(Topics.CONTACTS, Topics.DEAD_LETTER),
                Set.of(Topics.outbound(Channel.EMAIL), Topics.CONTACTS, Topics.ROUTING, Topics.CONFIG));
        add(services, "customer360",
                Set.of(Topics.CUSTOMERS, Topics.DEAD_LETTER),
                Set.of(Topics.CONTACTS, Topics.ROUTING, Topics.CONFIG));
        // Offer answers and transfers from agents' phones go to the agents topic.
        // Opt-outs: no survey call to a number that asked not to be called.
        add(services, "voice-gateway",
                Set.of(Topics.CONTACTS, Topics.AGENTS, Topics.DEAD_LETTER),
                Set.of(Topics.outbound(Channel.VOICE), Topics.ROUTING, Topics.CONFIG, Topics.PHONE_CREDENTIALS, Topics.CONSENT));
        // STOP and START keywords become opt-outs on the consent topic.
        add(services, "sms-channel",
                Set.of(Topics.CONTACTS, Topics.CONSENT, Topics.DEAD_LETTER),
                Set.of(Topics.outbound(Channel.SMS), Topics.CONTACTS, Topics.CONFIG));
        add(services, "social-channel",
                Set.of(Topics.CONTACTS, Topics.DEAD_LETTER),
                Set.of(Topics.outbound(Channel.SOCIAL), Topics.CONTACTS, Topics.CONFIG));
        // Interval figures from the contacts, routing and agents topics; thresholds and time
        // zones from config; customer360's identities for first-contact resolution.
        add(services, "reporting",
                Set.of(Topics.DEAD_LETTER),
                Set.of(Topics.CONTACTS, Topics.ROUTING, Topics.AGENTS, Topics.CONFIG, Topics.CUSTOMERS));
        // Campaign calls go to the voice gateway; attempts' results, answered calls and wrap-ups come back;
        // queue figures for pacing; do-not-call entries are published as opt-outs.
        add(services, "campaigns",
                Set.of(Topics.outbound(Channel.VOICE), Topics.CONSENT, Topics.DEAD_LETTER),
                Set.of(Topics.CONTACTS, Topics.ROUTING, Topics.AGENTS, Topics.CONFIG, Topics.CONSENT));
        add(services, "fax-channel",
                Set.of(Topics.CONTACTS, Topics.DEAD_LETTER),
                Set.of(Topics.outbound(Channel.FAX), Topics.ROUTING, Topics.CONFIG));
        return Map.copyOf(services);
    }

    private static void add(Map<String, ServiceAccess> services, String service, Set<String> writes, Set<String> reads) {
        add(services, service, writes, reads, Set.of());
    }

    /** Group ids are switchboard-&lt;service&gt;[-suffix], so the prefix of one service never matches another's. */
    private static void add(Map<String, ServiceAccess> services, String service, Set<String> writes, Set<String> reads,
            Set<String> creates) {
        services.put(service, new ServiceAccess(service, writes, reads, creates, Set.of("switchboard-" + service), Set.of()));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
