package io.switchboard.voice.domain;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;

/**
 * The agent's phone answered the current offer: the queue audio stops, the legs are bridged (and
 * recorded when the queue records), the wait feeds the queue's estimate and routing hears ACCEPTED.
 */
public final class AgentAnswer {

    private static final Logger LOG = Logger.getLogger(AgentAnswer.class);

    private final Media media;
    private final CallLegs legs;
    private final Outbox outbox;
    private final WaitEstimates estimates;
    private final Clock clock;

    public AgentAnswer(Media media, CallLegs legs, Outbox outbox, WaitEstimates estimates, Clock clock) {
        this.media = media;
        this.legs = legs;
        this.outbox = outbox;
        this.estimates = estimates;
        this.clock = clock;
    }

    /** Caller holds the call's monitor. */
    void connect(Call call, Optional<InetSocketAddress> audio) {
        if (audio.isPresent()) {
            call.agentMedia.remote(audio.get());
        } else {
            LOG.warnf("agent %s answered without usable SDP; media goes where its RTP comes from", call.agentId);
        }
        media.stop(call.callerMedia);
        legs.startRecording(call);
        legs.bridge(call);
        call.state = Call.State.CONNECTED;
        call.answeredAt = clock.now();
        if (call.queuedAt != null) {
            estimates.answered(call.tenantId, call.queueId, Duration.between(call.queuedAt, call.answeredAt));
        }
        outbox.answered(call, call.agentId, call.offerId, true);
    }
}
