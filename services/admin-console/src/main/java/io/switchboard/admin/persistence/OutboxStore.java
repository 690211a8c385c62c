package io.switchboard.admin.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The outbox's reading side. One relay drains it at a time across every console instance (a
 * transaction-scoped advisory lock), so the events of one key leave in the order they committed.
 */
@ApplicationScoped
public class OutboxStore {

    private static final long RELAY_LOCK = 0x5B_AD_01L;

    private final DataSource dataSource;

    public OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Hands the oldest records to {@code publish} and deletes them when it returns true, in one
     * transaction. Returns how many were published, 0 when none waited, or -1 when another relay holds
     * the outbox or publishing failed.
     */
    public int drain(int limit, Predicate<List<OutboxRecord>> publish) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                    lock.setLong(1, RELAY_LOCK);
                    try (ResultSet r = lock.executeQuery()) {
                        r.next();
                        if (!r.getBoolean(1)) {
                            c.rollback();
                            return -1;
                        }
                    }
                }
                List<OutboxRecord> records = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT id, topic, record_key, payload FROM outbox ORDER BY id LIMIT ?")) {
                    select.setInt(1, limit);
                    try (ResultSet r = select.executeQuery()) {
                        while (r.next()) {
                            records.add(new OutboxRecord(r.getLong(1), r.getString(2), r.getString(3), r.getBytes(4)));
                        }
                    }
                }
                if (records.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                if (!publish.test(records)) {
                    c.rollback();
                    return -1;
                }
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
                    delete.setArray(1, c.createArrayOf("bigint", records.stream().map(OutboxRecord::id).toArray()));
                    delete.executeUpdate();
                }
                c.commit();
                return records.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("the outbox could not be read: " + e.getMessage(), e);
        }
    }

    /** How many events wait to be published (for the readiness report and the tests). */
    public long pending() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("the outbox could not be read: " + e.getMessage(), e);
        }
    }
}
