package io.switchboard.voice.sip;

import java.net.SocketException;
import java.text.ParseException;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import io.switchboard.events.ContactEnded;
import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.Call;
import io.switchboard.voice.domain.CallRegistry;
import io.switchboard.voice.media.MediaPorts;

/**
 * A transfer to a number outside the center, asked by the agent's phone (a REFER to a number). The
 * number is called through the outbound trunk showing the tenant's number while the agent and the
 * caller stay connected; when it answers, the agent's phone is released, the caller is bridged to
 * the outside party and the contact ends for the center (TRANSFERRED_OUT), though the call keeps
 * running through the gateway. Busy, no answer or a refusal leaves the call with the agent, and the
 * phone hears the final status in the NOTIFY.
 */
final class OutsideTransfer {

    private static final Logger LOG = Logger.getLogger(OutsideTransfer.class);
    /** A number as dialled on a phone's transfer key: digits, optionally international. */
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,15}");

    private final SipStack sip;
    private final CallRegistry calls;
    private final MediaPorts ports;
    private final CallLegs legs;
    private final VoiceConfig config;
    private final ScheduledExecutorService timers;

    OutsideTransfer(SipStack sip, CallRegistry calls, MediaPorts ports, CallLegs legs, VoiceConfig config,
            ScheduledExecutorService timers) {
        this.sip = sip;
        this.calls = calls;
        this.ports = ports;
        this.legs = legs;
        this.config = config;
        this.timers = timers;
    }

    static boolean isNumber(String target) {
        return NUMBER.matcher(target).matches();
    }

    boolean available() {
        return config.outbound().trunk().isPresent();
    }

    /** Calls the number (the caller holds the call's monitor); the outcome arrives as a response or the ring timeout. */
    void start(Call call, String number) throws ParseException, SipException, InvalidArgumentException, SocketException {
        var media = ports.open("outside");
        try {
            Request invite = sip.trunkInvite(config.outbound().trunk().orElseThrow(), number, call.did,
                    Sdp.write(ports.host(), media.localPort(), call.payloadType, call.dtmfPayloadType, System.currentTimeMillis()));
            ClientTransaction transaction = sip.provider.getNewClientTransaction(invite);
            String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
            call.transferMedia = media;
            call.transferInvite = transaction;
            call.transferCallId = callId;
            calls.agentLeg(call, callId);
            transaction.sendRequest();
            timers.schedule(() -> giveUp(call, callId), config.outbound().ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            media.close();
            call.transferMedia = null;
            throw e;
        }
    }

    /** Whether a response or timeout belongs to the INVITE to the outside number, while it is pending. */
    boolean owns(Call call, String callId) {
        return call.transferInvite != null && callId.equals(call.transferCallId);
    }

    void answered(Call call, Response response, Dialog dialog) {
        synchronized (call) {
            if (response.getStatusCode() >= 300) {
                failed(call, response.getStatusCode(), response.getReasonPhrase());
            } else if (call.state != Call.State.CONNECTED) {
                legs.sendBye(dialog);
            } else {
                handOver(call, response, dialog);
            }
        }
    }

    /** No answer at all (Timer B). */
    void failed(Call call, int status, String reason) {
        synchronized (call) {
            LOG.infof("transfer of call %s out of the center failed: %d %s", call.contactId, status, reason);
            call.transferMedia.close();
            calls.forget(call.transferCallId);
            call.transferMedia = null;
            call.transferInvite = null;
            call.transferCallId = null;
            if (call.referred) {
                call.referred = false;
                legs.notifyReferrer(call, "SIP/2.0 " + status + " " + reason, true);
            }
        }
    }

    /** The outside party answered: it takes the agent's place in the call, and the contact leaves the center. */
    private void handOver(Call call, Response response, Dialog dialog) {
        if (!Sdp.answerInto(call.transferMedia, response)) {
            LOG.debugf("outside party answered without usable SDP; media goes where its RTP comes from");
        }
        call.referred = false;
        legs.notifyReferrer(call, "SIP/2.0 200 OK", true);
        legs.sendBye(call.agentDialog);
        calls.forget(call.agentCallId);
        legs.closeAgentLeg(call);
        call.agentMedia = call.transferMedia;
        call.agentDialog = dialog;
        call.agentCallId = call.transferCallId;
        call.transferMedia = null;
        call.transferInvite = null;
        call.transferCallId = null;
        legs.bridge(call);
        call.contactOver = true;
        legs.publishEnd(call, ContactEnded.Reason.TRANSFERRED_OUT, Instant.now());
    }

    private void giveUp(Call call, String callId) {
        synchronized (call) {
            if (owns(call, callId)) {
                // The 487 that answers the CANCEL reports the failure to the phone.
                legs.cancel(call.transferInvite);
            }
        }
    }
}
