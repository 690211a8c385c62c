package io.switchboard.voice.domain;

import java.time.Duration;
import java.util.List;

import io.switchboard.events.ContactEnded;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;

/**
 * A caller waiting for an agent: the contact is published when the choice is made, the caller hears
 * the queue audio, and every comfort interval the expected wait instead (then the queue audio again).
 */
public final class Queueing {

    static final String QUEUE_PROMPT = "queue.ul";

    private final Media media;
    private final Clock clock;
    private final Outbox outbox;
    private final CallLegs legs;
    private final WaitEstimates estimates;
    private final Duration comfortInterval;

    public Queueing(Media media, Clock clock, Outbox outbox, CallLegs legs, WaitEstimates estimates, Duration comfortInterval) {
        this.media = media;
        this.clock = clock;
        this.outbox = outbox;
        this.legs = legs;
        this.estimates = estimates;
        this.comfortInterval = comfortInterval;
    }

    /** The choice is made (caller holds the monitor): a contact, queue audio (with the expected wait now and then) until an agent answers. */
    void enqueue(Call call, String entryPoint, String path) {
        call.state = Call.State.QUEUED;
        call.entryPoint = entryPoint;
        call.ivrPath = path;
        call.queuedAt = clock.now();
        media.ignore(call.callerMedia);
        media.play(call.callerMedia, QUEUE_PROMPT, call.payloadType, true, null);
        outbox.announce(call, events -> events.created(call), refused -> legs.hangUp(refused, ContactEnded.Reason.ERROR));
        scheduleComfort(call);
    }

    /** Routing put the call in a queue: the queue whose expected wait the caller is told. */
    void queued(Call call, String queueId) {
        synchronized (call) {
            if (call.state != Call.State.ENDED) {
                call.queueId = queueId;
            }
        }
    }

    /** The agent's leg went (a transfer): the caller waits again with queue audio until the next offer. */
    void waitAgain(Call call) {
        call.state = Call.State.QUEUED;
        media.ignore(call.callerMedia);
        media.play(call.callerMedia, QUEUE_PROMPT, call.payloadType, true, null);
    }

    private void scheduleComfort(Call call) {
        clock.schedule(comfortInterval, () -> comfort(call));
    }

    /** Every comfort interval while the call waits, the caller hears the expected wait, then the queue audio again. */
    void comfort(Call call) {
        synchronized (call) {
            if (call.state == Call.State.ENDED) {
                return;
            }
            // Not over a message still being spoken: only the queue audio gives way.
            if (call.state == Call.State.QUEUED && media.playing(call.callerMedia).filter(QUEUE_PROMPT::equals).isPresent()) {
                playInTurn(call, ComfortMessage.prompts(estimates.expected(call.tenantId, call.queueId)));
            }
        }
        scheduleComfort(call);
    }

    /** Plays the prompts one after the other, then loops the queue audio; an agent answering stops it at any point. */
    private void playInTurn(Call call, List<String> prompts) {
        if (prompts.isEmpty()) {
            media.play(call.callerMedia, QUEUE_PROMPT, call.payloadType, true, null);
            return;
        }
        media.play(call.callerMedia, prompts.get(0), call.payloadType, false, () -> {
            synchronized (call) {
                if (call.state == Call.State.QUEUED || call.state == Call.State.RINGING) {
                    playInTurn(call, prompts.subList(1, prompts.size()));
                }
            }
        });
    }
}
