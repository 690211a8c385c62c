package io.switchboard.voice.sip;

import java.net.InetAddress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import gov.nist.javax.sip.message.SIPRequest;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.voice.config.CallClock;
import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.CallFlow;

/**
 * The gateway's SIP side: starts the stack with the service, dispatches every request and response
 * to its handler, and gives every request a final answer (a method we do not serve gets 405, a
 * failure inside a handler 500), so no peer is left retransmitting into silence. Messages the stack
 * cannot parse are answered 400 by the stack itself.
 */
@ApplicationScoped
public class SipGateway implements SipListener {

    private static final Logger LOG = Logger.getLogger(SipGateway.class);

    private final VoiceConfig config;
    private final SipHandlers handlerFactory;
    private final SipSignalling signalling;
    private final SipThrottle throttle;
    private final CallFlow calls;
    private final CallClock clock;
    private SipStack sip;
    private SipHandlers.Handlers handlers;

    public SipGateway(VoiceConfig config, SipHandlers handlerFactory, SipSignalling signalling, SipThrottle throttle, CallFlow calls,
            CallClock clock) {
        this.config = config;
        this.handlerFactory = handlerFactory;
        this.signalling = signalling;
        this.throttle = throttle;
        this.calls = calls;
        this.clock = clock;
    }

    void start(@Observes StartupEvent start) throws Exception {
        sip = SipStack.start(config, this);
        signalling.attach(sip);
        handlers = handlerFactory.build(sip);
    }

    /**
     * Calls cannot outlive the process: each is hung up (BYE to both legs) and its contact ended as
     * ERROR before the stack stops. What the broker does not take in time stays in the journal.
     */
    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        if (handlers != null) {
            calls.hangUpAll();
        }
        clock.stop(config.publishTimeout());
        if (sip != null) {
            sip.stop();
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction transaction = event.getServerTransaction();
        try {
            if (Request.ACK.equals(request.getMethod())) {
                calls.signalling().acked(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
                return;
            }
            if (throttle.throttled(sip, request, source(request))) {
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
                case Request.INVITE -> handlers.invites().invite(request, transaction, source(request));
                case Request.BYE -> handlers.hangups().bye(request, transaction);
                case Request.CANCEL -> handlers.hangups().cancel(request, transaction);
                case Request.REFER -> handlers.referrals().refer(request, transaction);
                case Request.REGISTER -> handlers.registrations().register(request, transaction, source(request));
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
            handlers.responses().response(event);
        } catch (Exception e) {
            LOG.warnf(e, "response %d not handled", event.getResponse().getStatusCode());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()) {
            handlers.responses().timeout(event.getClientTransaction());
        } else if (Request.INVITE.equals(event.getServerTransaction().getRequest().getMethod())) {
            calls.signalling().lost(((CallIdHeader) event.getServerTransaction().getRequest().getHeader(CallIdHeader.NAME)).getCallId());
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
        calls.signalling().lost(event.getDialog().getCallId().getCallId());
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
}
