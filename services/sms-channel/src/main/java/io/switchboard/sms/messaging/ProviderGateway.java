package io.switchboard.sms.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.sms.domain.FetchedMedia;
import io.switchboard.sms.domain.GatewayException;
import io.switchboard.sms.domain.MediaFetcher;
import io.switchboard.sms.domain.MediaLink;
import io.switchboard.sms.domain.OutgoingSms;
import io.switchboard.sms.domain.SmsGateway;

/**
 * The provider seam: a text leaves through the provider that serves its sending number. Today every
 * number is a Twilio-compatible account's; SMPP links claim their own numbers (see SmppLinks).
 */
@ApplicationScoped
public class ProviderGateway implements SmsGateway, MediaFetcher {

    private final TwilioGateway twilio;

    public ProviderGateway(TwilioGateway twilio) {
        this.twilio = twilio;
    }

    @Override
    public Sent send(OutgoingSms sms) throws GatewayException {
        return twilio.send(sms);
    }

    @Override
    public FetchedMedia fetch(String provider, MediaLink link, long maxBytes) throws GatewayException {
        if (!TwilioGateway.PROVIDER.equals(provider)) {
            throw new GatewayException("provider " + provider + " does not serve media", true, null);
        }
        return twilio.fetch(link, maxBytes);
    }
}
