package io.switchboard.chat.domain;

import java.time.Duration;

/**
 * What the chat's rules need from the configuration ({@code switchboard.chat.*}), as plain values.
 *
 * @param instanceId this instance's id, named on the replies it pushed to its own sockets
 */
public record ChatSettings(String tokenSecret, Duration tokenTtl, int maxMessageChars, Duration abandonAfter,
        Duration publishTimeout, String instanceId) {
}
