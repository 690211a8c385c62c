package io.switchboard.sms.domain;

/** Port: downloads an MMS file from the provider with the account's credentials. */
public interface MediaFetcher {

    /** @throws GatewayException when it cannot be fetched or is larger than {@code maxBytes} (then permanent) */
    FetchedMedia fetch(String provider, MediaLink link, long maxBytes) throws GatewayException;
}
