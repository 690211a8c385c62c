package io.switchboard.voice.sip;

import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sdp.SdpException;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactOffered;
import io.switchboard.service.config.EntryPointRoute;
import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.Call;
import io.switchboard.voice.domain.CallRegistry;
import io.switchboard.voice.domain.ComfortMessage;
import io.switchboard.voice.domain.DtmfReader;
import io.switchboard.voice.domain.Registrar;
import io.switchboard.voice.domain.VoiceDirectory;
import io.switchboard.voice.domain.WaitEstimates;
import io.switchboard.voice.media.MediaLeg;
import io.switchboard.voice.media.MediaPorts;
import io.switchboard.voice.media.PromptPlayer;
import io.switchboard.voice.messaging.CallEvents;

/**
 * The call flow of the B2BUA. The caller's INVITE is answered at once (G.711, RFC 4733 events) and
 * the IVR reads a key; the choice becomes a contact with queue audio; an offer from routing rings the
 * agent's registered phone (our second leg, with the queue in a header as the whisper); the answer
 * bridges the legs by relaying RTP; a BYE on either side ends both and the contact.
 */
final class CallHandler {

    private static final Logger LOG = Logger.getLogger(CallHandler.class);
    static final String QUEUE_PROMPT = "queue.ul";
    static final String INVALID_PROMPT = "invalid.ul";

    private final SipStack sip;
    private final VoiceDirectory directory;
    private final CallRegistry calls;
    private final MediaPorts ports;
    private final PromptPlayer player;
    private final CallEvents events;
    private final Registrar registrar;
    private final CallLegs legs;
    private final ReferHandler referrals;
    private final OutsideTransfer outside;
    private final WaitEstimates estimates;
    private final Dialer dialer;
    private final TrunkGuard trunks;
    private final VoiceConfig config;
    private final ScheduledExecutorService timers;
    private final ExecutorService work;

    CallHandler(SipStack sip, VoiceDirectory directory, CallRegistry calls, MediaPorts ports, PromptPlayer player, CallEvents events,
            Registrar registrar, CallLegs legs, ReferHandler referrals, OutsideTransfer outside, Dialer dialer, WaitEstimates estimates,
            TrunkGuard trunks, VoiceConfig config, ScheduledExecutorService timers, ExecutorService work) {
        this.sip = sip;
        this.directory = directory;
        this.calls = calls;
        this.ports = ports;
        this.player = player;
        this.events = events;
        this.registrar = registrar;
        this.legs = legs;
        this.referrals = referrals;
        this.outside = outside;
        this.estimates = estimates;
        this.dialer = dialer;
        this.trunks = trunks;
        this.config = config;
        this.timers = timers;
        this.work = work;
    }

    // ------------------------------------------------------------------ the caller's leg

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
        Optional<EntryPointRoute> route = dialled == null ? Optional.empty() : directory.lookup(dialled);
        if (route.isEmpty()) {
            sip.respond(transaction, request, directory.loaded() ? Response.NOT_FOUND : Response.SERVICE_UNAVAILABLE);
            return;
        }
        if (calls.size() >= config.maxCalls()) {
            LOG.warnf("INVITE refused: %d calls in progress (switchboard.voice.max-calls)", calls.size());
            Response busy = sip.messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
            busy.addHeader(sip.headers.createRetryAfterHeader(5));
            sip.send(transaction, request, busy);
            return;
        }
        Sdp.Offer offer;
        try {
            offer = Sdp.read(new String(request.getRawContent() == null ? new byte[0] : request.getRawContent(), StandardCharsets.UTF_8));
        } catch (SdpException | RuntimeException unusable) {
            sip.respond(transaction, request, Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        if (offer.codec() < 0) {
            sip.respond(transaction, request, Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        MediaLeg media;
        try {
            media = ports.open("caller");
        } catch (SocketException full) {
            LOG.warnf("INVITE refused: %s", full.getMessage());
            sip.respond(transaction, request, Response.SERVICE_UNAVAILABLE);
            return;
        }
        media.remote(offer.audio());
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String from = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI() instanceof SipURI uri ? uri.getUser() : null;
        Call call = new Call(UUID.randomUUID().toString(), callId, route.get().tenantId(), route.get().address(), from, Instant.now(),
                media, offer.codec(), offer.telephoneEvent(), false);
        call.callerInvite = transaction;
        calls.add(call);
        Response ok = sip.messages.createResponse(Response.OK, request);
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(tag());
        ok.addHeader(sip.contact("switchboard"));
        ok.setContent(Sdp.write(ports.host(), media.localPort(), offer.codec(), offer.telephoneEvent(), System.currentTimeMillis()),
                sdpType());
        transaction.sendResponse(ok);
        call.callerDialog = transaction.getDialog();
        timers.schedule(() -> legs.hangUp(call, ContactEnded.Reason.TIMEOUT), config.maxCallDuration().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Our 200 to a caller was never ACKed (the caller is gone), or a dialog ended without a BYE we saw: release the call. */
    void lost(String callId) {
        calls.byCallId(callId).ifPresent(call -> {
            synchronized (call) {
                if (call.state == Call.State.ENDED) {
                    return;
                }
                if (callId.equals(call.callerCallId)) {
                    legs.releaseAgentLeg(call);
                    legs.end(call, ContactEnded.Reason.CUSTOMER_LEFT);
                } else if (call.state == Call.State.CONNECTED || call.state == Call.State.DIALING) {
                    legs.releaseCallerLeg(call);
                    legs.end(call, ContactEnded.Reason.AGENT_ENDED);
                }
            }
        });
    }

    /** The caller's ACK: the IVR starts. */
    void ack(Request request) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        calls.byCallId(callId).filter(call -> call.callerCallId.equals(callId)).ifPresent(call -> {
            synchronized (call) {
                if (call.state == Call.State.IVR && !player.isPlaying(call.callerMedia) && call.entryPoint == null) {
                    startIvr(call);
                }
            }
        });
    }

    private void startIvr(Call call) {
        VoiceConfig.Ivr ivr = config.ivr().get(call.did);
        if (ivr == null || ivr.choices().isEmpty()) {
            queue(call, call.did, "");
            return;
        }
        call.entryPoint = "";
        call.callerMedia.sink(new DtmfReader(call.dtmfPayloadType, key -> key(call, ivr, key)));
        player.play(call.callerMedia, ivr.prompt(), call.payloadType, false,
                () -> timers.schedule(() -> ivrTimeout(call, ivr), ivr.timeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    private void key(Call call, VoiceConfig.Ivr ivr, char key) {
        synchronized (call) {
            if (call.state != Call.State.IVR) {
                return;
            }
            String entryPoint = ivr.choices().get(String.valueOf(key));
            if (entryPoint == null) {
                player.play(call.callerMedia, INVALID_PROMPT, call.payloadType, false,
                        () -> player.play(call.callerMedia, ivr.prompt(), call.payloadType, false, null));
                return;
            }
            queue(call, entryPoint, String.valueOf(key));
        }
    }

    private void ivrTimeout(Call call, VoiceConfig.Ivr ivr) {
        synchronized (call) {
            if (call.state == Call.State.IVR && !player.isPlaying(call.callerMedia)) {
                queue(call, ivr.defaultChoice().orElse(call.did), "timeout");
            }
        }
    }

    /** The choice is made: a contact, queue audio (with the expected wait now and then) until an agent answers. */
    private void queue(Call call, String entryPoint, String path) {
        call.state = Call.State.QUEUED;
        call.entryPoint = entryPoint;
        call.ivrPath = path;
        call.queuedAt = Instant.now();
        call.callerMedia.sink((packet, length) -> { });
        player.play(call.callerMedia, QUEUE_PROMPT, call.payloadType, true, null);
        legs.announce(call, () -> events.created(call, directory.region(call.tenantId).orElse(null)));
        scheduleComfort(call);
    }

    /** Routing put the call in a queue: the queue whose expected wait the caller is told. */
    void queued(String contactId, String queueId) {
        calls.byContact(contactId).ifPresent(call -> {
            synchronized (call) {
                if (call.state != Call.State.ENDED) {
                    call.queueId = queueId;
                }
            }
        });
    }

    private void scheduleComfort(Call call) {
        timers.schedule(() -> comfort(call), config.comfortInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every comfort interval while the call waits, the caller hears the expected wait, then the queue audio again. */
    private void comfort(Call call) {
        synchronized (call) {
            if (call.state == Call.State.ENDED) {
                return;
            }
            // Not over a message still being spoken: only the queue audio gives way.
            if (call.state == Call.State.QUEUED && player.playing(call.callerMedia).filter(QUEUE_PROMPT::equals).isPresent()) {
                playInTurn(call, ComfortMessage.prompts(estimates.expected(call.tenantId, call.queueId)));
            }
        }
        scheduleComfort(call);
    }

    /** Plays the prompts one after the other, then loops the queue audio; an agent answering stops it at any point. */
    private void playInTurn(Call call, List<String> prompts) {
        if (prompts.isEmpty()) {
            player.play(call.callerMedia, QUEUE_PROMPT, call.payloadType, true, null);
            return;
        }
        player.play(call.callerMedia, prompts.get(0), call.payloadType, false, () -> {
            synchronized (call) {
                if (call.state == Call.State.QUEUED || call.state == Call.State.RINGING) {
                    playInTurn(call, prompts.subList(1, prompts.size()));
                }
            }
        });
    }

    private void reInvite(Request request, ServerTransaction transaction) throws ParseException, SipException,
            InvalidArgumentException {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        Optional<Call> found = calls.byCallId(callId);
        if (found.isEmpty()) {
            sip.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        Call call = found.get();
        Sdp.Offer offer;
        try {
            offer = Sdp.read(new String(request.getRawContent(), StandardCharsets.UTF_8));
        } catch (SdpException | RuntimeException unusable) {
            sip.respond(transaction, request, Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        boolean fromCaller = callId.equals(call.callerCallId);
        MediaLeg leg = fromCaller ? call.callerMedia : call.agentMedia;
        synchronized (call) {
            call.hold(offer.onHold(), Instant.now());
            if (!offer.onHold() && leg != null) {
                leg.remote(offer.audio());
            }
        }
        Response ok = sip.messages.createResponse(Response.OK, request);
        ok.addHeader(sip.contact("switchboard"));
        String answer = Sdp.write(ports.host(), leg == null ? 9 : leg.localPort(), call.payloadType, offer.telephoneEvent(),
                System.currentTimeMillis());
        if (offer.onHold()) {
            answer = answer.replace("a=sendrecv", "inactive".equals(offer.direction()) ? "a=inactive" : "a=recvonly");
        }
        ok.setContent(answer, sdpType());
        transaction.sendResponse(ok);
    }

    void bye(Request request, ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        Optional<Call> found = calls.byCallId(callId);
        if (found.isEmpty()) {
            sip.respond(transaction, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        transaction.sendResponse(sip.messages.createResponse(Response.OK, request));
        Call call = found.get();
        boolean fromCaller = callId.equals(call.callerCallId);
        synchronized (call) {
            if (call.state == Call.State.ENDED) {
                return;
            }
            if (fromCaller) {
                legs.releaseAgentLeg(call);
            } else {
                legs.releaseCallerLeg(call);
            }
            legs.end(call, fromCaller ? ContactEnded.Reason.CUSTOMER_LEFT : ContactEnded.Reason.AGENT_ENDED);
        }
    }

    /** A CANCEL for an INVITE we have not answered yet: 487 to the INVITE. We answer at once, so this is rare. */
    void cancel(Request request, ServerTransaction transaction) throws ParseException, SipException, InvalidArgumentException {
        transaction.sendResponse(sip.messages.createResponse(Response.OK, request));
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        calls.byCallId(callId).ifPresent(call -> {
            synchronized (call) {
                if (call.callerDialog == null && call.callerInvite != null) {
                    try {
                        call.callerInvite.sendResponse(sip.messages.createResponse(Response.REQUEST_TERMINATED, call.callerInvite.getRequest()));
                    } catch (ParseException | SipException | InvalidArgumentException e) {
                        LOG.debugf("487 not sent: %s", e.getMessage());
                    }
                    legs.end(call, ContactEnded.Reason.CUSTOMER_LEFT);
                }
            }
        });
    }

    // ------------------------------------------------------------------ the agent's leg

    /** Routing offers the call to an agent: ring their phone, or decline at once when it is not registered. */
    void offer(ContactOffered offered) {
        Optional<Call> found = calls.byContact(offered.contactId());
        if (found.isEmpty()) {
            return;
        }
        Call call = found.get();
        synchronized (call) {
            if (call.state != Call.State.QUEUED) {
                return;
            }
            Optional<Registrar.Binding> phone = registrar.lookup(offered.agentId(), Instant.now());
            if (phone.isEmpty()) {
                LOG.infof("agent %s has no registered phone: declining offer %s", offered.agentId(), offered.offerId());
                work.execute(() -> events.answered(call, offered.agentId(), offered.offerId(), false));
                return;
            }
            try {
                ring(call, offered, phone.get());
            } catch (ParseException | SipException | InvalidArgumentException | SocketException e) {
                LOG.warnf("could not ring %s: %s", offered.agentId(), e.getMessage());
                legs.closeAgentLeg(call);
                work.execute(() -> events.answered(call, offered.agentId(), offered.offerId(), false));
            }
        }
    }

    private void ring(Call call, ContactOffered offered, Registrar.Binding phone) throws ParseException, SipException,
            InvalidArgumentException, SocketException {
        MediaLeg media = ports.open("agent");
        call.agentMedia = media;
        Request invite = sip.invite((SipURI) sip.addresses.createURI(phone.contact()), offered.agentId(), "switchboard",
                call.caller == null ? "Caller" : call.caller,
                Sdp.write(ports.host(), media.localPort(), call.payloadType, call.dtmfPayloadType, System.currentTimeMillis()));
        // The whisper: which queue the call comes from, for the phone's display.
        invite.addHeader(sip.headers.createHeader("X-Switchboard-Queue", offered.queueId()));
        invite.addHeader(sip.headers.createSubjectHeader("Call from queue " + offered.queueId()));
        CallIdHeader callId = (CallIdHeader) invite.getHeader(CallIdHeader.NAME);
        ClientTransaction transaction = sip.provider.getNewClientTransaction(invite);
        call.state = Call.State.RINGING;
        call.agentId = offered.agentId();
        call.offerId = offered.offerId();
        call.queueId = offered.queueId();
        call.offeredAt = Instant.now();
        call.agentInvite = transaction;
        call.agentCancelled = false;
        call.agentCallId = callId.getCallId();
        calls.agentLeg(call, call.agentCallId);
        transaction.sendRequest();
    }

    /** Routing took the offer back (timed out, withdrawn): stop ringing. */
    void offerEnded(String contactId, String offerId) {
        calls.byContact(contactId).ifPresent(call -> {
            synchronized (call) {
                if (call.state == Call.State.RINGING && offerId != null && offerId.equals(call.offerId)) {
                    legs.cancelAgent(call);
                    call.state = Call.State.QUEUED;
                }
            }
        });
    }

    /**
     * Routing moved the call (an agent's blind transfer, or overflow): the agent's leg is released and
     * the caller goes back to queue audio until the next offer rings the next phone.
     */
    void transferred(String contactId) {
        calls.byContact(contactId).ifPresent(call -> {
            synchronized (call) {
                if (call.state != Call.State.CONNECTED && call.state != Call.State.RINGING) {
                    return;
                }
                referrals.completed(call);
                legs.releaseAgentLeg(call);
                call.agentDialog = null;
                call.state = Call.State.QUEUED;
                call.callerMedia.sink((packet, length) -> { });
                player.play(call.callerMedia, QUEUE_PROMPT, call.payloadType, true, null);
            }
        });
    }

    /**
     * The agent puts the caller on hold: a re-INVITE tells the caller's side we only send (RFC 3264
     * §8.4), the caller hears hold audio and the agent hears nothing; resume restores the bridge.
     */
    void hold(String contactId, String agentId, boolean on) {
        calls.byContact(contactId).ifPresent(call -> {
            synchronized (call) {
                if (call.state != Call.State.CONNECTED || !agentId.equals(call.agentId) || call.onHold() == on) {
                    return;
                }
                MediaLeg caller = call.callerMedia;
                MediaLeg agent = call.agentMedia;
                call.hold(on, Instant.now());
                if (on) {
                    caller.sink((packet, length) -> { });
                    agent.sink((packet, length) -> { });
                    player.play(caller, QUEUE_PROMPT, call.payloadType, true, null);
                } else {
                    player.stop(caller);
                    legs.bridge(call);
                }
                reInvite(call.callerDialog, caller, call, on ? "sendonly" : "sendrecv");
            }
        });
    }

    private void reInvite(Dialog dialog, MediaLeg leg, Call call, String direction) {
        try {
            Request invite = dialog.createRequest(Request.INVITE);
            invite.addHeader(sip.contact("switchboard"));
            invite.setContent(Sdp.write(ports.host(), leg.localPort(), call.payloadType, call.dtmfPayloadType, System.currentTimeMillis())
                    .replace("a=sendrecv", "a=" + direction), sdpType());
            dialog.sendRequest(sip.provider.getNewClientTransaction(invite));
        } catch (ParseException | SipException e) {
            LOG.warnf("re-INVITE of call %s not sent: %s", call.contactId, e.getMessage());
        }
    }

    /** The gateway stops: the call is hung up and its contact ends as ERROR. */
    void hangUpOnShutdown(Call call) {
        legs.hangUp(call, ContactEnded.Reason.ERROR);
    }

    /** Routing gave up on the call (maximum wait without overflow): the caller is hung up. */
    void abandoned(String contactId) {
        calls.byContact(contactId).ifPresent(call -> legs.hangUp(call, ContactEnded.Reason.TIMEOUT));
    }

    void response(ResponseEvent event) throws SipException, InvalidArgumentException {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        Optional<Call> found = calls.byCallId(callId);
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        Dialog dialog = event.getDialog();
        if (status < 300 && dialog != null) {
            dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
        }
        if (found.isEmpty()) {
            if (status < 300 && dialog != null) {
                legs.sendBye(dialog);
            }
            return;
        }
        Call call = found.get();
        if (outside.owns(call, callId)) {
            outside.answered(call, response, dialog);
            return;
        }
        if (dialer.placing(call, callId)) {
            dialer.answered(call, callId, response, dialog);
            return;
        }
        if (callId.equals(call.callerCallId)) {
            // The answer to our own re-INVITE (hold, resume): acknowledged above, nothing else to do.
            return;
        }
        synchronized (call) {
            boolean current = call.state == Call.State.RINGING && callId.equals(call.agentCallId) && !call.agentCancelled;
            if (status < 300) {
                if (!current) {
                    legs.sendBye(dialog);
                    return;
                }
                connect(call, response, dialog);
            } else if (current) {
                LOG.infof("agent %s's phone answered %d: declining offer %s", call.agentId, status, call.offerId);
                declined(call);
            } else if (callId.equals(call.agentCallId)) {
                legs.closeAgentLeg(call);
            }
        }
    }

    /** An INVITE of ours (to an agent's phone, or outbound to a customer) got no answer at all. */
    void timeout(ClientTransaction transaction) {
        if (transaction == null || !Request.INVITE.equals(transaction.getRequest().getMethod())) {
            return;
        }
        String callId = ((CallIdHeader) transaction.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
        calls.byCallId(callId).ifPresent(call -> {
            synchronized (call) {
                if (outside.owns(call, callId)) {
                    outside.failed(call, Response.REQUEST_TIMEOUT, "Request Timeout");
                } else if (dialer.placing(call, callId)) {
                    dialer.failed(call, callId, Response.REQUEST_TIMEOUT);
                } else if (call.state == Call.State.RINGING && callId.equals(call.agentCallId)) {
                    declined(call);
                }
            }
        });
    }

    private void connect(Call call, Response response, Dialog dialog) {
        if (!Sdp.answerInto(call.agentMedia, response)) {
            LOG.warnf("agent %s answered without usable SDP; media goes where its RTP comes from", call.agentId);
        }
        call.agentDialog = dialog;
        player.stop(call.callerMedia);
        legs.startRecording(call);
        legs.bridge(call);
        call.state = Call.State.CONNECTED;
        call.answeredAt = Instant.now();
        if (call.queuedAt != null) {
            estimates.answered(call.tenantId, call.queueId, Duration.between(call.queuedAt, call.answeredAt));
        }
        String agentId = call.agentId;
        String offerId = call.offerId;
        work.execute(() -> events.answered(call, agentId, offerId, true));
    }

    private void declined(Call call) {
        String agentId = call.agentId;
        String offerId = call.offerId;
        legs.closeAgentLeg(call);
        call.state = Call.State.QUEUED;
        work.execute(() -> events.answered(call, agentId, offerId, false));
    }

    private ContentTypeHeader sdpType() throws ParseException {
        return sip.headers.createContentTypeHeader("application", "sdp");
    }

    private static String tag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
