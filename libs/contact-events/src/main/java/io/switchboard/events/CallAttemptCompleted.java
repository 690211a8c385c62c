package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How one campaign dialling attempt ended, published once by the gateway that placed it, on the contacts
 * topic keyed by the attempt's contact id. The campaign service schedules retries from it and paces from it.
 * A dialled-first attempt has a contact ({@code contact.created}) only when a person answered (CONNECTED,
 * ABANDONED); a preview attempt has one from the start, as an agent's own call does, so a preview that fails
 * also ends its contact.
 *
 * @param answeredAt when a person or a machine picked up
 * @param detail     the carrier's status or the gateway's reason, for people (e.g. "486 Busy Here")
 * @param answers    an IVR survey call: the key pressed for each question in turn ("" where none was)
 */
public record CallAttemptCompleted(UUID eventId, String tenantId, Instant occurredAt, String contactId, String campaignId,
        String recordId, Result result, @RequiredWhen("result is CONNECTED, ABANDONED or MACHINE") Instant answeredAt,
        String detail, List<String> answers) implements ContactEvent {

    /**
     * CONNECTED: a person answered and an agent was offered the call within the grace time (or, in a survey
     * campaign, the survey was played). ABANDONED: a person answered and no agent was offered it within the
     * grace time; they heard the abandoned-call message. MACHINE: the carrier reported an answering machine.
     * BUSY, NO_ANSWER: the customer's phone refused or rang out. FAILED: the call could not be placed (no
     * trunk, the dial plan or a rate cap refused it, the trunk refused it, the preview agent's phone did not
     * answer).
     */
    public enum Result {
        CONNECTED, ABANDONED, MACHINE, BUSY, NO_ANSWER, FAILED;

        /** A live person answered: the abandon rate's denominator. */
        public boolean answeredLive() {
            return this == CONNECTED || this == ABANDONED;
        }
    }

    public CallAttemptCompleted {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(campaignId, "campaignId");
        Require.present(recordId, "recordId");
        Require.present(result, "result");
        if ((result.answeredLive() || result == Result.MACHINE) && answeredAt == null) {
            throw new IllegalArgumentException(result + " needs answeredAt");
        }
        answers = Require.list(answers);
    }
}
