package io.switchboard.admin.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.admin.domain.ArrivalLog;

/** Arrivals in PostgreSQL (table {@code arrival}); one row per contact and queue. */
@ApplicationScoped
public class JdbcArrivalLog implements ArrivalLog {

    private final DataSource dataSource;

    public JdbcArrivalLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void record(String tenantId, String queueId, String contactId, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO arrival (tenant_id, queue_id, contact_id, at) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")) {
            s.setString(1, tenantId);
            s.setString(2, queueId);
            s.setString(3, contactId);
            s.setTimestamp(4, Timestamp.from(at));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("an arrival could not be recorded: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Instant> arrivals(String tenantId, String queueId, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT at FROM arrival WHERE tenant_id = ? AND queue_id = ? AND at >= ? AND at < ?")) {
            s.setString(1, tenantId);
            s.setString(2, queueId);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(to));
            List<Instant> arrivals = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    arrivals.add(r.getTimestamp(1).toInstant());
                }
            }
            return arrivals;
        } catch (SQLException e) {
            throw new StoreException("arrivals could not be read: " + e.getMessage(), e);
        }
    }
}
