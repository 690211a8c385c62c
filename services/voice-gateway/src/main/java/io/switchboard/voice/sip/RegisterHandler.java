package io.switchboard.voice.sip;

import java.text.ParseException;
import java.time.Instant;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.DigestAuth;
import io.switchboard.voice.domain.Registrar;

/**
 * REGISTER from agents' phones (RFC 3261 §10): digest-authenticated against the agent's provisioned
 * password; the binding expires as the phone asked, within the configured bounds. An unknown agent
 * or wrong credentials get 403; no credentials a 401 challenge; too short an expiry 423.
 */
final class RegisterHandler {

    private static final Logger LOG = Logger.getLogger(RegisterHandler.class);

    private final SipStack sip;
    private final Registrar registrar;
    private final DigestAuth digest;
    private final VoiceConfig config;

    RegisterHandler(SipStack sip, Registrar registrar, DigestAuth digest, VoiceConfig config) {
        this.sip = sip;
        this.registrar = registrar;
        this.digest = digest;
        this.config = config;
    }

    void register(Request request, ServerTransaction transaction) throws ParseException, InvalidArgumentException {
        Instant now = Instant.now();
        String agent = ((SipURI) ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI()).getUser();
        AuthorizationHeader authorization = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        if (authorization == null) {
            Response challenge = sip.messages.createResponse(Response.UNAUTHORIZED, request);
            WWWAuthenticateHeader header = sip.headers.createWWWAuthenticateHeader("Digest");
            header.setRealm(digest.realm());
            header.setNonce(digest.nonce(now));
            header.setAlgorithm("MD5");
            header.setQop("auth");
            challenge.addHeader(header);
            sip.send(transaction, request, challenge);
            return;
        }
        String password = agent == null ? null : config.phones().get(agent);
        var credentials = new DigestAuth.Credentials(authorization.getUsername(), authorization.getRealm(), authorization.getNonce(),
                authorization.getURI() == null ? null : authorization.getURI().toString(), authorization.getResponse(),
                authorization.getQop(), authorization.getNonceCount() > 0 ? String.format("%08x", authorization.getNonceCount()) : null,
                authorization.getCNonce());
        if (password == null || !agent.equals(authorization.getUsername()) || !digest.verify(credentials, password, Request.REGISTER, now)) {
            LOG.infof("REGISTER refused for %s", agent);
            sip.respond(transaction, request, Response.FORBIDDEN);
            return;
        }
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        ExpiresHeader expiresHeader = request.getExpires();
        int expires = contact != null && contact.getExpires() >= 0 ? contact.getExpires()
                : expiresHeader != null ? expiresHeader.getExpires() : config.registration().maxExpires();
        if (contact == null || expires == 0) {
            if (expires == 0) {
                registrar.unregister(agent);
            }
            sip.send(transaction, request, sip.messages.createResponse(Response.OK, request));
            return;
        }
        if (expires < config.registration().minExpires()) {
            Response tooBrief = sip.messages.createResponse(Response.INTERVAL_TOO_BRIEF, request);
            tooBrief.addHeader(sip.headers.createMinExpiresHeader(config.registration().minExpires()));
            sip.send(transaction, request, tooBrief);
            return;
        }
        expires = Math.min(expires, config.registration().maxExpires());
        registrar.register(agent, contact.getAddress().getURI().toString(), now.plusSeconds(expires));
        Response ok = sip.messages.createResponse(Response.OK, request);
        ContactHeader bound = sip.headers.createContactHeader(contact.getAddress());
        bound.setExpires(expires);
        ok.addHeader(bound);
        sip.send(transaction, request, ok);
    }
}
