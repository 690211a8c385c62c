package io.switchboard.voice.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's settings ({@code switchboard.voice.*}). */
@ConfigMapping(prefix = "switchboard.voice")
public interface VoiceConfig {

    Sip sip();

    Media media();

    /** Source addresses (IP literals) whose INVITEs are admitted as trunk calls; anything else gets 403. */
    List<String> trunks();

    /**
     * Trunks that authenticate with digest, by name: INVITEs from their {@code addresses} (or, for a
     * trunk that registers, from where it registered) are challenged before they are admitted.
     */
    Map<String, TrunkAccount> trunkAccounts();

    /** Digest realm of the agents' phones and the trunks. */
    @WithDefault("switchboard")
    String realm();

    /** Each agent's SIP password, by agent id (the phone registers as {@code sip:<agent>@…}). */
    Map<String, String> phones();

    Registration registration();

    /** Per-source-address limits on INVITE and REGISTER (against SIP floods). */
    RateLimit rateLimit();

    /** Agents' own calls (click-to-call) through the carrier. */
    Outbound outbound();

    /**
     * Tenants' own rules for calls to the public network, by tenant id. A tenant not named: numbers in
     * its own default region only, no premium-rate, shared-cost or personal numbers, no short codes.
     */
    Map<String, DialPlan> dialPlan();

    /** Caps on calls to the public network (agents' own calls and transfers to numbers). */
    DialRate dialRate();

    /**
     * The IVR of each DID (E.164) whose tenant's configuration gives it none: its prompt and which digit
     * goes to which of the tenant's voice entry points.
     */
    Map<String, Ivr> ivr();

    /** Where the WAV files of recorded calls go: {@code <contact id>-caller.wav} and {@code -agent.wav}. */
    @WithDefault("recordings")
    String recordingsDir();

    /** The satisfaction survey (1 to 5 by DTMF) a caller hears when the agent hangs up. */
    Survey survey();

    /** Campaigns' calls (issue 22): answering-machine detection as the carrier reports it, survey keys, stale requests. */
    Campaign campaign();

    /** How often a waiting caller is told the expected wait between the queue audio. */
    @WithDefault("30s")
    Duration comfortInterval();

    /**
     * Where the contacts of calls in progress are noted (a file each), so that a gateway restarted
     * after a crash ends them; keep it on a volume that outlives the process.
     */
    @WithDefault("voice-journal")
    String journalDir();

    /** Calls in progress on one instance above which new INVITEs get 503 (overload protection). */
    @WithDefault("2000")
    int maxCalls();

    /** A call still up after this long is hung up (a caller that vanished without a BYE never holds resources for ever). */
    @WithDefault("4h")
    Duration maxCallDuration();

    /** How long a command to Kafka may wait for the broker. */
    @WithDefault("5s")
    Duration publishTimeout();

    /**
     * How often the gateway asks the brokers whether they answer; from a probe unanswered for twice this
     * until one is answered, new calls get 503 with Retry-After.
     */
    @WithDefault("1s")
    Duration brokerProbeInterval();

    interface Sip {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5060")
        int port();

        /** udp, tcp or both. */
        @WithDefault("udp,tcp")
        List<String> transports();

        /**
         * The address peers reach us at when it is not the one we bind (behind NAT, a Kubernetes
         * LoadBalancer): named in Via, Contact and From of our messages and in our SDP's c= and o=
         * lines, while SIP and media still bind {@link #host()} and {@code media.host}. Absent: the
         * bind addresses themselves.
         */
        Optional<String> advertisedHost();
    }

    interface Media {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("20000")
        int portMin();

        @WithDefault("29999")
        int portMax();

        /**
         * Strict RTP (Asterisk's {@code probation}): a source other than the one the peer's SDP names
         * is taken only after this many packets in a row with consecutive sequence numbers; once a
         * source is taken, every other one is dropped for the rest of the call.
         */
        @WithDefault("4")
        int probation();

        /** Threads that receive every leg's RTP (one selector each; a leg's port picks its thread). Absent: one per core. */
        Optional<Integer> threads();

        /**
         * Threads that send the legs' prompts, a 20 ms clock each (a leg's port picks its clock). One
         * by default: on 2 shared cores a second clock sent no more audio (docs/benchmarks.md).
         */
        @WithDefault("1")
        int clocks();
    }

    interface Outbound {
        /**
         * The carrier's trunk our outbound INVITEs go to, as {@code host:port} with optional URI
         * parameters (e.g. {@code sip.carrier.example:5060;transport=tcp}). Absent: agents cannot place calls.
         */
        Optional<String> trunk();

        /**
         * Our account at the carrier, for trunks that challenge outbound INVITEs (401/407 digest);
         * the password comes from a secret in production.
         */
        Optional<String> username();

        Optional<String> password();

        /** How long the agent's phone, and then the customer's, may ring before the call is given up. */
        @WithDefault("45s")
        Duration ringTimeout();
    }

    /**
     * A token bucket per source address and method: {@code *-burst} requests at once, then
     * {@code *-per-second} on average; over it a request gets 503 with Retry-After. A source quiet for
     * burst/rate seconds is forgotten; at most {@code max-sources} are tracked.
     */
    interface RateLimit {
        @WithDefault("20")
        double invitePerSecond();

        @WithDefault("40")
        int inviteBurst();

        @WithDefault("10")
        double registerPerSecond();

        @WithDefault("40")
        int registerBurst();

        @WithDefault("10000")
        int maxSources();
    }

    interface DialPlan {
        /** Regions (ISO 3166, e.g. GB,IE) numbers may be in; absent: the tenant's default region only. */
        Optional<Set<String>> allowedCountries();

        /** Premium-rate and shared-cost numbers. */
        @WithDefault("false")
        boolean allowPremium();

        /** Personal numbers (they forward anywhere). */
        @WithDefault("false")
        boolean allowPersonal();
    }

    /** Token buckets: a full minute's worth at once, then the rate on average; over it the call is refused. */
    interface DialRate {
        @WithDefault("10")
        int perAgentPerMinute();

        @WithDefault("60")
        int perTenantPerMinute();

        /** Agents (and tenants) whose buckets are held at once; a full bucket is forgotten anyway. */
        @WithDefault("10000")
        int maxTracked();
    }

    interface TrunkAccount {
        /** The digest user name; absent: the trunk's name. */
        Optional<String> username();

        /** From a secret in production. */
        String password();

        /** Source addresses (IP literals) whose INVITEs must authenticate as this trunk; absent: the trunk registers. */
        Optional<List<String>> addresses();

        /** Offered in this order, one challenge header each (RFC 8760: the preferred first); SHA-256 and MD5 are known. */
        @WithDefault("SHA-256,MD5")
        List<String> algorithms();
    }

    interface Registration {
        @WithDefault("60")
        int minExpires();

        @WithDefault("3600")
        int maxExpires();
    }

    interface Ivr {
        /** A built-in μ-law prompt under {@code prompts/} ({@code welcome.ul}), or a prompt name the tenant may have recorded. */
        @WithDefault("welcome.ul")
        String prompt();

        /** Digit → the tenant's voice entry point the choice routes as. */
        Map<String, String> choices();

        /** Where a caller who presses nothing within {@link #timeout()} goes; absent: the DID itself. */
        Optional<String> defaultChoice();

        @WithDefault("8s")
        Duration timeout();
    }

    interface Campaign {
        /** The header on the carrier's 200 OK that says who answered (Twilio's SIP trunking: set it to what the carrier sends). */
        @WithDefault("X-Answered-By")
        String answeredByHeader();

        /** Its values that mean a machine (compared without case); any other value, or no header, is a person. */
        @WithDefault("machine,machine_start,machine_end_beep,machine_end_silence,machine_end_other,fax")
        Set<String> machineValues();

        /** How long a survey campaign's customer has to press a key after each question ("" after that). */
        @WithDefault("8s")
        Duration keyTimeout();

        /** A request older than this when it arrives is refused (FAILED): the campaign's pacing has moved on. */
        @WithDefault("60s")
        Duration maxRequestAge();
    }

    interface Survey {
        /**
         * Whether the caller is kept for the survey when the agent hangs up. The tenants' configuration has
         * no survey setting (nor do other channels', which switch it per deployment too), so this is the switch.
         */
        @WithDefault("false")
        boolean enabled();

        /** How long the caller has to press a key after the question before we hang up. */
        @WithDefault("8s")
        Duration timeout();
    }
}
