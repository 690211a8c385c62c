package io.switchboard.voice.domain;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.switchboard.events.ContactEnded;
import io.switchboard.events.address.Address;
import io.switchboard.service.config.EntryPointRoute;
import io.switchboard.voice.domain.port.AudioLeg;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.MediaUnavailableException;
import io.switchboard.voice.domain.port.SignallingException;

/**
 * Agents' own calls (click-to-call). The call is a contact at once (routing makes it the agent's);
 * the agent's phone rings first, because the agent is the one who asked and waits; what happens
 * next is {@link OwnCallProgress}. A campaign's preview call takes the same way once checked ({@link #dialPreview}).
 * A call that cannot be placed (no trunk, the phone not registered
 * or not reachable) or that the tenant's dial plan or the rate caps refuse ({@link PublicDialing}) ends as ERROR.
 */
public final class OwnCalls {

    private static final Logger LOG = Logger.getLogger(OwnCalls.class);
    /** The payload types we offer on both legs: PCMU and RFC 4733 events, so the relay never has to transcode. */
    static final int PCMU = 0;
    static final int TELEPHONE_EVENT = 101;

    /** A dial request from the inbox: the agent, the tenant's DID shown, the customer's number, the contact id. */
    public record Request(String contactId, String tenantId, String agentId, String entryPoint, Address to) {
    }

    private final VoiceDirectory directory;
    private final Registrar registrar;
    private final Media media;
    private final CallLegs legs;
    private final OwnCallProgress progress;
    private final PublicDialing dialing;
    private final Clock clock;

    public OwnCalls(VoiceDirectory directory, Registrar registrar, Media media, CallLegs legs, OwnCallProgress progress,
            PublicDialing dialing, Clock clock) {
        this.directory = directory;
        this.registrar = registrar;
        this.media = media;
        this.legs = legs;
        this.progress = progress;
        this.dialing = dialing;
        this.clock = clock;
    }

    /** {@code customerCallId} is the Call-ID the customer's leg will use. */
    void dial(Request request, String customerCallId) {
        Optional<EntryPointRoute> did = directory.lookup(request.entryPoint()).filter(route -> route.tenantId().equals(request.tenantId()));
        if (did.isEmpty()) {
            LOG.warnf("dial request %s dropped: %s is not a voice number of tenant %s", request.contactId(), request.entryPoint(),
                    request.tenantId());
            return;
        }
        AudioLeg customerMedia;
        try {
            customerMedia = media.open("customer");
        } catch (MediaUnavailableException full) {
            LOG.errorf("dial request %s dropped: %s", request.contactId(), full.getMessage());
            return;
        }
        Call call = new Call(request.contactId(), customerCallId, request.tenantId(), did.get().address(), request.to().value(),
                clock.now(), customerMedia, PCMU, TELEPHONE_EVENT, true);
        synchronized (call) {
            call.agentId = request.agentId();
            call.entryPoint = did.get().address();
            call.queueId = directory.queueOf(call.did).orElse(null);
            progress.admit(call, request);
            if (dialing.admit(call.tenantId, request.agentId(), call.contactId, request.to().value()).isPresent()) {
                // Audited; the contact ends as other calls that cannot be placed do, before any phone rings.
                legs.end(call, ContactEnded.Reason.ERROR);
                return;
            }
            place(call, request.agentId());
        }
    }

    /**
     * A campaign's preview call ({@link CampaignCalls} checked it already): the outbound contact with the
     * campaign's metadata, then the agent's phone as for their own call; it records as {@code queueId}'s calls do.
     */
    void dialPreview(Call call, Request request, String queueId) {
        synchronized (call) {
            call.agentId = request.agentId();
            call.entryPoint = call.did;
            call.queueId = queueId;
            progress.admit(call, request);
            place(call, request.agentId());
        }
    }

    /** Rings the agent's registered phone (caller holds the monitor); no phone, no trunk, or no way to ring it ends the call as ERROR. */
    private void place(Call call, String agentId) {
        Optional<Registrar.Binding> phone = registrar.lookup(agentId, clock.now());
        if (!progress.trunkConfigured() || phone.isEmpty()) {
            LOG.infof("call %s not placed: %s", call.contactId,
                    phone.isEmpty() ? "agent " + agentId + " has no registered phone" : "no outbound trunk configured");
            call.attemptDetail = phone.isEmpty() ? "the agent's phone is not registered" : "no outbound trunk configured";
            legs.end(call, ContactEnded.Reason.ERROR);
            return;
        }
        try {
            progress.ringAgent(call, phone.get().contact());
        } catch (SignallingException | MediaUnavailableException e) {
            LOG.warnf("could not ring %s for call %s: %s", call.agentId, call.contactId, e.getMessage());
            call.attemptDetail = "the agent's phone could not be rung";
            legs.end(call, ContactEnded.Reason.ERROR);
        }
    }
}
