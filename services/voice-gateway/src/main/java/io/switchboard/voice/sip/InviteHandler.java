package io.switchboard.voice.sip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import javax.sdp.SdpException;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import io.switchboard.voice.domain.Call;
import io.switchboard.voice.domain.InboundAdmission;
import io.switchboard.voice.domain.SignallingEvents;
import io.switchboard.voice.domain.port.AudioLeg;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.MediaUnavailableException;

/**
 * INVITEs to us. A trunk's new call: admitted (source, digest account, DID, capacity), its SDP read
 * (G.711 and RFC 4733), a media port opened, and answered 200 at once; the call flow takes it from
 * there. A re-INVITE on either leg: 200, and hold starts or ends as its SDP says.
 */
final class InviteHandler {

    private static final Logger LOG = Logger.getLogger(InviteHandler.class);
    private static final int RETRY_AFTER_SECONDS = 5;

    private final SipStack sip;
    private final TrunkGuard trunks;
    private final InboundAdmission admission;
    private final Media media;
    private final SignallingEvents calls;
    private final SipSignalling signalling;

    InviteHandler(SipStack sip, TrunkGuard trunks, InboundAdmission admission, Media media, SignallingEvents calls,
            SipSignalling signalling) {
        this.sip = sip;
        this.trunks = trunks;
        this.admission = admission;
        this.media = media;
        this.calls = calls;
        this.signalling = signalling;
    }

    void invite(Request request, ServerTransaction transaction, String source) throws ParseException, SipException,
            InvalidArgumentException {
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            reInvite(request, transaction);
            return;
        }
        if (!trunks.admit(request, transaction, source)) {
            return;
        }
        String dialled = request.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        InboundAdmission.Verdict verdict = admission.admit(dialled);
        switch (verdict.kind()) {
            case UNKNOWN_NUMBER -> {
                sip.respond(transaction, request, Response.NOT_FOUND);
                return;
            }
            case NOT_READY -> {
                sip.respond(transaction, request, Response.SERVICE_UNAVAILABLE);
                return;
            }
            case BROKER_AWAY -> {
                LOG.debugf("INVITE refused: the broker does not take events now");
                unavailable(request, transaction);
                return;
            }
            case FULL -> {
                LOG.warnf("INVITE refused: %d calls in progress (switchboard.voice.max-calls)", admission.inProgress());
                unavailable(request, transaction);
                return;
            }
            default -> answer(request, transaction, verdict);
        }
    }

    /** 503 with Retry-After: the carrier tries another route now and this one again later. */
    private void unavailable(Request request, ServerTransaction transaction) throws ParseException, SipException,
            InvalidArgumentException {
        Response busy = sip.messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
        busy.addHeader(sip.headers.createRetryAfterHeader(RETRY_AFTER_SECONDS));
        sip.send(transaction, request, busy);
    }

    private void answer(Request request, ServerTransaction transaction, InboundAdmission.Verdict verdict) throws ParseException,
            SipException, InvalidArgumentException {
        Optional<Sdp.Offer> offer = offer(request);
        if (offer.isEmpty() || offer.get().codec() < 0) {
            sip.respond(transaction, request, Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        AudioLeg leg;
        try {
            leg = media.open("caller");
        } catch (MediaUnavailableException full) {
            LOG.warnf("INVITE refused: %s", full.getMessage());
            sip.respond(transaction, request, Response.SERVICE_UNAVAILABLE);
            return;
        }
        leg.remote(offer.get().audio());
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String from = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI() instanceof SipURI uri ? uri.getUser() : null;
        Call call = calls.callerArrived(callId, verdict.route().orElseThrow(), from, leg, offer.get().codec(), offer.get().telephoneEvent());
        SipLegs.Leg sipLeg = signalling.legs().of(callId);
        sipLeg.serverInvite = transaction;
        Response ok = sip.messages.createResponse(Response.OK, request);
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
        ok.addHeader(sip.contact("switchboard"));
        ok.setContent(signalling.sdp(leg.localPort(), call), sip.headers.createContentTypeHeader("application", "sdp"));
        transaction.sendResponse(ok);
        sipLeg.dialog = transaction.getDialog();
        calls.callerAnswered(call);
    }

    private void reInvite(Request request, ServerTransaction transaction) throws ParseException, SipException,
            InvalidArgumentException {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        if (!calls.knows(callId)) {
            sip.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        Optional<Sdp.Offer> offer = offer(request);
        if (offer.isEmpty()) {
            sip.respond(transaction, request, Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        Optional<SignallingEvents.ReInviteAnswer> answer = calls.reInvited(callId, offer.get().onHold(), offer.get().audio());
        if (answer.isEmpty()) {
            sip.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        Response ok = sip.messages.createResponse(Response.OK, request);
        ok.addHeader(sip.contact("switchboard"));
        String sdp = Sdp.write(signalling.mediaHost(), answer.get().leg().map(AudioLeg::localPort).orElse(9), answer.get().payloadType(),
                offer.get().telephoneEvent(), System.currentTimeMillis());
        if (offer.get().onHold()) {
            sdp = sdp.replace("a=sendrecv", "inactive".equals(offer.get().direction()) ? "a=inactive" : "a=recvonly");
        }
        ok.setContent(sdp, sip.headers.createContentTypeHeader("application", "sdp"));
        transaction.sendResponse(ok);
    }

    /** The request's SDP offer; empty when there is none we can use. */
    private static Optional<Sdp.Offer> offer(Request request) {
        byte[] body = request.getRawContent() == null ? new byte[0] : request.getRawContent();
        try {
            return Optional.of(Sdp.read(new String(body, StandardCharsets.UTF_8)));
        } catch (SdpException | RuntimeException unusable) {
            return Optional.empty();
        }
    }
}
