package io.switchboard.voice.sip;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.DigestAuth;
import io.switchboard.voice.domain.PhoneCredentials;
import io.switchboard.voice.domain.Registrar;
import io.switchboard.voice.domain.TrunkAdmission;

/**
 * REGISTER (RFC 3261 §10) from agents' phones and from trunks that register: digest-authenticated
 * against the agent's HA1 ({@link PhoneCredentials}: the console's, else the configured password's; MD5,
 * as phones expect) or the trunk's account (SHA-256 and MD5); the binding expires as asked, within the configured bounds. No credentials, a stale
 * nonce or a replayed nonce count get a 401 challenge; an unknown user or wrong credentials 403; too
 * short an expiry 423. A trunk's binding is where its INVITEs are then challenged from.
 */
final class RegisterHandler {

    private static final Logger LOG = Logger.getLogger(RegisterHandler.class);
    private static final List<DigestAuth.Algorithm> PHONE_ALGORITHMS = List.of(DigestAuth.Algorithm.MD5);

    private final SipStack sip;
    private final Registrar registrar;
    private final DigestChallenges challenges;
    private final TrunkAdmission trunks;
    private final PhoneCredentials phones;
    private final VoiceConfig config;

    RegisterHandler(SipStack sip, Registrar registrar, DigestChallenges challenges, TrunkAdmission trunks, PhoneCredentials phones,
            VoiceConfig config) {
        this.phones = phones;
        this.sip = sip;
        this.registrar = registrar;
        this.challenges = challenges;
        this.trunks = trunks;
        this.config = config;
    }

    void register(Request request, ServerTransaction transaction, String source) throws ParseException, InvalidArgumentException {
        Instant now = Instant.now();
        String user = ((SipURI) ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI()).getUser();
        Optional<TrunkAdmission.Account> trunk = trunks.account(user);
        List<DigestAuth.Algorithm> algorithms = trunk.map(TrunkAdmission.Account::algorithms).orElse(PHONE_ALGORITHMS);
        if (!DigestChallenges.hasCredentials(request)) {
            sip.send(transaction, request, challenges.challenge(request, algorithms, false));
            return;
        }
        DigestAuth.Outcome outcome = trunk.isPresent()
                ? challenges.check(request, user, trunk.get().password(), algorithms)
                : challenges.checkHa1(request, user, phones.ha1(user).orElse(null));
        if (outcome == DigestAuth.Outcome.WRONG) {
            LOG.infof("REGISTER refused for %s", user);
            sip.respond(transaction, request, Response.FORBIDDEN);
            return;
        }
        if (outcome != DigestAuth.Outcome.ACCEPTED) {
            LOG.infof("REGISTER of %s challenged again: %s nonce", user, outcome);
            sip.send(transaction, request, challenges.challenge(request, algorithms, outcome == DigestAuth.Outcome.STALE));
            return;
        }
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        ExpiresHeader expiresHeader = request.getExpires();
        int expires = contact != null && contact.getExpires() >= 0 ? contact.getExpires()
                : expiresHeader != null ? expiresHeader.getExpires() : config.registration().maxExpires();
        if (contact == null || expires == 0) {
            if (expires == 0) {
                trunk.ifPresentOrElse(account -> trunks.registered(account, source, now, now), () -> registrar.unregister(user));
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
        if (trunk.isPresent()) {
            trunks.registered(trunk.get(), source, now.plusSeconds(expires), now);
        } else {
            registrar.register(user, contact.getAddress().getURI().toString(), now.plusSeconds(expires));
        }
        Response ok = sip.messages.createResponse(Response.OK, request);
        ContactHeader bound = sip.headers.createContactHeader(contact.getAddress());
        bound.setExpires(expires);
        ok.addHeader(bound);
        sip.send(transaction, request, ok);
    }
}
