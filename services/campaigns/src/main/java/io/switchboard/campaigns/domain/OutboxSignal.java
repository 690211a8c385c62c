package io.switchboard.campaigns.domain;

/** Tells the outbox relay that new events were committed, so it publishes them without waiting for its next poll (port). */
public interface OutboxSignal {

    void committed();
}
