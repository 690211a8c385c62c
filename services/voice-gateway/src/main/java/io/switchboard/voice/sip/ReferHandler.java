package io.switchboard.voice.sip;

import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.voice.domain.PhoneTransfers;
import io.switchboard.voice.domain.SignallingEvents;
import io.switchboard.voice.domain.port.SignallingException;

/**
 * A REFER from the agent's phone (RFC 3515): the user part of Refer-To is the target; the call flow
 * decides ({@link PhoneTransfers}) and its progress reaches the phone as NOTIFYs. Not the agent leg of a
 * call here: 481; no usable Refer-To: 400; not connected, a transfer pending, a number without a trunk or
 * refused by the tenant's dial plan or the rate caps: 403.
 */
final class ReferHandler {

    private final SipStack sip;
    private final SignallingEvents calls;

    ReferHandler(SipStack sip, SignallingEvents calls) {
        this.sip = sip;
        this.calls = calls;
    }

    void refer(Request request, ServerTransaction transaction) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        if (!calls.onAgentLeg(callId)) {
            sip.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        ReferToHeader referTo = (ReferToHeader) request.getHeader(ReferToHeader.NAME);
        String target = referTo != null && referTo.getAddress().getURI() instanceof SipURI uri ? uri.getUser() : null;
        if (target == null || target.isBlank()) {
            sip.respond(transaction, request, Response.BAD_REQUEST);
            return;
        }
        switch (calls.refer(callId, target, () -> accept(request, transaction))) {
            case NO_SUCH_CALL -> sip.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            case FORBIDDEN -> sip.respond(transaction, request, Response.FORBIDDEN);
            case ACCEPTED -> {
                // answered 202 before the first NOTIFY
            }
        }
    }

    private void accept(Request request, ServerTransaction transaction) {
        try {
            transaction.sendResponse(sip.messages.createResponse(Response.ACCEPTED, request));
        } catch (ParseException | SipException | InvalidArgumentException e) {
            throw new SignallingException("202 to REFER not sent: " + e.getMessage(), e);
        }
    }
}
