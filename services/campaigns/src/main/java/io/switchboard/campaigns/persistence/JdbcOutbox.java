package io.switchboard.campaigns.persistence;

import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.campaigns.domain.StoredEvent;

/**
 * The outbox: events written in the transaction that decided them. {@link #drain} takes the oldest rows
 * ({@code FOR UPDATE SKIP LOCKED}, so instances relay different rows), hands them to the publisher, and deletes
 * them in the same transaction only once the publisher returns (the broker acknowledged every one). A crash in
 * between publishes them again with the same event ids, which consumers deduplicate.
 */
@ApplicationScoped
public class JdbcOutbox {

    private final DataSource dataSource;

    public JdbcOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return how many events were published */
    public int drain(int max, Consumer<List<StoredEvent>> publisher) {
        return Jdbc.inTransaction(dataSource, c -> {
            List<long[]> ids = new java.util.ArrayList<>();
            List<StoredEvent> events = Jdbc.list(c, "SELECT id, topic, event_key, payload FROM outbox ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                    s -> s.setInt(1, max), r -> {
                        ids.add(new long[] { r.getLong(1) });
                        return new StoredEvent(null, r.getString(2), r.getString(3), r.getBytes(4));
                    });
            if (events.isEmpty()) {
                return 0;
            }
            publisher.accept(events);
            Jdbc.update(c, "DELETE FROM outbox WHERE id = ANY (?)",
                    s -> s.setArray(1, c.createArrayOf("bigint", ids.stream().map(a -> a[0]).toArray())));
            return events.size();
        });
    }

    public long pending() {
        return Jdbc.withConnection(dataSource, c -> Jdbc.one(c, "SELECT count(*) FROM outbox", s -> {
        }, r -> r.getLong(1)).orElse(0L));
    }
}
