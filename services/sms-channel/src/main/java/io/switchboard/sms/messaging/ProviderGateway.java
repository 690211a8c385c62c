package io.switchboard.sms.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.sms.domain.FetchedMedia;
import io.switchboard.sms.domain.GatewayException;
import io.switchboard.sms.domain.MediaFetcher;
import io.switchboard.sms.domain.MediaLink;
import io.switchboard.sms.domain.OutgoingSms;
import io.switchboard.sms.domain.SmsGateway;

/**
 * The provider seam: a text leaves through the provider that serves its sending number: the numbers
 * an SMPP link serves through that link, those
 * listed for Vonage through Vonage, every other through the Twilio-compatible account. Media is fetched
 * from the provider that announced it.
 */
@ApplicationScoped
public class ProviderGateway implements SmsGateway, MediaFetcher {

    private final TwilioGateway twilio;
    private final VonageGateway vonage;
    private final SmppLinks smpp;

    public ProviderGateway(TwilioGateway twilio, VonageGateway vonage, SmppLinks smpp) {
        this.twilio = twilio;
        this.vonage = vonage;
        this.smpp = smpp;
    }

    @Override
    public Sent send(OutgoingSms sms) throws GatewayException {
        var link = smpp.linkFor(sms.from());
        if (link.isPresent()) {
            return smpp.send(link.get(), sms);
        }
        return vonage.serves(sms.from()) ? vonage.send(sms) : twilio.send(sms);
    }

    @Override
    public FetchedMedia fetch(String provider, MediaLink link, long maxBytes) throws GatewayException {
        if (!TwilioGateway.PROVIDER.equals(provider)) {
            throw new GatewayException("provider " + provider + " does not serve media", true, null);
        }
        return twilio.fetch(link, maxBytes);
    }
}
