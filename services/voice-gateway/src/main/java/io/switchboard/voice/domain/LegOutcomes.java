package io.switchboard.voice.domain;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The final answers to our INVITEs, sent to whichever part of the flow placed them: a transfer out of
 * the center, an agent's own call, a campaign's call to a customer, an offer ringing a phone, or our own re-INVITE of the caller.
 */
public final class LegOutcomes {

    private static final Logger LOG = Logger.getLogger(LegOutcomes.class);
    static final int REQUEST_TIMEOUT = 408;

    private final OutsideTransfers outside;
    private final OwnCallProgress ownCalls;
    private final Offers offers;
    private final AgentAnswer agentAnswer;
    private final CallLegs legs;
    private final Monitoring monitoring;
    private final CampaignProgress campaigns;

    public LegOutcomes(OutsideTransfers outside, OwnCallProgress ownCalls, Offers offers, AgentAnswer agentAnswer, CallLegs legs,
            Monitoring monitoring, CampaignProgress campaigns) {
        this.campaigns = campaigns;
        this.outside = outside;
        this.ownCalls = ownCalls;
        this.offers = offers;
        this.agentAnswer = agentAnswer;
        this.legs = legs;
        this.monitoring = monitoring;
    }

    /**
     * A 2xx on leg {@code callId} ({@code answeredBy}: the carrier's answering-machine header, if any); false
     * when nobody wants that leg any more (the signalling side then lets it go).
     */
    boolean answered(Call call, String callId, Optional<InetSocketAddress> audio, Optional<String> answeredBy) {
        if (CampaignProgress.calling(call, callId)) {
            return campaigns.answered(call, audio, answeredBy);
        }
        if (Monitoring.owns(call, callId)) {
            return monitoring.answered(call, callId, audio);
        }
        if (outside.owns(call, callId)) {
            return outside.answered(call, audio);
        }
        if (ownCalls.placing(call, callId)) {
            return ownCalls.answered(call, callId, audio);
        }
        if (callId.equals(call.callerCallId)) {
            // The answer to our own re-INVITE (hold, resume): nothing else to do.
            return true;
        }
        synchronized (call) {
            if (!offers.ringing(call, callId)) {
                return false;
            }
            agentAnswer.connect(call, audio);
            return true;
        }
    }

    /** A final refusal (3xx–6xx) on leg {@code callId}. */
    void refused(Call call, String callId, int status, String reason) {
        if (CampaignProgress.calling(call, callId)) {
            campaigns.failed(call, status, reason);
            return;
        }
        if (Monitoring.owns(call, callId)) {
            monitoring.gone(call, callId, "their phone answered " + status + " " + reason);
            return;
        }
        if (outside.owns(call, callId)) {
            outside.failed(call, status, reason);
            return;
        }
        if (ownCalls.placing(call, callId)) {
            ownCalls.failed(call, callId, status, reason);
            return;
        }
        if (callId.equals(call.callerCallId)) {
            return;
        }
        synchronized (call) {
            if (offers.ringing(call, callId)) {
                LOG.infof("agent %s's phone answered %d: declining offer %s", call.agentId, status, call.offerId);
                offers.declined(call);
            } else if (callId.equals(call.agentCallId)) {
                legs.closeAgentLeg(call);
            }
        }
    }

    /** No answer at all to our INVITE on leg {@code callId} (Timer B). */
    void timedOut(Call call, String callId) {
        synchronized (call) {
            if (CampaignProgress.calling(call, callId)) {
                campaigns.failed(call, REQUEST_TIMEOUT, "Request Timeout");
            } else if (Monitoring.owns(call, callId)) {
                monitoring.gone(call, callId, "their phone never answered");
            } else if (outside.owns(call, callId)) {
                outside.failed(call, REQUEST_TIMEOUT, "Request Timeout");
            } else if (ownCalls.placing(call, callId)) {
                ownCalls.failed(call, callId, REQUEST_TIMEOUT, "Request Timeout");
            } else if (call.state == Call.State.RINGING && callId.equals(call.agentCallId)) {
                offers.declined(call);
            }
        }
    }
}
