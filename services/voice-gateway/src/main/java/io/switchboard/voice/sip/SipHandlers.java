package io.switchboard.voice.sip;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.CallFlow;
import io.switchboard.voice.domain.DigestAuth;
import io.switchboard.voice.domain.InboundAdmission;
import io.switchboard.voice.domain.PhoneCredentials;
import io.switchboard.voice.domain.Registrar;
import io.switchboard.voice.domain.TrunkAdmission;
import io.switchboard.voice.domain.port.Media;

/** Builds the request and response handlers once the stack is up (they build messages with its factories). */
@ApplicationScoped
public class SipHandlers {

    /** One handler per kind of message. */
    record Handlers(InviteHandler invites, HangupRequests hangups, ReferHandler referrals, RegisterHandler registrations,
            SipResponses responses) {
    }

    private final VoiceConfig config;
    private final Registrar registrar;
    private final InboundAdmission admission;
    private final Media media;
    private final CallFlow calls;
    private final SipSignalling signalling;
    private final PhoneCredentials phones;

    public SipHandlers(VoiceConfig config, Registrar registrar, InboundAdmission admission, Media media, CallFlow calls,
            SipSignalling signalling, PhoneCredentials phones) {
        this.phones = phones;
        this.config = config;
        this.registrar = registrar;
        this.admission = admission;
        this.media = media;
        this.calls = calls;
        this.signalling = signalling;
    }

    Handlers build(SipStack sip) {
        DigestChallenges challenges = new DigestChallenges(sip, new DigestAuth(config.realm()));
        TrunkAdmission trunks = TrunkGuard.admission(config);
        VoiceConfig.Outbound outbound = config.outbound();
        Optional<AuthenticationHelper> trunkAccount = outbound.username().flatMap(user -> outbound.password()
                .map(password -> sip.authenticator(user, password, outbound.trunk().orElse(""))));
        return new Handlers(new InviteHandler(sip, new TrunkGuard(sip, trunks, challenges), admission, media, calls.signalling(), signalling),
                new HangupRequests(sip, calls.signalling()), new ReferHandler(sip, calls.signalling()),
                new RegisterHandler(sip, registrar, challenges, trunks, phones, config),
                new SipResponses(sip, signalling, calls.signalling(), trunkAccount, config.campaign().answeredByHeader()));
    }
}
