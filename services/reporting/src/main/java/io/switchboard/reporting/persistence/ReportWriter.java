package io.switchboard.reporting.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.SwitchboardEvent;
import io.vertx.mutiny.sqlclient.Pool;

/** Applies a batch of events in one transaction: facts, then the figures they touch (see {@link BatchApplication}). */
@ApplicationScoped
public class ReportWriter {

    private final Pool pool;

    public ReportWriter(Pool pool) {
        this.pool = pool;
    }

    /** @return how many of the events were new (not applied before) */
    public Uni<Integer> apply(List<SwitchboardEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(db -> new BatchApplication(db, events).run());
    }
}
