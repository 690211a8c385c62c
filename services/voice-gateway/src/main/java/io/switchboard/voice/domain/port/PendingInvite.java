package io.switchboard.voice.domain.port;

/**
 * An INVITE of ours, built but not sent: the call learns the new leg's Call-ID first, so the answer
 * (which can arrive at once) finds the call.
 */
public interface PendingInvite {

    String callId();

    /** Sends it; {@link SignallingException} when it cannot be. */
    void send();
}
