package io.switchboard.voice.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.switchboard.events.ContactEnded;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.PromptLibrary;

/**
 * A caller waiting for an agent: the contact is published when the choice is made, the caller hears
 * the queue audio, and every comfort interval the expected wait instead (then the queue audio again).
 * Routing may ask for the queue's closed prompt, which a waiting caller hears once between the queue audio.
 */
public final class Queueing {

    static final String QUEUE_PROMPT = "queue.ul";
    private static final Logger LOG = Logger.getLogger(Queueing.class);

    private final Media media;
    private final Clock clock;
    private final Outbox outbox;
    private final CallLegs legs;
    private final WaitEstimates estimates;
    private final Duration comfortInterval;
    private final PromptLibrary prompts;

    public Queueing(Media media, Clock clock, Outbox outbox, CallLegs legs, WaitEstimates estimates, Duration comfortInterval,
            PromptLibrary prompts) {
        this.prompts = prompts;
        this.media = media;
        this.clock = clock;
        this.outbox = outbox;
        this.legs = legs;
        this.estimates = estimates;
        this.comfortInterval = comfortInterval;
    }

    /** The menu's choice is made (caller holds the monitor): the destination's entry point, and its queue when the caller chose one. */
    void enqueue(Call call, IvrMenu.Destination to, String path) {
        call.chosenQueue = to.queueId().orElse(null);
        enqueue(call, to.entryPoint(), path);
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

    /**
     * Routing found the caller's queue closed: {@code prompt} plays once, then the queue audio again (the
     * comfort messages go on). Only a waiting caller hears it, and only the first time it is asked for.
     */
    void closed(Call call, String prompt) {
        synchronized (call) {
            if (call.state != Call.State.QUEUED || call.closedPromptPlayed) {
                LOG.debugf("closed prompt %s not played to contact %s: %s", prompt, call.contactId,
                        call.closedPromptPlayed ? "already played" : "the call is " + call.state);
                return;
            }
            Optional<String> resolved = prompts.resolve(call.tenantId, prompt);
            if (resolved.isEmpty()) {
                return;
            }
            call.closedPromptPlayed = true;
            media.play(call.callerMedia, resolved.get(), call.payloadType, false, () -> {
                synchronized (call) {
                    if ((call.state == Call.State.QUEUED || call.state == Call.State.RINGING) && media.playing(call.callerMedia).isEmpty()) {
                        media.play(call.callerMedia, QUEUE_PROMPT, call.payloadType, true, null);
                    }
                }
            });
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
