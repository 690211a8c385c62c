package io.switchboard.voice.domain;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.MediaUnavailableException;
import io.switchboard.voice.domain.port.PendingInvite;
import io.switchboard.voice.domain.port.Signalling;
import io.switchboard.voice.domain.port.SignallingException;

/**
 * Routing's offer of a queued call to an agent: their registered phone rings (declined at once when
 * it is not registered); it answers, and the legs are bridged ({@link AgentAnswer}); it refuses or never answers, and the
 * offer is declined so routing offers the next agent; routing takes the offer back, and it stops ringing.
 */
public final class Offers {

    private static final Logger LOG = Logger.getLogger(Offers.class);

    private final Signalling signalling;
    private final Media media;
    private final Registrar registrar;
    private final CallLegs legs;
    private final Outbox outbox;
    private final Clock clock;

    public Offers(Signalling signalling, Media media, Registrar registrar, CallLegs legs, Outbox outbox, Clock clock) {
        this.signalling = signalling;
        this.media = media;
        this.registrar = registrar;
        this.legs = legs;
        this.outbox = outbox;
        this.clock = clock;
    }

    void offer(Call call, String agentId, String offerId, String queueId) {
        synchronized (call) {
            if (call.state != Call.State.QUEUED) {
                return;
            }
            Optional<Registrar.Binding> phone = registrar.lookup(agentId, clock.now());
            if (phone.isEmpty()) {
                LOG.infof("agent %s has no registered phone: declining offer %s", agentId, offerId);
                outbox.answered(call, agentId, offerId, false);
                return;
            }
            try {
                ring(call, agentId, offerId, queueId, phone.get());
            } catch (SignallingException | MediaUnavailableException e) {
                LOG.warnf("could not ring %s: %s", agentId, e.getMessage());
                legs.closeAgentLeg(call);
                call.state = Call.State.QUEUED;
                outbox.answered(call, agentId, offerId, false);
            }
        }
    }

    private void ring(Call call, String agentId, String offerId, String queueId, Registrar.Binding phone) {
        call.agentMedia = media.open("agent");
        PendingInvite invite = signalling.ringAgent(call, agentId, phone.contact(), queueId);
        call.state = Call.State.RINGING;
        call.agentId = agentId;
        call.offerId = offerId;
        call.queueId = queueId;
        call.offeredAt = clock.now();
        call.agentCancelled = false;
        call.agentCallId = invite.callId();
        legs.addLeg(call, call.agentCallId);
        invite.send();
    }

    /** Whether {@code callId} is the phone ringing for the call's current offer. */
    boolean ringing(Call call, String callId) {
        return call.state == Call.State.RINGING && callId.equals(call.agentCallId) && !call.agentCancelled;
    }

    /** The phone refused the offer or never answered: routing hears DECLINED, the caller stays queued. */
    void declined(Call call) {
        String agentId = call.agentId;
        String offerId = call.offerId;
        legs.closeAgentLeg(call);
        call.state = Call.State.QUEUED;
        outbox.answered(call, agentId, offerId, false);
    }

    /** Routing took the offer back (timed out, withdrawn): stop ringing. */
    void offerEnded(Call call, String offerId) {
        synchronized (call) {
            if (call.state == Call.State.RINGING && offerId != null && offerId.equals(call.offerId)) {
                legs.cancelAgent(call);
                call.state = Call.State.QUEUED;
            }
        }
    }
}
