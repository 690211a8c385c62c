package io.switchboard.sms.domain;

import java.util.List;

/**
 * A text as a provider delivered it, before any checks.
 *
 * @param provider          {@code twilio}, {@code smpp:<link>}; with the id, what makes a retry recognisable
 * @param providerMessageId the provider's id (Twilio MessageSid); a repeated one is a no-op
 */
public record InboundSms(String provider, String providerMessageId, String from, String to, String body, List<MediaLink> media) {

    public InboundSms {
        media = media == null ? List.of() : List.copyOf(media);
    }
}
