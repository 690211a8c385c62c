package io.switchboard.voice.sip;

import java.text.ParseException;
import java.util.List;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.PeerUnavailableException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TransportAlreadySupportedException;
import javax.sip.TransportNotSupportedException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;

import io.switchboard.voice.config.VoiceConfig;

/**
 * The JAIN-SIP stack of the gateway: one provider listening on UDP and TCP at the configured
 * address, and the factories every handler builds messages with.
 */
public final class SipStack {

    private static final Logger LOG = Logger.getLogger(SipStack.class);

    public final HeaderFactory headers;
    public final MessageFactory messages;
    public final AddressFactory addresses;
    public final SipProvider provider;
    /** Where peers reach us (the advertised host, else the bind host): Via, Contact, From. */
    public final String host;
    public final int port;
    private final javax.sip.SipStack stack;

    private SipStack(javax.sip.SipStack stack, SipProvider provider, HeaderFactory headers, MessageFactory messages,
            AddressFactory addresses, String host, int port) {
        this.stack = stack;
        this.provider = provider;
        this.headers = headers;
        this.messages = messages;
        this.addresses = addresses;
        this.host = host;
        this.port = port;
    }

    public static SipStack start(VoiceConfig config, SipListener listener) throws PeerUnavailableException,
            TransportNotSupportedException, InvalidArgumentException, ObjectInUseException, TooManyListenersException,
            TransportAlreadySupportedException, ParseException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "switchboard-voice-" + config.sip().port());
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "16");
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // The stack answers what it cannot parse with 400 itself and keeps running.
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        // Under overload the stack refuses new transactions (503) instead of queueing without bound.
        properties.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "5000");
        properties.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "5000");
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        javax.sip.SipStack stack = factory.createSipStack(properties);
        String advertised = config.sip().advertisedHost().orElse(config.sip().host());
        List<String> transports = config.sip().transports();
        SipProvider provider = null;
        for (String transport : transports) {
            ListeningPoint point = stack.createListeningPoint(config.sip().host(), config.sip().port(), transport.trim());
            if (config.sip().advertisedHost().isPresent()) {
                // The top Via of the requests the stack builds itself (in-dialog BYE, re-INVITE, NOTIFY, CANCEL).
                point.setSentBy(advertised + ":" + config.sip().port());
            }
            if (provider == null) {
                provider = stack.createSipProvider(point);
            } else {
                provider.addListeningPoint(point);
            }
        }
        if (provider == null) {
            throw new IllegalStateException("switchboard.voice.sip.transports names no transport");
        }
        provider.addSipListener(listener);
        LOG.infof("SIP listening on %s:%d (%s), advertised as %s", config.sip().host(), config.sip().port(), String.join(", ", transports),
                advertised);
        return new SipStack(stack, provider, factory.createHeaderFactory(), factory.createMessageFactory(),
                factory.createAddressFactory(), advertised, config.sip().port());
    }

    public void stop() {
        stack.stop();
    }

    /**
     * A new INVITE from us (a new dialog): to {@code target}, from {@code fromUser} at this gateway
     * shown as {@code displayName}, with our SDP offer. The caller adds any further headers and sends
     * it with {@link SipProvider#getNewClientTransaction}.
     */
    public Request invite(SipURI target, String toUser, String fromUser, String displayName, String sdp)
            throws ParseException, InvalidArgumentException {
        String transport = target.getTransportParam() == null ? "udp" : target.getTransportParam();
        var fromAddress = addresses.createAddress(addresses.createSipURI(fromUser, host + ":" + port));
        if (displayName != null) {
            fromAddress.setDisplayName(displayName);
        }
        String hostPort = target.getHost() + (target.getPort() > 0 ? ":" + target.getPort() : "");
        Request invite = messages.createRequest(target, Request.INVITE, provider.getNewCallId(),
                headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(fromAddress, Long.toHexString(ThreadLocalRandom.current().nextLong())),
                headers.createToHeader(addresses.createAddress(addresses.createSipURI(toUser, hostPort)), null),
                List.of(headers.createViaHeader(host, port, transport, null)), headers.createMaxForwardsHeader(70));
        invite.addHeader(contact("switchboard"));
        invite.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        return invite;
    }

    /**
     * Answers digest challenges (401/407) to our requests with the given account, through the
     * stack's own client authentication (RFC 2617 responses, nonce counts, the resent request).
     */
    public AuthenticationHelper authenticator(String username, String password, String domain) {
        UserCredentials credentials = new UserCredentials() {
            @Override
            public String getUserName() {
                return username;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String getSipDomain() {
                return domain;
            }
        };
        return ((SipStackExt) stack).getAuthenticationHelper((challenged, realm) -> credentials, headers);
    }

    /**
     * A new INVITE to {@code number} through the carrier's {@code trunk} ({@code host:port[;params]}),
     * from the tenant's {@code did}, which is also asserted (RFC 3325) for carriers that take the
     * caller id from P-Asserted-Identity.
     */
    public Request trunkInvite(String trunk, String number, String did, String sdp) throws ParseException, InvalidArgumentException {
        return trunkInvite(trunk, number, did, null, sdp);
    }

    /** As {@link #trunkInvite(String, String, String, String)}, the caller id shown as {@code displayName} (null: none). */
    public Request trunkInvite(String trunk, String number, String did, String displayName, String sdp)
            throws ParseException, InvalidArgumentException {
        Request invite = invite((SipURI) addresses.createURI("sip:" + number + "@" + trunk), number, did, displayName, sdp);
        invite.addHeader(headers.createHeader("P-Asserted-Identity", "<sip:" + did + "@" + host + ">"));
        return invite;
    }

    /** Our Contact header: where peers send requests within a dialog. */
    public ContactHeader contact(String user) throws ParseException {
        SipURI uri = addresses.createSipURI(user, host + ":" + port);
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    /** Sends a final response without content, logging a failure instead of throwing (the peer retransmits). */
    public void respond(ServerTransaction transaction, Request request, int status) {
        try {
            Response response = messages.createResponse(status, request);
            if (status == Response.METHOD_NOT_ALLOWED || status == Response.OK && Request.OPTIONS.equals(request.getMethod())) {
                response.addHeader(headers.createAllowHeader("INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, REFER"));
            }
            send(transaction, request, response);
        } catch (ParseException e) {
            LOG.warnf("could not build a %d to %s: %s", status, request.getMethod(), e.getMessage());
        }
    }

    public void send(ServerTransaction transaction, Request request, Response response) {
        try {
            if (transaction != null) {
                transaction.sendResponse(response);
            } else {
                provider.sendResponse(response);
            }
        } catch (SipException | InvalidArgumentException e) {
            LOG.debugf("response %d to %s not sent: %s", response.getStatusCode(), request.getMethod(), e.getMessage());
        }
    }
}
