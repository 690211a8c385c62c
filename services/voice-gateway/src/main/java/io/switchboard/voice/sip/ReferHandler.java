package io.switchboard.voice.sip;

import java.net.SocketException;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import io.switchboard.voice.domain.Call;
import io.switchboard.voice.domain.CallRegistry;
import io.switchboard.voice.domain.RecordingPolicy;
import io.switchboard.voice.messaging.CallEvents;

/**
 * Blind transfer from the agent's phone (RFC 3515): a REFER on the agent's leg names a queue of the
 * call's tenant, a number outside the center, or another agent (the user part of Refer-To). A queue or
 * an agent becomes the same transfer request the inbox makes; routing decides, and its answer reaches
 * the phone as NOTIFYs: "100 Trying" at once, then "200 OK" (the phone's leg is released and the
 * caller waits again) or "603 Declined" (the call stays with the agent). A number is called through
 * the trunk ({@link OutsideTransfer}).
 */
final class ReferHandler {

    private static final Logger LOG = Logger.getLogger(ReferHandler.class);

    private final SipStack sip;
    private final CallRegistry calls;
    private final RecordingPolicy queues;
    private final CallEvents events;
    private final CallLegs legs;
    private final OutsideTransfer outside;
    private final ExecutorService work;

    ReferHandler(SipStack sip, CallRegistry calls, RecordingPolicy queues, CallEvents events, CallLegs legs, OutsideTransfer outside,
            ExecutorService work) {
        this.sip = sip;
        this.calls = calls;
        this.queues = queues;
        this.events = events;
        this.legs = legs;
        this.outside = outside;
        this.work = work;
    }

    void refer(Request request, ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        Optional<Call> found = calls.byCallId(callId).filter(call -> callId.equals(call.agentCallId));
        if (found.isEmpty()) {
            sip.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        ReferToHeader referTo = (ReferToHeader) request.getHeader(ReferToHeader.NAME);
        String target = referTo != null && referTo.getAddress().getURI() instanceof SipURI uri ? uri.getUser() : null;
        if (target == null || target.isBlank()) {
            sip.respond(transaction, request, Response.BAD_REQUEST);
            return;
        }
        Call call = found.get();
        synchronized (call) {
            if (call.state != Call.State.CONNECTED || call.referred) {
                // Only a connected call, one transfer at a time.
                sip.respond(transaction, request, Response.FORBIDDEN);
                return;
            }
            boolean toQueue = queues.hasQueue(call.tenantId, target);
            boolean toNumber = !toQueue && OutsideTransfer.isNumber(target);
            if (toNumber && !outside.available()) {
                sip.respond(transaction, request, Response.FORBIDDEN);
                return;
            }
            transaction.sendResponse(sip.messages.createResponse(Response.ACCEPTED, request));
            call.referred = true;
            legs.notifyReferrer(call, "SIP/2.0 100 Trying", false);
            if (toNumber) {
                try {
                    outside.start(call, target);
                } catch (ParseException | SipException | InvalidArgumentException | SocketException | RuntimeException e) {
                    LOG.warnf("could not call %s to transfer call %s: %s", target, call.contactId, e.getMessage());
                    call.referred = false;
                    legs.notifyReferrer(call, "SIP/2.0 500 Server Internal Error", true);
                }
            } else {
                work.execute(() -> events.transferRequested(call, toQueue ? target : null, toQueue ? null : target));
            }
        }
    }

    /** Routing moved the call: the phone hears its transfer succeeded (before its leg is released). */
    void completed(Call call) {
        if (call.referred) {
            call.referred = false;
            legs.notifyReferrer(call, "SIP/2.0 200 OK", true);
        }
    }

    /** Routing refused the transfer: the phone hears so, and the call stays with the agent. */
    void refused(String contactId) {
        calls.byContact(contactId).ifPresent(call -> {
            synchronized (call) {
                if (call.referred) {
                    call.referred = false;
                    legs.notifyReferrer(call, "SIP/2.0 603 Declined", true);
                }
            }
        });
    }
}
