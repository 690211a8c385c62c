package io.switchboard.voice.domain;

import io.switchboard.voice.domain.port.AudioLeg;

/** The supervisor's leg of a monitored call: their phone, rung by us, then joined. Guarded by the call's monitor. */
public final class Monitor {

    public final String supervisorId;
    /** The SIP Call-ID of our INVITE to the supervisor's phone. */
    public final String callId;
    public final AudioLeg media;
    public volatile MonitorMode mode;
    /** Their phone answered: the leg is in the call's mix. */
    public volatile boolean joined;

    Monitor(String supervisorId, String callId, AudioLeg media, MonitorMode mode) {
        this.supervisorId = supervisorId;
        this.callId = callId;
        this.media = media;
        this.mode = mode;
    }
}
