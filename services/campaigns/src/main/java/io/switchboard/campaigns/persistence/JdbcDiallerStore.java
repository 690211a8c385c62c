package io.switchboard.campaigns.persistence;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.campaigns.domain.Campaign;
import io.switchboard.campaigns.domain.DialRecord;
import io.switchboard.campaigns.domain.DialSession;
import io.switchboard.campaigns.domain.DiallerStore;
import io.switchboard.campaigns.domain.NewAttempt;
import io.switchboard.campaigns.domain.PacingInputs;
import io.switchboard.campaigns.domain.StoredEvent;
import io.switchboard.dialer.engine.CallOutcome;

/**
 * Running campaigns and their leases. One instance dials a campaign at a time: the tick locks the campaign's row
 * ({@code FOR UPDATE SKIP LOCKED}, so a busy row is skipped, not waited for), takes the lease when it is free,
 * expired or its own, and does all its work in that transaction.
 */
@ApplicationScoped
public class JdbcDiallerStore implements DiallerStore {

    /** How many results feed the answer rate, and handle times the pacer's look-ahead. */
    static final int RECENT_RESULTS = 200;
    static final int RECENT_HANDLE_TIMES = 500;

    private final DataSource dataSource;

    public JdbcDiallerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<UUID> dialable(String instance, Instant now) {
        return Jdbc.withConnection(dataSource, c -> Jdbc.list(c, "SELECT id FROM campaign WHERE state = 'RUNNING'"
                + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?) ORDER BY id", s -> {
                    s.setString(1, instance);
                    s.setObject(2, Jdbc.time(now));
                }, r -> r.getObject(1, UUID.class)));
    }

    @Override
    public <R> Optional<R> withLease(UUID campaignId, String instance, Instant now, Instant leaseUntil,
            BiFunction<Campaign, DialSession, R> tick) {
        return Jdbc.inTransaction(dataSource, c -> {
            Optional<Campaign> campaign = Jdbc.one(c, "SELECT " + Rows.CAMPAIGN_COLUMNS + " FROM campaign c WHERE c.id = ?"
                    + " AND c.state = 'RUNNING' AND (c.lease_owner IS NULL OR c.lease_owner = ? OR c.lease_until < ?)"
                    + " FOR UPDATE SKIP LOCKED", s -> {
                        s.setObject(1, campaignId);
                        s.setString(2, instance);
                        s.setObject(3, Jdbc.time(now));
                    }, Rows::campaign);
            if (campaign.isEmpty()) {
                return Optional.<R>empty();
            }
            Jdbc.update(c, "UPDATE campaign SET lease_owner = ?, lease_until = ? WHERE id = ?", s -> {
                s.setString(1, instance);
                s.setObject(2, Jdbc.time(leaseUntil));
                s.setObject(3, campaignId);
            });
            Session session = new Session(c, campaign.get());
            R result = tick.apply(campaign.get(), session);
            session.flush();
            return Optional.ofNullable(result);
        });
    }

    private static final class Session implements DialSession {

        private final Connection c;
        private final Campaign campaign;
        private final List<NewAttempt> attempts = new ArrayList<>();
        private final List<StoredEvent> events = new ArrayList<>();

        Session(Connection c, Campaign campaign) {
            this.c = c;
            this.campaign = campaign;
        }

        @Override
        public PacingInputs inputs(Instant now, Instant dayStart, Instant figuresSince) {
            return Jdbc.unchecked(c, c -> {
                int free = Jdbc.one(c, "SELECT agents_available FROM queue_figures WHERE tenant_id = ? AND queue_id = ? AND reported_at >= ?",
                        s -> {
                            s.setString(1, campaign.tenantId());
                            s.setString(2, campaign.settings().queueId());
                            s.setObject(3, Jdbc.time(figuresSince));
                        }, r -> r.getInt(1)).orElse(0);
                List<Double> busy = Jdbc.list(c, "SELECT assigned_at FROM attempt WHERE campaign_id = ? AND assigned_at IS NOT NULL"
                        + " AND ended_at IS NULL", s -> s.setObject(1, campaign.id()),
                        r -> Math.max(0, (now.toEpochMilli() - Jdbc.instant(r, "assigned_at").toEpochMilli()) / 1000.0));
                int ringing = Jdbc.one(c, "SELECT count(*) FROM attempt WHERE campaign_id = ? AND result IS NULL",
                        s -> s.setObject(1, campaign.id()), r -> r.getInt(1)).orElse(0);
                long[] today = Jdbc.one(c, "SELECT count(*) FILTER (WHERE result IN ('CONNECTED', 'ABANDONED')),"
                        + " count(*) FILTER (WHERE result = 'ABANDONED') FROM attempt WHERE campaign_id = ? AND completed_at >= ?", s -> {
                            s.setObject(1, campaign.id());
                            s.setObject(2, Jdbc.time(dayStart));
                        }, r -> new long[] { r.getLong(1), r.getLong(2) }).orElse(new long[2]);
                List<CallOutcome> recent = new ArrayList<>(Jdbc.list(c, "SELECT result FROM attempt WHERE campaign_id = ?"
                        + " AND completed_at IS NOT NULL ORDER BY completed_at DESC LIMIT " + RECENT_RESULTS,
                        s -> s.setObject(1, campaign.id()), r -> CallOutcome.valueOf(r.getString(1))));
                Collections.reverse(recent);
                List<Double> handle = Jdbc.list(c, "SELECT handle_seconds FROM attempt WHERE campaign_id = ? AND handle_seconds IS NOT NULL"
                        + " ORDER BY wrapped_at DESC LIMIT " + RECENT_HANDLE_TIMES, s -> s.setObject(1, campaign.id()), r -> r.getDouble(1));
                return new PacingInputs(free, busy, ringing, today[0], today[1], recent, handle);
            });
        }

        @Override
        public List<DialRecord> callable(Instant now, LocalDate today, int maxPerDay, int limit) {
            return Jdbc.unchecked(c, c -> RecordSql.callable(c, campaign.id(), now, today, maxPerDay, limit));
        }

        @Override
        public void defer(List<UUID> recordIds, Instant until) {
            Jdbc.unchecked(c, c -> {
                RecordSql.defer(c, recordIds, until);
                return null;
            });
        }

        /** Attempts are written together at the end of the tick, in its transaction. */
        @Override
        public void request(NewAttempt attempt, StoredEvent event) {
            attempts.add(attempt);
            events.add(event);
        }

        void flush() throws java.sql.SQLException {
            RecordSql.requestAll(c, attempts, events);
        }

        @Override
        public int failLost(Instant before, Instant now) {
            return Jdbc.unchecked(c, c -> {
                List<UUID> records = Jdbc.list(c, "UPDATE attempt SET result = 'FAILED', completed_at = ?,"
                        + " detail = 'lost: no result from the gateway' WHERE campaign_id = ? AND result IS NULL AND requested_at < ?"
                        + " RETURNING record_id", s -> {
                            s.setObject(1, Jdbc.time(now));
                            s.setObject(2, campaign.id());
                            s.setObject(3, Jdbc.time(before));
                        }, r -> r.getObject(1, UUID.class));
                if (!records.isEmpty()) {
                    Jdbc.update(c, "UPDATE campaign_record SET in_flight = false, done = true, last_result = 'FAILED' WHERE id = ANY (?)",
                            s -> s.setArray(1, c.createArrayOf("uuid", records.toArray())));
                }
                return records.size();
            });
        }

        @Override
        public boolean anyLeft() {
            return Jdbc.unchecked(c, c -> Jdbc.one(c, "SELECT EXISTS (SELECT 1 FROM campaign_record WHERE campaign_id = ? AND NOT done)",
                    s -> s.setObject(1, campaign.id()), r -> r.getBoolean(1)).orElse(false));
        }

        @Override
        public void complete(Instant now) {
            Jdbc.unchecked(c, c -> Jdbc.update(c, "UPDATE campaign SET state = 'COMPLETED', updated_at = ?, lease_owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND state = 'RUNNING'", s -> {
                        s.setObject(1, Jdbc.time(now));
                        s.setObject(2, campaign.id());
                    }));
        }
    }
}
