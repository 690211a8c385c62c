package io.switchboard.voice.sip;

import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.voice.domain.SignallingEvents;

/** BYE (200, or 481 for an unknown dialog) and CANCEL (200; the call flow sends 487 to an INVITE not yet answered). */
final class HangupRequests {

    private final SipStack sip;
    private final SignallingEvents calls;

    HangupRequests(SipStack sip, SignallingEvents calls) {
        this.sip = sip;
        this.calls = calls;
    }

    void bye(Request request, ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        String callId = callId(request);
        if (!calls.knows(callId)) {
            sip.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        transaction.sendResponse(sip.messages.createResponse(Response.OK, request));
        calls.bye(callId);
    }

    void cancel(Request request, ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        transaction.sendResponse(sip.messages.createResponse(Response.OK, request));
        calls.cancelled(callId(request));
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
