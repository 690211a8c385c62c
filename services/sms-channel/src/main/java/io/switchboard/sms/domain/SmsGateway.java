package io.switchboard.sms.domain;

/** Port: hands texts to the provider that serves the sending number (Twilio's REST API, an SMPP link). */
public interface SmsGateway {

    /** Sends once (retries are the caller's) and returns the provider's name and message id. */
    Sent send(OutgoingSms sms) throws GatewayException;

    record Sent(String provider, String providerMessageId) {
    }
}
