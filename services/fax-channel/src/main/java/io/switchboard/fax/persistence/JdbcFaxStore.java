package io.switchboard.fax.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.fax.domain.CheckedDocument;
import io.switchboard.fax.domain.DocumentKind;
import io.switchboard.fax.domain.DuplicateException;
import io.switchboard.fax.domain.FaxFile;
import io.switchboard.fax.domain.FaxRecord;
import io.switchboard.fax.domain.FaxStore;
import io.switchboard.fax.domain.FaxView;
import io.switchboard.fax.domain.KnownFax;
import io.switchboard.fax.domain.Reader;
import io.switchboard.fax.domain.StoreException;
import io.switchboard.fax.domain.StoredEvent;

/**
 * The fax channel's PostgreSQL state (schema {@code fax}) over blocking JDBC: webhooks and SMTP
 * sessions run on worker threads, and each fax is one short transaction.
 */
@ApplicationScoped
public class JdbcFaxStore implements FaxStore {

    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * Who may read fax row {@code f}: one of the reader's tenants (a text array) and, unless they
     * supervise, an agent routing offered or assigned its contact to.
     */
    private static final String READABLE = " f.tenant_id = ANY(?) AND (? OR EXISTS (SELECT 1 FROM contact_handler h"
            + " WHERE h.contact_id = f.contact_id AND h.agent_id = ?))";

    private final DataSource dataSource;

    public JdbcFaxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<KnownFax> find(String provider, String providerFaxId) throws StoreException {
        return one("SELECT id, contact_id, status FROM fax WHERE provider = ? AND provider_fax_id = ?", (c, s) -> {
            s.setString(1, provider);
            s.setString(2, providerFaxId);
        }, r -> new KnownFax(r.getObject(1, UUID.class), r.getString(2), "PENDING".equals(r.getString(3))));
    }

    @Override
    public void save(FaxRecord fax, CheckedDocument document, List<StoredEvent> events) throws StoreException, DuplicateException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO fax (id, tenant_id, provider, provider_fax_id, contact_id, from_number, to_number, pages,
                                         content_type, size_bytes, status, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)""")) {
                    s.setObject(1, fax.id());
                    s.setString(2, fax.tenantId());
                    s.setString(3, fax.provider());
                    s.setString(4, fax.providerFaxId());
                    s.setString(5, fax.contactId());
                    s.setString(6, fax.fromNumber());
                    s.setString(7, fax.toNumber());
                    s.setInt(8, fax.pages());
                    s.setString(9, fax.kind().contentType());
                    s.setLong(10, fax.sizeBytes());
                    s.setTimestamp(11, Timestamp.from(fax.receivedAt()));
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO fax_document (fax_id, data, thumbnail) VALUES (?, ?, ?)")) {
                    s.setObject(1, fax.id());
                    s.setBytes(2, document.data());
                    s.setBytes(3, document.thumbnail());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO fax_event (fax_id, seq, topic, event_key, payload) VALUES (?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < events.size(); i++) {
                        s.setObject(1, fax.id());
                        s.setInt(2, i);
                        s.setString(3, events.get(i).topic());
                        s.setString(4, events.get(i).key());
                        s.setBytes(5, events.get(i).payload());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    throw new DuplicateException(sql.getMessage());
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("the fax store is unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredEvent> events(UUID faxId) throws StoreException {
        return list("SELECT topic, event_key, payload FROM fax_event WHERE fax_id = ? ORDER BY seq", (c, s) -> s.setObject(1, faxId),
                r -> new StoredEvent(r.getString(1), r.getString(2), r.getBytes(3)));
    }

    @Override
    public void markPublished(UUID faxId) throws StoreException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement async = c.prepareStatement("SET LOCAL synchronous_commit TO off");
                    PreparedStatement s = c.prepareStatement("UPDATE fax SET status = 'PUBLISHED' WHERE id = ? AND status = 'PENDING'");
                    PreparedStatement d = c.prepareStatement("DELETE FROM fax_event WHERE fax_id = ?")) {
                // Losing this commit only means the sweeper publishes the same event (same id) again.
                async.execute();
                s.setObject(1, faxId);
                s.executeUpdate();
                d.setObject(1, faxId);
                d.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("the fax store is unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<UUID> pendingBefore(Instant before, int limit) throws StoreException {
        return list("SELECT id FROM fax WHERE status = 'PENDING' AND received_at < ? ORDER BY received_at LIMIT ?", (c, s) -> {
            s.setTimestamp(1, Timestamp.from(before));
            s.setInt(2, limit);
        }, r -> r.getObject(1, UUID.class));
    }

    @Override
    public Optional<FaxView> faxFor(Reader reader, UUID id) throws StoreException {
        return one("""
                SELECT f.id, f.tenant_id, f.contact_id, f.from_number, f.to_number, f.pages, f.content_type, f.size_bytes, f.received_at
                FROM fax f WHERE f.id = ? AND""" + READABLE, (c, s) -> {
                    s.setObject(1, id);
                    readable(c, s, 2, reader);
                }, r -> new FaxView(r.getObject(1, UUID.class).toString(), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getInt(6), r.getString(7), r.getLong(8), r.getTimestamp(9).toInstant()));
    }

    @Override
    public Optional<FaxFile> documentFor(Reader reader, UUID id) throws StoreException {
        return one("SELECT f.content_type, d.data FROM fax f JOIN fax_document d ON d.fax_id = f.id WHERE f.id = ? AND" + READABLE,
                (c, s) -> {
                    s.setObject(1, id);
                    readable(c, s, 2, reader);
                }, r -> new FaxFile("fax-" + id + DocumentKind.ofContentType(r.getString(1)).extension(), r.getString(1),
                        r.getBytes(2)));
    }

    @Override
    public Optional<FaxFile> thumbnailFor(Reader reader, UUID id) throws StoreException {
        return one("SELECT d.thumbnail FROM fax f JOIN fax_document d ON d.fax_id = f.id WHERE f.id = ? AND" + READABLE,
                (c, s) -> {
                    s.setObject(1, id);
                    readable(c, s, 2, reader);
                }, r -> new FaxFile("fax-" + id + "-thumbnail.png", "image/png", r.getBytes(1)));
    }

    @Override
    public void recordHandler(String contactId, String tenantId, String agentId, Instant at) throws StoreException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO contact_handler (contact_id, agent_id, tenant_id, since) VALUES (?, ?, ?, ?)
                ON CONFLICT (contact_id, agent_id) DO NOTHING""")) {
            s.setString(1, contactId);
            s.setString(2, agentId);
            s.setString(3, tenantId);
            s.setTimestamp(4, Timestamp.from(at));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("the fax store is unavailable: " + e.getMessage(), e);
        }
    }

    private static void readable(Connection c, PreparedStatement s, int first, Reader reader) throws SQLException {
        s.setArray(first, c.createArrayOf("text", reader.tenants().toArray()));
        s.setBoolean(first + 1, reader.supervisor());
        s.setString(first + 2, reader.agentId());
    }

    @FunctionalInterface
    private interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> Optional<T> one(String sql, Binder binder, Row<T> row) throws StoreException {
        List<T> rows = list(sql, binder, row);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private <T> List<T> list(String sql, Binder binder, Row<T> row) throws StoreException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(c, s);
            List<T> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row.read(r));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("the fax store is unavailable: " + e.getMessage(), e);
        }
    }
}
