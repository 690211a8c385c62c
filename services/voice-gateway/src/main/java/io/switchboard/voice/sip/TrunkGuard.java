package io.switchboard.voice.sip;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.DigestAuth;
import io.switchboard.voice.domain.TrunkAdmission;

/**
 * Admits a new INVITE as a trunk call: by source address, or, for a trunk with a digest account,
 * only after it answered our challenge (401, SHA-256 and MD5). A stale nonce or a replayed nonce
 * count is challenged again; wrong credentials and unknown sources get 403.
 */
final class TrunkGuard {

    private static final Logger LOG = Logger.getLogger(TrunkGuard.class);

    private final SipStack sip;
    private final TrunkAdmission trunks;
    private final DigestChallenges challenges;

    TrunkGuard(SipStack sip, TrunkAdmission trunks, DigestChallenges challenges) {
        this.sip = sip;
        this.trunks = trunks;
        this.challenges = challenges;
    }

    /** The trunks of the configuration: the digest accounts, and the addresses admitted without one. */
    static TrunkAdmission admission(VoiceConfig config) {
        List<TrunkAdmission.Account> accounts = config.trunkAccounts().entrySet().stream()
                .map(entry -> new TrunkAdmission.Account(entry.getValue().username().orElse(entry.getKey()), entry.getValue().password(),
                        entry.getValue().addresses().orElse(List.of()), entry.getValue().algorithms().stream()
                                .map(name -> DigestAuth.Algorithm.of(name).orElseThrow(() -> new IllegalArgumentException(
                                        "switchboard.voice.trunk-accounts." + entry.getKey() + ".algorithms: unknown " + name)))
                                .toList()))
                .toList();
        return new TrunkAdmission(config.trunks(), accounts);
    }

    /** True when the INVITE may go on; otherwise it has been answered (401 or 403). */
    boolean admit(Request request, ServerTransaction transaction, String source) throws ParseException {
        TrunkAdmission.Admission admission = trunks.invite(source, Instant.now());
        switch (admission.kind()) {
            case BY_ADDRESS -> {
                return true;
            }
            case REFUSED -> {
                LOG.infof("INVITE from %s refused: not a trunk", source);
                sip.respond(transaction, request, Response.FORBIDDEN);
                return false;
            }
            default -> {
                return authenticated(request, transaction, source, admission.account());
            }
        }
    }

    private boolean authenticated(Request request, ServerTransaction transaction, String source, TrunkAdmission.Account account)
            throws ParseException {
        if (!DigestChallenges.hasCredentials(request)) {
            sip.send(transaction, request, challenges.challenge(request, account.algorithms(), false));
            return false;
        }
        DigestAuth.Outcome outcome = challenges.check(request, account.username(), account.password(), account.algorithms());
        switch (outcome) {
            case ACCEPTED -> {
                return true;
            }
            case WRONG -> {
                LOG.infof("INVITE from %s refused: wrong credentials for trunk %s", source, account.username());
                sip.respond(transaction, request, Response.FORBIDDEN);
            }
            default -> {
                LOG.infof("INVITE from %s (trunk %s) challenged again: %s nonce", source, account.username(), outcome);
                sip.send(transaction, request, challenges.challenge(request, account.algorithms(), outcome == DigestAuth.Outcome.STALE));
            }
        }
        return false;
    }
}
