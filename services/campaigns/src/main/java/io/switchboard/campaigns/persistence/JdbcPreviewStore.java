package io.switchboard.campaigns.persistence;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.campaigns.domain.Campaign;
import io.switchboard.campaigns.domain.DialRecord;
import io.switchboard.campaigns.domain.NewAttempt;
import io.switchboard.campaigns.domain.PreviewSession;
import io.switchboard.campaigns.domain.PreviewStore;
import io.switchboard.campaigns.domain.StoredEvent;

/** Preview reservations on the records' rows. */
@ApplicationScoped
public class JdbcPreviewStore implements PreviewStore {

    private final DataSource dataSource;

    public JdbcPreviewStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <R> R inTransaction(Function<PreviewSession, R> work) {
        return Jdbc.inTransaction(dataSource, c -> work.apply(new Session(c)));
    }

    private record Session(Connection c) implements PreviewSession {

        @Override
        public Optional<Campaign> campaign(String tenantId, UUID id) {
            // FOR SHARE: a pause or stop waits until this reservation or call is written, and the reverse.
            return Jdbc.unchecked(c, c -> Jdbc.one(c, "SELECT " + Rows.CAMPAIGN_COLUMNS + " FROM campaign c WHERE c.tenant_id = ? AND c.id = ?"
                    + " FOR SHARE", s -> {
                        s.setString(1, tenantId);
                        s.setObject(2, id);
                    }, Rows::campaign));
        }

        @Override
        public Optional<DialRecord> reservedBy(UUID campaignId, String agentId, Instant now) {
            return Jdbc.unchecked(c, c -> Jdbc.one(c, "SELECT " + Rows.RECORD_COLUMNS + " FROM campaign_record r WHERE r.campaign_id = ?"
                    + " AND r.reserved_by = ? AND r.reserved_until > ? AND NOT r.done AND NOT r.in_flight LIMIT 1 FOR UPDATE", s -> {
                        s.setObject(1, campaignId);
                        s.setString(2, agentId);
                        s.setObject(3, Jdbc.time(now));
                    }, Rows::record));
        }

        @Override
        public List<DialRecord> callable(UUID campaignId, Instant now, LocalDate today, int maxPerDay, int limit) {
            return Jdbc.unchecked(c, c -> RecordSql.callable(c, campaignId, now, today, maxPerDay, limit));
        }

        @Override
        public void reserve(UUID recordId, String agentId, Instant until) {
            Jdbc.unchecked(c, c -> Jdbc.update(c, "UPDATE campaign_record SET reserved_by = ?, reserved_until = ? WHERE id = ?", s -> {
                s.setString(1, agentId);
                s.setObject(2, Jdbc.time(until));
                s.setObject(3, recordId);
            }));
        }

        @Override
        public Optional<DialRecord> heldRecord(UUID campaignId, UUID recordId, String agentId, Instant now) {
            return Jdbc.unchecked(c, c -> Jdbc.one(c, "SELECT " + Rows.RECORD_COLUMNS + " FROM campaign_record r WHERE r.campaign_id = ?"
                    + " AND r.id = ? AND r.reserved_by = ? AND r.reserved_until > ? AND NOT r.done AND NOT r.in_flight FOR UPDATE", s -> {
                        s.setObject(1, campaignId);
                        s.setObject(2, recordId);
                        s.setString(3, agentId);
                        s.setObject(4, Jdbc.time(now));
                    }, Rows::record));
        }

        @Override
        public boolean exists(UUID campaignId, UUID recordId) {
            return Jdbc.unchecked(c, c -> Jdbc.one(c, "SELECT EXISTS (SELECT 1 FROM campaign_record WHERE campaign_id = ? AND id = ?)", s -> {
                s.setObject(1, campaignId);
                s.setObject(2, recordId);
            }, r -> r.getBoolean(1)).orElse(false));
        }

        @Override
        public boolean optedOut(String tenantId, String phone) {
            return Jdbc.unchecked(c, c -> JdbcDoNotCallStore.optedOut(c, tenantId, phone, true));
        }

        @Override
        public void release(UUID recordId, Instant dueAt) {
            Jdbc.unchecked(c, c -> Jdbc.update(c, "UPDATE campaign_record SET reserved_by = NULL, reserved_until = NULL, next_due_at = ?"
                    + " WHERE id = ?", s -> {
                        s.setObject(1, Jdbc.time(dueAt));
                        s.setObject(2, recordId);
                    }));
        }

        @Override
        public void defer(UUID recordId, Instant until) {
            Jdbc.unchecked(c, c -> {
                RecordSql.defer(c, List.of(recordId), until);
                return null;
            });
        }

        @Override
        public void request(NewAttempt attempt, StoredEvent event) {
            Jdbc.unchecked(c, c -> {
                RecordSql.request(c, attempt, event);
                return null;
            });
        }
    }
}
