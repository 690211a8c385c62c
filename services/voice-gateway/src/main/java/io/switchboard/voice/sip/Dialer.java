package io.switchboard.voice.sip;

import java.net.SocketException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import io.switchboard.events.CallDialRequested;
import io.switchboard.events.ContactEnded;
import io.switchboard.service.config.EntryPointRoute;
import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.Call;
import io.switchboard.voice.domain.CallRegistry;
import io.switchboard.voice.domain.Registrar;
import io.switchboard.voice.domain.VoiceDirectory;
import io.switchboard.voice.media.MediaLeg;
import io.switchboard.voice.media.MediaPorts;
import io.switchboard.voice.messaging.CallEvents;

/**
 * Agents' own calls (click-to-call). The agent's phone rings first, because the agent is the one who
 * asked and waits; once they pick up, the customer is called through the outbound trunk showing the
 * tenant's number, and the legs are bridged at once so the carrier's ringback (early media) reaches
 * the agent. When the customer answers the call is like any other: hold, transfer, BYE and recording
 * take the same paths as an inbound call's.
 */
final class Dialer {

    private static final Logger LOG = Logger.getLogger(Dialer.class);
    /** The payload types we offer on both legs: PCMU and RFC 4733 events, so the relay never has to transcode. */
    private static final int PCMU = 0;
    private static final int TELEPHONE_EVENT = 101;

    private final SipStack sip;
    private final CallRegistry calls;
    private final Registrar registrar;
    private final VoiceDirectory directory;
    private final MediaPorts ports;
    private final CallEvents events;
    private final CallLegs legs;
    private final VoiceConfig config;
    private final ScheduledExecutorService timers;
    /** Present when the carrier gave us an account: its challenges to our INVITEs are answered. */
    private final Optional<AuthenticationHelper> trunkAccount;

    Dialer(SipStack sip, CallRegistry calls, Registrar registrar, VoiceDirectory directory, MediaPorts ports, CallEvents events,
            CallLegs legs, VoiceConfig config, ScheduledExecutorService timers) {
        this.sip = sip;
        this.calls = calls;
        this.registrar = registrar;
        this.directory = directory;
        this.ports = ports;
        this.events = events;
        this.legs = legs;
        this.config = config;
        this.timers = timers;
        VoiceConfig.Outbound outbound = config.outbound();
        this.trunkAccount = outbound.username().flatMap(user -> outbound.password().map(password -> sip.authenticator(user, password,
                outbound.trunk().orElse(""))));
    }

    /**
     * An agent asked for a call. It becomes a contact at once (routing makes it theirs); a call that
     * cannot be placed (no trunk configured, their phone not registered or refusing) ends as ERROR.
     */
    void dial(CallDialRequested request) {
        if (calls.byContact(request.contactId()).isPresent()) {
            return;
        }
        Optional<EntryPointRoute> did = directory.lookup(request.entryPoint()).filter(route -> route.tenantId().equals(request.tenantId()));
        if (did.isEmpty()) {
            LOG.warnf("dial request %s dropped: %s is not a voice number of tenant %s", request.contactId(), request.entryPoint(),
                    request.tenantId());
            return;
        }
        MediaLeg customerMedia;
        try {
            customerMedia = ports.open("customer");
        } catch (SocketException full) {
            LOG.errorf("dial request %s dropped: %s", request.contactId(), full.getMessage());
            return;
        }
        String customerCallId = sip.provider.getNewCallId().getCallId();
        Call call = new Call(request.contactId(), customerCallId, request.tenantId(), did.get().address(), request.to().value(),
                Instant.now(), customerMedia, PCMU, TELEPHONE_EVENT, true);
        synchronized (call) {
            call.agentId = request.agentId();
            call.entryPoint = did.get().address();
            call.queueId = directory.queueOf(call.did).orElse(null);
            calls.add(call);
            legs.announce(call, () -> events.placed(call, request.agentId(), request.to()));
            timers.schedule(() -> legs.hangUp(call, ContactEnded.Reason.TIMEOUT), config.maxCallDuration().toMillis(), TimeUnit.MILLISECONDS);
            Optional<Registrar.Binding> phone = registrar.lookup(request.agentId(), Instant.now());
            if (config.outbound().trunk().isEmpty() || phone.isEmpty()) {
                LOG.infof("call %s not placed: %s", call.contactId,
                        phone.isEmpty() ? "agent " + request.agentId() + " has no registered phone" : "no outbound trunk configured");
                legs.end(call, ContactEnded.Reason.ERROR);
                return;
            }
            try {
                ringAgent(call, phone.get());
            } catch (ParseException | SipException | InvalidArgumentException | SocketException e) {
                LOG.warnf("could not ring %s for call %s: %s", call.agentId, call.contactId, e.getMessage());
                legs.end(call, ContactEnded.Reason.ERROR);
            }
        }
    }

    /** Whether this response or timeout belongs to one of our own INVITEs of a call being placed. */
    boolean placing(Call call, String callId) {
        return call.outbound && (call.offerId == null && callId.equals(call.agentCallId) || callId.equals(call.callerCallId)
                && (call.state == Call.State.DIALING || call.customerInvite != null));
    }

    /** A final response to the INVITE to the agent's phone or to the customer. */
    void answered(Call call, String callId, Response response, Dialog dialog) {
        synchronized (call) {
            int status = response.getStatusCode();
            boolean challenged = status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED;
            if (challenged && answerChallenge(call, callId, response)) {
                return;
            }
            if (status >= 300) {
                failed(call, callId, status);
                return;
            }
            boolean agentLeg = callId.equals(call.agentCallId);
            if (agentLeg && call.state == Call.State.RINGING && !call.agentCancelled) {
                agentPickedUp(call, response, dialog);
            } else if (!agentLeg && call.state == Call.State.DIALING) {
                customerPickedUp(call, response, dialog);
            } else if (dialog != (agentLeg ? call.agentDialog : call.callerDialog)) {
                // Answered after we gave up on it (cancelled, or the other leg hung up): let it go.
                legs.sendBye(dialog);
            }
        }
    }

    /** The carrier asks who we are: the INVITE again with our credentials, once; a second challenge means they are wrong. */
    private boolean answerChallenge(Call call, String callId, Response challenge) {
        if (trunkAccount.isEmpty() || call.state != Call.State.DIALING || !callId.equals(call.callerCallId) || call.customerChallenged) {
            return false;
        }
        try {
            ClientTransaction retry = trunkAccount.get().handleChallenge(challenge, call.customerInvite, sip.provider, 5);
            call.customerChallenged = true;
            call.customerInvite = retry;
            retry.sendRequest();
            return true;
        } catch (SipException | RuntimeException e) {
            LOG.warnf("the trunk's challenge for call %s not answered: %s", call.contactId, e.getMessage());
            return false;
        }
    }

    /** The agent's phone or the customer refused, or rang past the ring timeout (408). */
    void failed(Call call, String callId, int status) {
        synchronized (call) {
            if (call.state == Call.State.RINGING && callId.equals(call.agentCallId)) {
                LOG.infof("agent %s's phone answered %d: call %s not placed", call.agentId, status, call.contactId);
                legs.closeAgentLeg(call);
                legs.end(call, ContactEnded.Reason.ERROR);
            } else if (call.state == Call.State.DIALING && callId.equals(call.callerCallId)) {
                LOG.infof("customer of call %s answered %d", call.contactId, status);
                call.customerInvite = null;
                legs.releaseAgentLeg(call);
                legs.end(call, customerOutcome(status));
            }
        }
    }

    private void ringAgent(Call call, Registrar.Binding phone) throws ParseException, SipException, InvalidArgumentException,
            SocketException {
        call.agentMedia = ports.open("agent");
        Request invite = sip.invite((SipURI) sip.addresses.createURI(phone.contact()), call.agentId, "switchboard", "Calling " + call.caller,
                Sdp.write(ports.host(), call.agentMedia.localPort(), PCMU, TELEPHONE_EVENT, System.currentTimeMillis()));
        invite.addHeader(sip.headers.createSubjectHeader("Your call to " + call.caller));
        ClientTransaction transaction = sip.provider.getNewClientTransaction(invite);
        call.state = Call.State.RINGING;
        call.agentInvite = transaction;
        call.agentCallId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        calls.agentLeg(call, call.agentCallId);
        transaction.sendRequest();
        giveUpUnanswered(call, call.agentCallId);
    }

    private void agentPickedUp(Call call, Response response, Dialog dialog) {
        call.agentDialog = dialog;
        Sdp.answerInto(call.agentMedia, response);
        legs.bridge(call);
        try {
            callCustomer(call);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.warnf("could not call the customer of %s through the trunk: %s", call.contactId, e.getMessage());
            legs.releaseAgentLeg(call);
            legs.end(call, ContactEnded.Reason.ERROR);
        }
    }

    private void callCustomer(Call call) throws ParseException, SipException, InvalidArgumentException {
        Request invite = sip.trunkInvite(config.outbound().trunk().orElseThrow(), call.caller, call.did,
                Sdp.write(ports.host(), call.callerMedia.localPort(), PCMU, TELEPHONE_EVENT, System.currentTimeMillis()));
        ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).setCallId(call.callerCallId);
        ClientTransaction transaction = sip.provider.getNewClientTransaction(invite);
        call.state = Call.State.DIALING;
        call.customerInvite = transaction;
        call.offeredAt = Instant.now();
        transaction.sendRequest();
        giveUpUnanswered(call, call.callerCallId);
    }

    private void customerPickedUp(Call call, Response response, Dialog dialog) {
        call.callerDialog = dialog;
        call.customerInvite = null;
        Sdp.answerInto(call.callerMedia, response);
        call.state = Call.State.CONNECTED;
        call.answeredAt = Instant.now();
        legs.startRecording(call);
        legs.bridge(call);
    }

    /** A leg still ringing after the ring timeout is cancelled; its 487 then ends the call. */
    private void giveUpUnanswered(Call call, String callId) {
        timers.schedule(() -> {
            synchronized (call) {
                if (call.state == Call.State.RINGING && callId.equals(call.agentCallId)) {
                    legs.cancelAgent(call);
                    legs.end(call, ContactEnded.Reason.ERROR);
                } else if (call.state == Call.State.DIALING && callId.equals(call.callerCallId)) {
                    legs.releaseCallerLeg(call);
                    call.customerInvite = null;
                    legs.releaseAgentLeg(call);
                    legs.end(call, ContactEnded.Reason.NO_ANSWER);
                }
            }
        }, config.outbound().ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ContactEnded.Reason customerOutcome(int status) {
        return switch (status) {
            case Response.BUSY_HERE, Response.BUSY_EVERYWHERE, Response.DECLINE -> ContactEnded.Reason.BUSY;
            case Response.REQUEST_TIMEOUT, Response.TEMPORARILY_UNAVAILABLE, Response.REQUEST_TERMINATED -> ContactEnded.Reason.NO_ANSWER;
            default -> ContactEnded.Reason.ERROR;
        };
    }
}
