package io.switchboard.voice.domain;

import io.switchboard.events.ContactEnded;

/**
 * The call state machine, assembled: commands come in from the signalling side
 * ({@link SignallingEvents}), from routing ({@link RoutingDecisions}) and from agents
 * ({@link AgentRequests}) and from campaigns ({@link CampaignCalls}); effects go out through the ports in {@link CallPorts}. States and
 * transitions: docs/voice-gateway.md, "The call state machine".
 */
public record CallFlow(SignallingEvents signalling, RoutingDecisions routing, AgentRequests agents, CampaignCalls campaigns,
        CallRegistry calls, Hangups hangups) {

    /** The known-state stores the flow reads and updates. */
    public record Books(CallRegistry calls, VoiceDirectory directory, Registrar registrar, RecordingPolicy recording,
            WaitEstimates estimates, PhoneCredentials phones, OptOuts optOuts) {
    }

    public static CallFlow assemble(CallPorts ports, Books books, CallSettings settings) {
        Outbox outbox = new Outbox(ports.events(), ports.journal(), ports.background(), ports.clock());
        AttemptResults results = new AttemptResults(outbox, ports.clock());
        CallLegs legs = new CallLegs(ports.signalling(), ports.media(), outbox, books.calls(), books.recording(), ports.clock(), results);
        Queueing queueing = new Queueing(ports.media(), ports.clock(), outbox, legs, books.estimates(), settings.comfortInterval(),
                ports.prompts());
        Ivr ivr = new Ivr(ports.media(), ports.clock(), queueing, ports.prompts(), books.directory(), settings.menus());
        InboundCalls inbound = new InboundCalls(legs, ivr, ports.clock(), settings.maxCallDuration());
        Monitoring monitoring = new Monitoring(ports.signalling(), ports.media(), books.registrar(), books.phones(), legs, ports.clock(),
                settings.ringTimeout());
        PostCallSurvey survey = new PostCallSurvey(ports.signalling(), ports.media(), ports.clock(), ports.prompts(), legs, outbox,
                settings.survey(), books.optOuts());
        Hangups hangups = new Hangups(ports.signalling(), legs, monitoring, survey);
        Holding holding = new Holding(ports.signalling(), ports.media(), legs, ports.clock());
        CallSettings.DialRates rates = settings.dialRates();
        PublicDialing dialing = new PublicDialing(new DialPlan(books.directory()::region, settings.dialPolicies()),
                new DialRateCaps(rates.perAgentPerMinute(), rates.perTenantPerMinute(), rates.maxTracked()), ports.dialAudit(), ports.clock());
        OutsideTransfers outside = new OutsideTransfers(ports.signalling(), ports.media(), legs, ports.clock(), settings.ringTimeout(),
                settings.outboundTrunk());
        PhoneTransfers transfers = new PhoneTransfers(ports.signalling(), books.recording(), outbox, outside, dialing, legs, queueing);
        Offers offers = new Offers(ports.signalling(), ports.media(), books.registrar(), legs, outbox, ports.clock());
        AgentAnswer answer = new AgentAnswer(ports.media(), legs, outbox, books.estimates(), ports.clock());
        OwnCallProgress progress = new OwnCallProgress(ports.signalling(), ports.media(), legs, outbox, ports.clock(), settings, results);
        OwnCalls ownCalls = new OwnCalls(books.directory(), books.registrar(), ports.media(), legs, progress, dialing, ports.clock());
        CampaignSurvey campaignSurvey = new CampaignSurvey(ports.media(), ports.clock(), ports.prompts(), legs, results,
                settings.campaign().keyTimeout());
        CampaignProgress campaignProgress = new CampaignProgress(ports.signalling(), ports.media(), ports.clock(), ports.prompts(), legs,
                outbox, results, campaignSurvey, new AnsweringMachine(settings.campaign().machineValues()), settings.maxCallDuration());
        CampaignCalls campaigns = new CampaignCalls(books.directory(), books.registrar(), books.optOuts(), dialing, ports.prompts(),
                ports.media(), ports.signalling(), ownCalls, campaignProgress, results, ports.clock(), settings);
        LegOutcomes outcomes = new LegOutcomes(outside, progress, offers, answer, legs, monitoring, campaignProgress);
        return new CallFlow(new SignallingEvents(books.calls(), inbound, hangups, holding, transfers, outcomes),
                new RoutingDecisions(books.calls(), queueing, offers, transfers, hangups, campaignProgress),
                new AgentRequests(books.calls(), holding, ownCalls, ports.signalling(), monitoring), campaigns, books.calls(), hangups);
    }

    /** The gateway stops: every call is hung up (BYE to both legs) and its contact ends as ERROR. */
    public void hangUpAll() {
        calls.all().forEach(call -> hangups.hangUp(call, ContactEnded.Reason.ERROR));
    }
}
