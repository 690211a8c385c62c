package io.switchboard.routing.engine;

import java.time.Duration;
import java.time.Instant;

import io.switchboard.routing.engine.model.AgentState;

/** What a command caused, in order; the routing service persists and publishes these. */
public sealed interface Decision {

    String contactId();

    record Queued(String contactId, String queueId, Instant arrivedAt) implements Decision {
    }

    record Offered(String contactId, String queueId, String agentId, String offerId, Instant expiresAt) implements Decision {
    }

    record Assigned(String contactId, String queueId, String agentId, String offerId) implements Decision {
    }

    /** The offer ended without an assignment; the contact is back at its original position. */
    record OfferEnded(String contactId, String queueId, String agentId, String offerId, OfferOutcome outcome) implements Decision {
    }

    enum OfferOutcome {
        DECLINED, TIMED_OUT, WITHDRAWN
    }

    record Abandoned(String contactId, String queueId, Duration waited, AbandonReason reason) implements Decision {
    }

    enum AbandonReason {
        CUSTOMER_LEFT, MAX_WAIT_EXCEEDED
    }

    record Overflowed(String contactId, String fromQueueId, String toQueueId, OverflowReason reason) implements Decision {
    }

    enum OverflowReason {
        MAX_WAIT_EXCEEDED, OUTSIDE_HOURS
    }

    record Transferred(String contactId, String fromQueueId, String toQueueId, String toAgentId) implements Decision {
    }

    /** The contact is finished: its agent's capacity is free again. */
    record Released(String contactId, String agentId) implements Decision {
    }

    /** An agent's state changed because of routing (missed offers, wrap-up ending). */
    record AgentStateChanged(String agentId, AgentState state, String reason) implements Decision {

        @Override
        public String contactId() {
            return null;
        }
    }
}
