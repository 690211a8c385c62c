package io.switchboard.voice.sip;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.voice.domain.DigestAuth;

/** {@link DigestAuth} on SIP messages: 401 challenges (one WWW-Authenticate per algorithm) and the credentials a request carries. */
final class DigestChallenges {

    private final SipStack sip;
    private final DigestAuth digest;

    DigestChallenges(SipStack sip, DigestAuth digest) {
        this.sip = sip;
        this.digest = digest;
    }

    /** 401 with a fresh nonce in one WWW-Authenticate header per algorithm, in the order given. */
    Response challenge(Request request, List<DigestAuth.Algorithm> algorithms, boolean stale) throws ParseException {
        Response challenge = sip.messages.createResponse(Response.UNAUTHORIZED, request);
        for (DigestAuth.Challenge offered : digest.challenges(algorithms, stale, Instant.now())) {
            WWWAuthenticateHeader header = sip.headers.createWWWAuthenticateHeader("Digest");
            header.setRealm(offered.realm());
            header.setNonce(offered.nonce());
            header.setAlgorithm(offered.algorithm().token());
            header.setQop("auth");
            if (offered.stale()) {
                header.setStale(true);
            }
            challenge.addHeader(header);
        }
        return challenge;
    }

    /** Checks the request's Authorization (or Proxy-Authorization) against {@code password}; WRONG when it has none. */
    DigestAuth.Outcome check(Request request, String username, String password, List<DigestAuth.Algorithm> algorithms) {
        AuthorizationHeader header = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        if (header == null) {
            header = (ProxyAuthorizationHeader) request.getHeader(ProxyAuthorizationHeader.NAME);
        }
        if (header == null || username == null || !username.equals(header.getUsername())) {
            return DigestAuth.Outcome.WRONG;
        }
        return digest.check(credentials(header), password, request.getMethod(), algorithms, Instant.now());
    }

    /** Checks the request's Authorization against a stored MD5 {@code ha1} of {@code username}; WRONG when it has none. */
    DigestAuth.Outcome checkHa1(Request request, String username, String ha1) {
        AuthorizationHeader header = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        if (header == null || username == null || !username.equals(header.getUsername())) {
            return DigestAuth.Outcome.WRONG;
        }
        return digest.checkHa1(credentials(header), ha1, request.getMethod(), Instant.now());
    }

    static boolean hasCredentials(Request request) {
        return request.getHeader(AuthorizationHeader.NAME) != null || request.getHeader(ProxyAuthorizationHeader.NAME) != null;
    }

    private static DigestAuth.Credentials credentials(AuthorizationHeader header) {
        // The URI exactly as the client hashed it, not as the stack would print it again.
        String uri = header.getParameter("uri") != null ? header.getParameter("uri")
                : header.getURI() == null ? null : header.getURI().toString();
        return new DigestAuth.Credentials(header.getUsername(), header.getRealm(), header.getNonce(), uri, header.getResponse(),
                header.getAlgorithm(), header.getQop(), header.getNonceCount() > 0 ? String.format("%08x", header.getNonceCount()) : null,
                header.getCNonce());
    }
}
