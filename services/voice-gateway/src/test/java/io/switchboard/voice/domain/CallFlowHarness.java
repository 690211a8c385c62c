package io.switchboard.voice.domain;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.address.Address;
import io.switchboard.service.config.EntryPointRoute;
import io.switchboard.voice.domain.port.AudioLeg;
import io.switchboard.voice.domain.port.CallJournal;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.ContactEvents;
import io.switchboard.voice.domain.port.DialAudit;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.PendingInvite;
import io.switchboard.voice.domain.port.PromptLibrary;
import io.switchboard.voice.domain.port.Recording;
import io.switchboard.voice.domain.port.Signalling;

/**
 * The call flow with every port faked in memory: each port records what the flow asked of it as a
 * line of text ({@link #effects}), time only moves when a test advances it, and background work runs
 * at once. No SIP, no sockets, no broker.
 */
final class CallFlowHarness {

    static final String MAIN = "+442079460000";
    static final String PLAIN = "+442079460001";
    static final String TENANT = "acme-bank";
    static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.10", 4000);

    final List<String> effects = new ArrayList<>();
    final ManualClock clock = new ManualClock();
    final FakeMedia media = new FakeMedia();
    final FakeSignalling signalling = new FakeSignalling();
    final RecordedEvents events = new RecordedEvents();
    final CallRegistry calls = new CallRegistry();
    final VoiceDirectory directory = new VoiceDirectory();
    final Registrar registrar = new Registrar();
    final RecordingPolicy recording = new RecordingPolicy();
    final WaitEstimates estimates = new WaitEstimates();
    final Prompts prompts = new Prompts();
    final PhoneCredentials phones = new PhoneCredentials("switchboard", Map.of(), registrar);
    final OptOuts optOuts = new OptOuts(directory::region);
    final CallFlow flow;
    final InboundAdmission admission;
    /** Whether the broker takes events: a switch the tests turn. */
    final java.util.concurrent.atomic.AtomicBoolean brokerUp = new java.util.concurrent.atomic.AtomicBoolean(true);
    private int legs;

    CallFlowHarness() {
        this(true);
    }

    CallFlowHarness(boolean outboundTrunk) {
        this(outboundTrunk, Map.of(), new CallSettings.DialRates(10, 60, 100));
    }

    CallFlowHarness(boolean outboundTrunk, Map<String, DialPolicy> dialPolicies, CallSettings.DialRates dialRates) {
        this(outboundTrunk, dialPolicies, dialRates, CallSettings.Survey.OFF);
    }

    /** The satisfaction survey after calls the agent ends, as {@code survey} says. */
    CallFlowHarness(CallSettings.Survey survey) {
        this(true, Map.of(), new CallSettings.DialRates(10, 60, 100), survey);
    }

    CallFlowHarness(boolean outboundTrunk, Map<String, DialPolicy> dialPolicies, CallSettings.DialRates dialRates,
            CallSettings.Survey survey) {
        directory.accept(new TenantConfigured(UUID.randomUUID(), TENANT, Instant.EPOCH, "Acme Bank", "Europe/London", "GB", null,
                "general", List.of(new TenantConfigured.EntryPoint(Channel.VOICE, MAIN, "billing"),
                        new TenantConfigured.EntryPoint(Channel.VOICE, PLAIN, "loans"))));
        directory.markLoaded();
        recording.accept(new QueueConfigured(UUID.randomUUID(), TENANT, Instant.EPOCH, "billing", "Billing", Map.of(), 0, null,
                QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), null, true, true));
        IvrMenu menu = IvrMenu.toEntryPoints("welcome.ul", Map.of("1", "billing-line", "2", "loans-line"), Optional.empty(),
                Duration.ofSeconds(8));
        CallSettings settings = new CallSettings(3, Duration.ofHours(4), Duration.ofSeconds(30), Duration.ofSeconds(45), outboundTrunk,
                Map.of(MAIN, menu), dialPolicies, dialRates, survey, CallSettings.Campaign.DEFAULTS);
        CallJournal journal = new CallJournal() {
            @Override
            public void opened(String contactId, String tenantId) {
                effects.add("journal opened " + contactId);
            }

            @Override
            public void closed(String contactId, String tenantId) {
                effects.add("journal closed " + contactId);
            }
        };
        DialAudit audit = refusal -> effects.add("dial refused " + refusal.tenantId() + " " + refusal.agentId() + " "
                + refusal.maskedNumber() + " " + refusal.reason().label());
        flow = CallFlow.assemble(new CallPorts(signalling, media, events, journal, clock, Runnable::run, audit, prompts),
                new CallFlow.Books(calls, directory, registrar, recording, estimates, phones, optOuts), settings);
        admission = new InboundAdmission(directory, calls, brokerUp::get, settings.maxCalls());
    }

    // ---------------------------------------------------------------- driving the flow

    /** A caller on {@code did} admitted, answered and ACKed: the IVR (or the queue) runs. */
    Call callerArrives(String did, String callId) {
        EntryPointRoute route = directory.lookup(did).orElseThrow();
        Call call = flow.signalling().callerArrived(callId, route, "07400123456", media.open("caller"), 0, 101);
        flow.signalling().callerAnswered(call);
        flow.signalling().acked(callId);
        return call;
    }

    /** A caller who chose 1 in the IVR and is queued in billing. */
    Call queuedCaller() {
        Call call = callerArrives(MAIN, "caller-1");
        media.press(call.callerMedia, '1');
        flow.routing().queued(call.contactId, "billing");
        return call;
    }

    /** A queued caller whose offer to alice rang and was answered. */
    Call connectedToAlice() {
        Call call = queuedCaller();
        registerPhone("alice");
        flow.routing().offered(call.contactId, "alice", "offer-1", "billing");
        flow.signalling().answered(call.agentCallId, Optional.of(PEER));
        return call;
    }

    void registerPhone(String agentId) {
        registrar.register(agentId, "sip:" + agentId + "@192.0.2.20:5060", clock.now().plusSeconds(3600));
    }

    List<String> effectsSince(int mark) {
        return List.copyOf(effects.subList(mark, effects.size()));
    }

    int mark() {
        return effects.size();
    }

    // ---------------------------------------------------------------- the fake ports

    /** Time that moves only when told; due tasks run in order. */
    final class ManualClock implements Clock {
        private record Task(Instant due, long order, Runnable task) {
        }

        private Instant now = Instant.parse("2026-03-02T09:00:00Z");
        private final List<Task> tasks = new ArrayList<>();
        private long order;

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            tasks.add(new Task(now.plus(delay), order++, task));
        }

        /** Time jumps to {@code instant} (no task runs): a call arriving on another day. */
        void at(Instant instant) {
            now = instant;
        }

        void advance(Duration by) {
            Instant until = now.plus(by);
            while (true) {
                Optional<Task> next = tasks.stream().filter(t -> !t.due().isAfter(until))
                        .min(Comparator.comparing(Task::due).thenComparing(Task::order));
                if (next.isEmpty()) {
                    break;
                }
                tasks.remove(next.get());
                now = next.get().due();
                next.get().task().run();
            }
            now = until;
        }
    }

    static final class FakeLeg implements AudioLeg {
        final String name;
        final int port;
        InetSocketAddress remote;
        boolean closed;

        FakeLeg(String name, int port) {
            this.name = name;
            this.port = port;
        }

        @Override
        public int localPort() {
            return port;
        }

        @Override
        public void remote(InetSocketAddress address) {
            remote = address;
        }

        @Override
        public long received() {
            return 0;
        }

        @Override
        public long sent() {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String toString() {
            return name + ":" + port;
        }
    }

    /** Media in memory: what each leg plays, who listens for keys, which legs are bridged. */
    final class FakeMedia implements Media {
        final Map<AudioLeg, String> playing = new HashMap<>();
        final Map<AudioLeg, Runnable> whenDone = new HashMap<>();
        final Map<AudioLeg, Consumer<Character>> keys = new HashMap<>();
        boolean full;

        @Override
        public AudioLeg open(String name) {
            if (full) {
                throw new io.switchboard.voice.domain.port.MediaUnavailableException("no free media port", null);
            }
            legs++;
            return new FakeLeg(name, 20000 + 2 * legs);
        }

        @Override
        public void play(AudioLeg leg, String prompt, int payloadType, boolean loop, Runnable done) {
            playing.put(leg, prompt);
            whenDone.put(leg, done == null ? () -> { } : done);
            effects.add("play " + prompt + (loop ? " looped" : "") + " to " + leg);
        }

        @Override
        public void stop(AudioLeg leg) {
            if (playing.remove(leg) != null) {
                effects.add("stop audio to " + leg);
            }
        }

        @Override
        public Optional<String> playing(AudioLeg leg) {
            return Optional.ofNullable(playing.get(leg));
        }

        @Override
        public void ignore(AudioLeg leg) {
            keys.remove(leg);
        }

        @Override
        public void readKeys(AudioLeg leg, int payloadType, Consumer<Character> reader) {
            keys.put(leg, reader);
        }

        @Override
        public void bridge(AudioLeg caller, AudioLeg agent, Optional<Recording> recording) {
            keys.remove(caller);
            effects.add("bridge " + caller + " with " + agent + (recording.isPresent() ? " recorded" : ""));
        }

        @Override
        public void conference(AudioLeg caller, AudioLeg agent, AudioLeg supervisor, int payloadType, MonitorMode mode,
                Optional<Recording> recording) {
            keys.remove(caller);
            effects.add("mix " + caller + ", " + agent + " and " + supervisor + " " + mode + (recording.isPresent() ? " recorded" : ""));
        }

        @Override
        public Optional<Recording> record(String contactId, int payloadType) {
            effects.add("record " + contactId);
            return Optional.of(() -> effects.add("recording closed " + contactId));
        }

        /** The prompt playing once on {@code leg} reaches its end. */
        void finish(AudioLeg leg) {
            playing.remove(leg);
            whenDone.getOrDefault(leg, () -> { }).run();
        }

        void press(AudioLeg leg, char key) {
            keys.get(leg).accept(key);
        }
    }

    /**
     * The prompt library in memory: tenants' recordings by name (as a test adds them), else the built-in
     * files this module ships under {@code prompts/}; a tenant's plays as {@code <tenant>/<name>}.
     */
    final class Prompts implements PromptLibrary {
        final Map<String, List<String>> recordings = new HashMap<>();

        void record(String tenantId, String name) {
            recordings.computeIfAbsent(tenantId, t -> new ArrayList<>()).add(name);
        }

        @Override
        public Optional<String> resolve(String tenantId, String name) {
            if (name.endsWith(".ul")) {
                return builtIn(name);
            }
            if (recordings.getOrDefault(tenantId, List.of()).contains(name)) {
                return Optional.of(tenantId + "/" + name);
            }
            return builtIn(name + ".ul");
        }

        private Optional<String> builtIn(String file) {
            return Optional.ofNullable(CallFlowHarness.class.getClassLoader().getResource("prompts/" + file)).map(url -> file);
        }
    }

    /** Signalling that records each request; our INVITEs get Call-IDs leg-1, leg-2… */
    final class FakeSignalling implements Signalling {
        private int next;

        @Override
        public String newCallId() {
            return "own-" + (++next);
        }

        private PendingInvite invite(String callId, String what) {
            return new PendingInvite() {
                @Override
                public String callId() {
                    return callId;
                }

                @Override
                public void send() {
                    effects.add(what);
                }
            };
        }

        @Override
        public PendingInvite ringAgent(Call call, String agentId, String contact, String queueId) {
            String callId = "leg-" + (++next);
            return invite(callId, "INVITE " + contact + " from queue " + queueId + " as " + callId);
        }

        @Override
        public PendingInvite ringSupervisor(Call call, String supervisorId, String contact, AudioLeg leg) {
            String callId = "leg-" + (++next);
            return invite(callId, "INVITE " + contact + " to monitor " + call.contactId + " on " + leg + " as " + callId);
        }

        @Override
        public void legEnded(String callId) {
            effects.add("ended " + callId);
        }

        @Override
        public PendingInvite ringAgentForOwnCall(Call call, String contact) {
            String callId = "leg-" + (++next);
            return invite(callId, "INVITE " + contact + " for a call to " + call.caller + " as " + callId);
        }

        @Override
        public PendingInvite dialCustomer(Call call) {
            return invite(call.callerCallId, "INVITE customer " + call.caller + " from " + call.did);
        }

        @Override
        public PendingInvite dialCampaignCustomer(Call call, String displayName) {
            return invite(call.callerCallId, "INVITE customer " + call.caller + " from " + call.did + " as \"" + displayName + "\"");
        }

        @Override
        public PendingInvite dialOutside(Call call, String number) {
            String callId = "leg-" + (++next);
            return invite(callId, "INVITE outside " + number + " from " + call.did + " as " + callId);
        }

        @Override
        public void hangUp(String callId) {
            effects.add("BYE " + callId);
        }

        @Override
        public void cancel(String callId) {
            effects.add("CANCEL " + callId);
        }

        @Override
        public void terminateUnanswered(String callId) {
            effects.add("487 " + callId);
        }

        @Override
        public void reInviteCaller(Call call, String direction) {
            effects.add("re-INVITE " + call.callerCallId + " " + direction);
        }

        @Override
        public void notifyReferrer(Call call, String statusLine, boolean last) {
            effects.add("NOTIFY " + call.agentCallId + " " + statusLine + (last ? " (last)" : ""));
        }

        @Override
        public void released(Call call) {
            effects.add("released " + call.contactId);
        }
    }

    /** The platform's events as published; {@link #refuse} makes the broker refuse the next one. */
    final class RecordedEvents implements ContactEvents {
        boolean refuse;

        private void publish(String event) {
            if (refuse) {
                refuse = false;
                throw new IllegalStateException("broker unavailable");
            }
            effects.add(event);
        }

        @Override
        public void created(Call call) {
            publish("contact.created " + call.contactId + " entryPoint=" + call.entryPoint + " ivrPath=" + call.ivrPath
                    + (call.chosenQueue == null ? "" : " queueId=" + call.chosenQueue));
        }

        @Override
        public void placed(Call call, String agentId, Address customer) {
            publish("contact.created OUTBOUND " + call.contactId + " by " + agentId + " to " + customer.value());
        }

        @Override
        public void campaignAnswered(Call call) {
            publish("contact.created OUTBOUND " + call.contactId + " from " + call.caller + " campaign=" + call.campaign.campaignId()
                    + " queueId=" + call.chosenQueue);
        }

        @Override
        public void attemptCompleted(CampaignOutcome outcome) {
            publish("call.attempt.completed " + outcome.attempt().contactId() + " " + outcome.result() + " (" + outcome.detail() + ")"
                    + (outcome.answeredAt() == null ? "" : " answered") + (outcome.answers().isEmpty() ? "" : " answers=" + outcome.answers()));
        }

        @Override
        public void answered(Call call, String agentId, String offerId, boolean accepted) {
            publish("agent.offer.answered " + offerId + " " + agentId + " " + (accepted ? "ACCEPTED" : "DECLINED"));
        }

        @Override
        public void transferRequested(Call call, String toQueueId, String toAgentId) {
            publish("agent.transfer.requested by " + call.agentId + " to " + (toQueueId != null ? "queue " + toQueueId : "agent " + toAgentId));
        }

        @Override
        public void surveyAnswered(Call call, int score, Instant at) {
            publish("contact.survey.answered " + call.contactId + " score=" + score);
        }

        @Override
        public void ended(Call call, ContactEnded.Reason reason, Instant at) {
            publish("contact.ended " + call.contactId + " " + reason + " hold=" + call.holdSeconds(at));
        }
    }
}
