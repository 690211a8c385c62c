package io.switchboard.voice.sip;

import java.text.ParseException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.Call;
import io.switchboard.voice.domain.port.AudioLeg;
import io.switchboard.voice.domain.port.PendingInvite;
import io.switchboard.voice.domain.port.Signalling;
import io.switchboard.voice.domain.port.SignallingException;
import io.switchboard.voice.media.MediaPorts;

/** The call flow's signalling port over JAIN-SIP: requests built and sent on the legs' dialogs and transactions ({@link SipLegs}). */
@ApplicationScoped
public class SipSignalling implements Signalling {

    private static final Logger LOG = Logger.getLogger(SipSignalling.class);

    private final SipLegs legs = new SipLegs();
    private final String mediaHost;
    private final Optional<String> trunk;
    private volatile SipStack sip;

    public SipSignalling(VoiceConfig config, MediaPorts ports) {
        this.mediaHost = config.sip().advertisedHost().orElse(ports.host());
        this.trunk = config.outbound().trunk();
    }

    /** The stack is up: requests can be built and sent. */
    void attach(SipStack stack) {
        this.sip = stack;
    }

    SipLegs legs() {
        return legs;
    }

    @Override
    public String newCallId() {
        return sip.provider.getNewCallId().getCallId();
    }

    @Override
    public PendingInvite ringAgent(Call call, String agentId, String contact, String queueId) {
        try {
            Request invite = sip.invite((SipURI) sip.addresses.createURI(contact), agentId, "switchboard",
                    call.caller == null ? "Caller" : call.caller, sdp(call.agentMedia.localPort(), call));
            // The whisper: which queue the call comes from, for the phone's display.
            invite.addHeader(sip.headers.createHeader("X-Switchboard-Queue", queueId));
            invite.addHeader(sip.headers.createSubjectHeader("Call from queue " + queueId));
            return pending(invite);
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new SignallingException("INVITE to " + contact + " not built: " + e.getMessage(), e);
        }
    }

    @Override
    public PendingInvite ringSupervisor(Call call, String supervisorId, String contact, AudioLeg leg) {
        try {
            Request invite = sip.invite((SipURI) sip.addresses.createURI(contact), supervisorId, "switchboard",
                    "Monitor " + (call.caller == null ? "call" : call.caller), sdp(leg.localPort(), call));
            invite.addHeader(sip.headers.createSubjectHeader("Monitoring call " + call.contactId));
            return pending(invite);
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new SignallingException("INVITE to " + contact + " not built: " + e.getMessage(), e);
        }
    }

    @Override
    public void legEnded(String callId) {
        legs.forget(callId);
    }

    @Override
    public PendingInvite ringAgentForOwnCall(Call call, String contact) {
        try {
            Request invite = sip.invite((SipURI) sip.addresses.createURI(contact), call.agentId, "switchboard", "Calling " + call.caller,
                    sdp(call.agentMedia.localPort(), call));
            invite.addHeader(sip.headers.createSubjectHeader("Your call to " + call.caller));
            return pending(invite);
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new SignallingException("INVITE to " + contact + " not built: " + e.getMessage(), e);
        }
    }

    @Override
    public PendingInvite dialCustomer(Call call) {
        try {
            Request invite = sip.trunkInvite(trunk(), call.caller, call.did, sdp(call.callerMedia.localPort(), call));
            ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).setCallId(call.callerCallId);
            return pending(invite);
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new SignallingException("INVITE to " + call.caller + " not built: " + e.getMessage(), e);
        }
    }

    @Override
    public PendingInvite dialCampaignCustomer(Call call, String displayName) {
        try {
            Request invite = sip.trunkInvite(trunk(), call.caller, call.did, displayName, sdp(call.callerMedia.localPort(), call));
            ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).setCallId(call.callerCallId);
            return pending(invite);
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new SignallingException("INVITE to " + call.caller + " not built: " + e.getMessage(), e);
        }
    }

    @Override
    public PendingInvite dialOutside(Call call, String number) {
        try {
            return pending(sip.trunkInvite(trunk(), number, call.did, sdp(call.transferMedia.localPort(), call)));
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new SignallingException("INVITE to " + number + " not built: " + e.getMessage(), e);
        }
    }

    @Override
    public void hangUp(String callId) {
        SipLegs.Leg leg = legs.find(callId);
        if (leg != null) {
            sendBye(leg.dialog);
            legs.forget(callId);
        }
    }

    @Override
    public void cancel(String callId) {
        SipLegs.Leg leg = legs.find(callId);
        if (leg == null || leg.clientInvite == null) {
            return;
        }
        try {
            sip.provider.getNewClientTransaction(leg.clientInvite.createCancel()).sendRequest();
        } catch (SipException e) {
            LOG.debugf("CANCEL not sent: %s", e.getMessage());
        }
        legs.forget(callId);
    }

    @Override
    public void terminateUnanswered(String callId) {
        SipLegs.Leg leg = legs.find(callId);
        if (leg == null || leg.serverInvite == null) {
            return;
        }
        try {
            leg.serverInvite.sendResponse(sip.messages.createResponse(Response.REQUEST_TERMINATED, leg.serverInvite.getRequest()));
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.debugf("487 not sent: %s", e.getMessage());
        }
    }

    @Override
    public void reInviteCaller(Call call, String direction) {
        SipLegs.Leg leg = legs.find(call.callerCallId);
        if (leg == null || leg.dialog == null) {
            return;
        }
        try {
            Request invite = leg.dialog.createRequest(Request.INVITE);
            invite.addHeader(sip.contact("switchboard"));
            invite.setContent(sdp(call.callerMedia.localPort(), call).replace("a=sendrecv", "a=" + direction),
                    sip.headers.createContentTypeHeader("application", "sdp"));
            leg.dialog.sendRequest(sip.provider.getNewClientTransaction(invite));
        } catch (ParseException | SipException e) {
            LOG.warnf("re-INVITE of call %s not sent: %s", call.contactId, e.getMessage());
        }
    }

    /** A sipfrag status line in a NOTIFY on the agent's leg (RFC 3515 §2.4.5). */
    @Override
    public void notifyReferrer(Call call, String statusLine, boolean last) {
        SipLegs.Leg leg = legs.find(call.agentCallId);
        if (leg == null || leg.dialog == null) {
            return;
        }
        try {
            Request notify = leg.dialog.createRequest(Request.NOTIFY);
            notify.addHeader(sip.headers.createEventHeader("refer"));
            SubscriptionStateHeader state = sip.headers.createSubscriptionStateHeader(
                    last ? SubscriptionStateHeader.TERMINATED : SubscriptionStateHeader.ACTIVE);
            if (last) {
                state.setReasonCode("noresource");
            } else {
                state.setExpires(60);
            }
            notify.addHeader(state);
            var type = sip.headers.createContentTypeHeader("message", "sipfrag");
            type.setParameter("version", "2.0");
            notify.setContent(statusLine, type);
            leg.dialog.sendRequest(sip.provider.getNewClientTransaction(notify));
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.warnf("NOTIFY of call %s's transfer not sent: %s", call.contactId, e.getMessage());
        }
    }

    @Override
    public void released(Call call) {
        legs.forget(call.callerCallId);
        legs.forget(call.agentCallId);
        legs.forget(call.transferCallId);
    }

    /** A BYE on {@code dialog} (a leg we let go, or one nobody wants any more). */
    void sendBye(Dialog dialog) {
        if (dialog == null) {
            return;
        }
        try {
            dialog.sendRequest(sip.provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (SipException e) {
            LOG.debugf("BYE not sent: %s", e.getMessage());
        }
    }

    /** Our SDP for {@code port} in the call's codec (the address: the advertised host, else the media host). */
    String sdp(int port, Call call) {
        return Sdp.write(mediaHost, port, call.payloadType, call.dtmfPayloadType, System.currentTimeMillis());
    }

    String mediaHost() {
        return mediaHost;
    }

    private String trunk() {
        return trunk.orElseThrow(() -> new IllegalStateException("no outbound trunk configured"));
    }

    private PendingInvite pending(Request invite) throws SipException {
        ClientTransaction transaction = sip.provider.getNewClientTransaction(invite);
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        return new PendingInvite() {
            @Override
            public String callId() {
                return callId;
            }

            @Override
            public void send() {
                legs.of(callId).clientInvite = transaction;
                try {
                    transaction.sendRequest();
                } catch (SipException e) {
                    throw new SignallingException("INVITE " + callId + " not sent: " + e.getMessage(), e);
                }
            }
        };
    }
}
