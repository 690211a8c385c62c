package io.switchboard.voice.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The settings the call flow reads, as plain values (the config layer builds them).
 *
 * @param maxCalls           calls in progress above which a new INVITE is refused
 * @param maxCallDuration    a call still up after this is hung up
 * @param comfortInterval    how often a waiting caller hears the expected wait
 * @param ringTimeout        how long an agent's phone (own calls) or an outside number may ring
 * @param outboundTrunk      whether an outbound trunk is configured (own calls, transfers out)
 * @param menus              the IVR menus of the gateway's configuration by DID (a tenant's own menu for a DID wins)
 * @param dialPolicies       tenants' own rules for calls to the public network (others have {@link DialPolicy#DEFAULT})
 * @param dialRates          how many calls to the public network an agent and a tenant may start
 * @param survey             the satisfaction survey after a call the agent ended
 * @param campaign           campaigns' calls (issue 22)
 */
public record CallSettings(int maxCalls, Duration maxCallDuration, Duration comfortInterval, Duration ringTimeout,
        boolean outboundTrunk, Map<String, IvrMenu> menus, Map<String, DialPolicy> dialPolicies, DialRates dialRates, Survey survey,
        Campaign campaign) {

    /**
     * Campaigns' calls: the answering-machine values of the carrier's header (compared without case), how
     * long a survey call's customer has to press a key after each question, and how old a request may be
     * when it arrives (an older one is refused: the campaign's pacing has moved on).
     */
    public record Campaign(Set<String> machineValues, Duration keyTimeout, Duration maxRequestAge) {

        public static final Campaign DEFAULTS = new Campaign(
                Set.of("machine", "machine_start", "machine_end_beep", "machine_end_silence", "machine_end_other", "fax"),
                Duration.ofSeconds(8), Duration.ofSeconds(60));
    }

    /** Whether callers are asked to rate the call when the agent hangs up, and how long they have to press a key after the question. */
    public record Survey(boolean enabled, Duration timeout) {

        public static final Survey OFF = new Survey(false, Duration.ofSeconds(8));
    }

    /** Per minute, for each agent and each tenant; at most {@code maxTracked} agents (and tenants) are remembered. */
    public record DialRates(int perAgentPerMinute, int perTenantPerMinute, int maxTracked) {
    }
}
