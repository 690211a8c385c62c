package io.switchboard.voice.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.switchboard.events.ContactEnded;
import io.switchboard.voice.domain.port.CallJournal;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.ContactEvents;

/**
 * Publishes what calls tell the platform off the signalling threads (the broker may block), and
 * keeps the open-call journal in step: a contact is journalled once the broker has its creation and
 * forgotten once it has its end, so a crash in between lets the next start end it.
 */
public final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final ContactEvents events;
    private final CallJournal journal;
    private final Executor background;
    private final Clock clock;

    public Outbox(ContactEvents events, CallJournal journal, Executor background, Clock clock) {
        this.events = events;
        this.journal = journal;
        this.background = background;
        this.clock = clock;
    }

    /**
     * Publishes the call's contact ({@code publish} is {@link ContactEvents#created} or
     * {@link ContactEvents#placed}). A call that ended meanwhile publishes its end right after, so the
     * contact never stays open; a broker that refuses it hands the call to {@code refused}.
     */
    void announce(Call call, Consumer<ContactEvents> publish, Consumer<Call> refused) {
        background.execute(() -> {
            try {
                publish.accept(events);
                journal.opened(call.contactId, call.tenantId);
                synchronized (call) {
                    call.published = true;
                    if (call.state == Call.State.ENDED) {
                        publishEnd(call, call.endReason, call.endedAt);
                    }
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "contact of call %s not published; hanging up", call.callerCallId);
                refused.accept(call);
            }
        });
    }

    /**
     * The contact's end; only once the broker has it does the journal forget the contact (same event id if
     * repeated). A broker that refuses it gets it again later, {@link #FIRST_RETRY} doubling up to
     * {@link #LAST_RETRY}, so a call that ends while the broker is away does not leave its contact open in
     * routing and the inbox until the gateway restarts.
     */
    void publishEnd(Call call, ContactEnded.Reason reason, Instant at) {
        publishEnd(call, reason, at, FIRST_RETRY);
    }

    private void publishEnd(Call call, ContactEnded.Reason reason, Instant at, Duration retry) {
        background.execute(() -> {
            try {
                events.ended(call, reason, at);
                journal.closed(call.contactId, call.tenantId);
            } catch (RuntimeException e) {
                LOG.warnf("end of contact %s not published (%s); trying again in %s", call.contactId, e.getMessage(), retry);
                Duration next = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                clock.schedule(retry, () -> publishEnd(call, reason, at, next));
            }
        });
    }

    /**
     * The caller's score in the survey after the call. A broker that refuses it loses it (logged): the
     * caller has gone, there is nobody to ask again.
     */
    void surveyAnswered(Call call, int score, Instant at) {
        background.execute(() -> {
            try {
                events.surveyAnswered(call, score, at);
            } catch (RuntimeException e) {
                LOG.errorf(e, "survey score of contact %s not published", call.contactId);
            }
        });
    }

    /**
     * A campaign attempt's result. A broker that refuses it loses it (logged): the call is over; the
     * campaign service treats an attempt without a result as it treats a lost request.
     */
    void attemptCompleted(CampaignOutcome outcome) {
        background.execute(() -> {
            try {
                events.attemptCompleted(outcome);
            } catch (RuntimeException e) {
                LOG.errorf(e, "result %s of campaign attempt %s not published", outcome.result(), outcome.attempt().contactId());
            }
        });
    }

    void answered(Call call, String agentId, String offerId, boolean accepted) {
        background.execute(() -> events.answered(call, agentId, offerId, accepted));
    }

    void transferRequested(Call call, String toQueueId, String toAgentId) {
        background.execute(() -> events.transferRequested(call, toQueueId, toAgentId));
    }
}
