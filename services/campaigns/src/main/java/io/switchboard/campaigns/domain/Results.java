package io.switchboard.campaigns.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import io.switchboard.dialer.engine.CallOutcome;
import io.switchboard.events.CallAttemptCompleted;
import io.switchboard.events.WrapUpCompleted;

/**
 * What happens after a call: the attempt's result schedules the record's next attempt from the campaign's retry
 * rules (or marks it done); the agent's wrap-up gives the handle time for pacing, the disposition, a promise to
 * pay, and re-classes a connected call the agent marked {@code ANSWERING_MACHINE} as a machine for retries.
 * Each is applied once: a result for an attempt that already has one, or a second wrap-up, changes nothing.
 */
public final class Results {

    public static final String ANSWERING_MACHINE = "ANSWERING_MACHINE";

    private final ResultStore store;
    private final Directory directory;
    private final Clock clock;

    public Results(ResultStore store, Directory directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    /** @return the campaign whose line it freed, when the result was new */
    public Optional<UUID> completed(CallAttemptCompleted result) {
        return store.inTransaction(session -> {
            Optional<OpenAttempt> found = session.attempt(result.contactId());
            if (found.isEmpty() || found.get().result() != null) {
                return Optional.<UUID>empty();
            }
            OpenAttempt attempt = found.get();
            CallOutcome outcome = CallOutcome.valueOf(result.result().name());
            session.completeAttempt(attempt.contactId(), outcome, result.answeredAt(), result.occurredAt(), result.detail());
            session.settleRecord(attempt.record().id(), outcome, nextDue(attempt, outcome),
                    result.answers().isEmpty() ? null : result.answers());
            return Optional.of(attempt.campaign().id());
        });
    }

    /** @return the campaign whose agent was freed, when the wrap-up was new */
    public Optional<UUID> wrappedUp(WrapUpCompleted wrapUp) {
        return store.inTransaction(session -> {
            Optional<OpenAttempt> found = session.attempt(wrapUp.contactId());
            if (found.isEmpty() || found.get().wrappedAt() != null) {
                return Optional.<UUID>empty();
            }
            OpenAttempt attempt = found.get();
            Double handle = null;
            if (attempt.endedAt() != null) {
                long talk = attempt.talkSeconds() == null ? 0 : attempt.talkSeconds();
                long hold = attempt.holdSeconds() == null ? 0 : attempt.holdSeconds();
                double wrap = Math.max(0, Duration.between(attempt.endedAt(), wrapUp.occurredAt()).toMillis() / 1000.0);
                handle = talk + hold + wrap;
            }
            String code = wrapUp.dispositionCode();
            boolean machine = ANSWERING_MACHINE.equals(code) && attempt.result() == CallOutcome.CONNECTED;
            session.wrappedUp(attempt.contactId(), wrapUp.occurredAt(), code, handle, machine ? CallOutcome.MACHINE : null);
            if (machine) {
                session.settleRecord(attempt.record().id(), CallOutcome.MACHINE, nextDue(attempt, CallOutcome.MACHINE), null);
            }
            PromiseToPay promise = CampaignRules.PROMISE_TO_PAY.equals(code) ? PromiseToPay.parse(wrapUp.notes()).orElse(null) : null;
            session.recordOutcome(attempt.record().id(), code, wrapUp.notes(), promise);
            return Optional.of(attempt.campaign().id());
        });
    }

    /** The record's next due time after {@code outcome}, or null when it is done. */
    private Instant nextDue(OpenAttempt attempt, CallOutcome outcome) {
        Instant now = clock.instant();
        ZoneId zone = directory.tenant(attempt.campaign().tenantId()).map(Directory.Tenant::zone).orElse(ZoneId.of("UTC"));
        LocalDate today = LocalDate.ofInstant(now, zone);
        DialRecord record = attempt.record();
        return attempt.campaign().settings().retries().next(outcome, record.attempts(), record.attemptsOn(today))
                .map(now::plus).orElse(null);
    }
}
