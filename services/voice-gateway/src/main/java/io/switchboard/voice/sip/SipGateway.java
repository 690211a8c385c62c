package io.switchboard.voice.sip;

import java.net.InetAddress;
import java.text.ParseException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import gov.nist.javax.sip.message.SIPRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.events.CallDialRequested;
import io.switchboard.events.ContactOffered;
import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.CallRegistry;
import io.switchboard.voice.domain.DigestAuth;
import io.switchboard.voice.domain.OpenCallJournal;
import io.switchboard.voice.domain.RecordingPolicy;
import io.switchboard.voice.domain.Registrar;
import io.switchboard.voice.domain.SourceRateLimiter;
import io.switchboard.voice.domain.TrunkAdmission;
import io.switchboard.voice.domain.VoiceDirectory;
import io.switchboard.voice.domain.WaitEstimates;
import io.switchboard.voice.media.MediaPorts;
import io.switchboard.voice.media.PromptPlayer;
import io.switchboard.voice.messaging.CallEvents;

/**
 * The gateway's SIP side: starts the stack with the service, dispatches every request and response,
 * and gives every request a final answer (a method we do not serve gets 405, a failure inside a
 * handler 500), so no peer is left retransmitting into silence. Messages the stack cannot parse
 * are answered 400 by the stack itself.
 */
@ApplicationScoped
public class SipGateway implements SipListener {

    private static final Logger LOG = Logger.getLogger(SipGateway.class);

    private final VoiceConfig config;
    private final VoiceDirectory directory;
    private final CallRegistry calls;
    private final MediaPorts ports;
    private final PromptPlayer player;
    private final CallEvents events;
    private final Registrar registrar;
    private final RecordingPolicy recording;
    private final WaitEstimates estimates;
    private final OpenCallJournal journal;
    /** INVITE and REGISTER floods: a token bucket per source address and method. */
    private final Map<String, SourceRateLimiter> limits;
    private final Map<String, Counter> throttled;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, daemon("voice-timers"));
    /** Publishing to Kafka blocks; it never runs on the stack's threads. */
    private final ExecutorService work = Executors.newFixedThreadPool(8, daemon("voice-work"));
    private SipStack sip;
    private RegisterHandler registrations;
    private CallHandler callHandler;
    private Dialer dialer;
    private ReferHandler referrals;

    public SipGateway(VoiceConfig config, VoiceDirectory directory, CallRegistry calls, MediaPorts ports, PromptPlayer player,
            CallEvents events, Registrar registrar, RecordingPolicy recording, WaitEstimates estimates, OpenCallJournal journal,
            MeterRegistry registry) {
        this.config = config;
        this.directory = directory;
        this.calls = calls;
        this.ports = ports;
        this.player = player;
        this.events = events;
        this.registrar = registrar;
        this.recording = recording;
        this.estimates = estimates;
        this.journal = journal;
        VoiceConfig.RateLimit limit = config.rateLimit();
        this.limits = Map.of(
                Request.INVITE, new SourceRateLimiter(limit.invitePerSecond(), limit.inviteBurst(), limit.maxSources()),
                Request.REGISTER, new SourceRateLimiter(limit.registerPerSecond(), limit.registerBurst(), limit.maxSources()));
        this.throttled = Map.of(Request.INVITE, throttledCounter(registry, Request.INVITE),
                Request.REGISTER, throttledCounter(registry, Request.REGISTER));
    }

    private static Counter throttledCounter(MeterRegistry registry, String method) {
        return Counter.builder("voice.sip.requests.throttled").description("INVITEs and REGISTERs refused with 503 by the per-source rate limit")
                .tag("method", method).register(registry);
    }

    void start(@Observes StartupEvent start) throws Exception {
        sip = SipStack.start(config, this);
        DigestChallenges challenges = new DigestChallenges(sip, new DigestAuth(config.realm()));
        TrunkAdmission trunks = TrunkGuard.admission(config);
        registrations = new RegisterHandler(sip, registrar, challenges, trunks, config);
        CallLegs legs = new CallLegs(sip, calls, player, events, recording, config, journal, work);
        dialer = new Dialer(sip, calls, registrar, directory, ports, events, legs, config, timers);
        OutsideTransfer outside = new OutsideTransfer(sip, calls, ports, legs, config, timers);
        referrals = new ReferHandler(sip, calls, recording, events, legs, outside, work);
        callHandler = new CallHandler(sip, directory, calls, ports, player, events, registrar, legs, referrals, outside, dialer, estimates,
                new TrunkGuard(sip, trunks, challenges), config, timers, work);
    }

    /**
     * Calls cannot outlive the process: each is hung up (BYE to both legs) and its contact ended as
     * ERROR before the stack stops. What the broker does not take in time stays in the journal.
     */
    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        if (callHandler != null) {
            calls.all().forEach(callHandler::hangUpOnShutdown);
        }
        timers.shutdownNow();
        work.shutdown();
        work.awaitTermination(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (sip != null) {
            sip.stop();
        }
    }

    /** Routing offered a voice contact: ring the agent's phone. */
    public void offered(ContactOffered offered) {
        callHandler.offer(offered);
    }

    /** An agent asked for a call (click-to-call): ring their phone, then the customer. */
    public void dial(CallDialRequested request) {
        dialer.dial(request);
    }

    public void queued(String contactId, String queueId) {
        callHandler.queued(contactId, queueId);
    }

    public void offerEnded(String contactId, String offerId) {
        callHandler.offerEnded(contactId, offerId);
    }

    public void hold(String contactId, String agentId, boolean on) {
        callHandler.hold(contactId, agentId, on);
    }

    public void transferred(String contactId) {
        callHandler.transferred(contactId);
    }

    /** Routing refused a transfer: a phone that asked for it (REFER) is told. */
    public void transferRefused(String contactId) {
        referrals.refused(contactId);
    }

    public void abandoned(String contactId) {
        callHandler.abandoned(contactId);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction transaction = event.getServerTransaction();
        try {
            if (Request.ACK.equals(request.getMethod())) {
                callHandler.ack(request);
                return;
            }
            if (throttled(request, source(request))) {
                return;
            }
            if (transaction == null) {
                try {
                    transaction = sip.provider.getNewServerTransaction(request);
                } catch (TransactionAlreadyExistsException retransmission) {
                    return;
                }
            }
            switch (request.getMethod()) {
                case Request.INVITE -> callHandler.invite(request, transaction, source(request));
                case Request.BYE -> callHandler.bye(request, transaction);
                case Request.CANCEL -> callHandler.cancel(request, transaction);
                case Request.REFER -> referrals.refer(request, transaction);
                case Request.REGISTER -> registrations.register(request, transaction, source(request));
                case Request.OPTIONS -> sip.respond(transaction, request, Response.OK);
                default -> sip.respond(transaction, request, Response.METHOD_NOT_ALLOWED);
            }
        } catch (Exception e) {
            LOG.warnf(e, "%s failed", request.getMethod());
            if (transaction != null) {
                sip.respond(transaction, request, Response.SERVER_INTERNAL_ERROR);
            }
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            callHandler.response(event);
        } catch (Exception e) {
            LOG.warnf(e, "response %d not handled", event.getResponse().getStatusCode());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()) {
            callHandler.timeout(event.getClientTransaction());
        } else if (Request.INVITE.equals(event.getServerTransaction().getRequest().getMethod())) {
            callHandler.lost(((javax.sip.header.CallIdHeader) event.getServerTransaction().getRequest()
                    .getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId());
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debugf("SIP I/O error with %s:%d (%s)", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Nothing is kept per transaction.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Normally after our BYE handling, when the call is already gone; otherwise the dialog died
        // without one (no ACK, a transport error) and the call is released.
        callHandler.lost(event.getDialog().getCallId().getCallId());
    }

    /**
     * Over its source's rate: 503 with Retry-After, sent statelessly (a flood gets no transaction
     * state), and nothing else is done. Retransmissions count too, as they cost the same.
     */
    private boolean throttled(Request request, String source) throws ParseException, InvalidArgumentException {
        SourceRateLimiter limiter = limits.get(request.getMethod());
        if (limiter == null) {
            return false;
        }
        OptionalLong retryAfter = limiter.acquire(source, System.nanoTime());
        if (retryAfter.isEmpty()) {
            return false;
        }
        throttled.get(request.getMethod()).increment();
        LOG.debugf("%s from %s over the rate limit", request.getMethod(), source);
        Response busy = sip.messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
        busy.addHeader(sip.headers.createRetryAfterHeader((int) Math.min(Integer.MAX_VALUE, retryAfter.getAsLong())));
        sip.send(null, request, busy);
        return true;
    }

    /** The address the request came from (not what its Via claims). */
    private static String source(Request request) {
        if (request instanceof SIPRequest sipRequest) {
            InetAddress address = sipRequest.getPeerPacketSourceAddress() != null ? sipRequest.getPeerPacketSourceAddress()
                    : sipRequest.getRemoteAddress();
            return address == null ? "" : address.getHostAddress();
        }
        return "";
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
