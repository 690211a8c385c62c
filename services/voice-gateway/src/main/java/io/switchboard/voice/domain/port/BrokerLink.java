package io.switchboard.voice.domain.port;

/**
 * Whether the broker takes the platform's events now. While it does not, a new call is turned away: its
 * contact could not be announced, and a caller answered only to be hung up later is worse off than one
 * whose carrier tries another route at once.
 */
public interface BrokerLink {

    boolean up();
}
