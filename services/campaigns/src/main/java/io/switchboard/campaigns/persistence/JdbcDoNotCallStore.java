package io.switchboard.campaigns.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.campaigns.domain.DoNotCallEntry;
import io.switchboard.campaigns.domain.DoNotCallSession;
import io.switchboard.campaigns.domain.DoNotCallStore;
import io.switchboard.campaigns.domain.StoredEvent;

/** The tenants' do-not-call lists, and what the consent topic says per address. */
@ApplicationScoped
public class JdbcDoNotCallStore implements DoNotCallStore {

    static final String DO_NOT_CALL_KIND = "do-not-call";
    static final String OTHER_KIND = "other";

    private final DataSource dataSource;

    public JdbcDoNotCallStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <R> R inTransaction(Function<DoNotCallSession, R> work) {
        return Jdbc.inTransaction(dataSource, c -> work.apply(new Session(c)));
    }

    @Override
    public List<DoNotCallEntry> list(String tenantId, int limit) {
        return Jdbc.withConnection(dataSource, c -> Jdbc.list(c, "SELECT tenant_id, number, added_by, added_at FROM do_not_call"
                + " WHERE tenant_id = ? ORDER BY added_at DESC, number LIMIT ?", s -> {
                    s.setString(1, tenantId);
                    s.setInt(2, limit);
                }, r -> new DoNotCallEntry(r.getString(1), r.getString(2), r.getString(3), Jdbc.instant(r, "added_at"))));
    }

    @Override
    public boolean optedOut(String tenantId, String number) {
        return Jdbc.withConnection(dataSource, c -> optedOut(c, tenantId, number, false));
    }

    /** On the do-not-call table (when asked) or opted out on the consent topic by any source. */
    static boolean optedOut(Connection c, String tenantId, String number, boolean withTable) throws SQLException {
        String table = withTable ? " OR EXISTS (SELECT 1 FROM do_not_call WHERE tenant_id = ? AND number = ?)" : "";
        return Jdbc.one(c, "SELECT EXISTS (SELECT 1 FROM consent WHERE tenant_id = ? AND address = ? AND opted_out)" + table, s -> {
            s.setString(1, tenantId);
            s.setString(2, number);
            if (withTable) {
                s.setString(3, tenantId);
                s.setString(4, number);
            }
        }, r -> r.getBoolean(1)).orElse(false);
    }

    private record Session(Connection c) implements DoNotCallSession {

        @Override
        public List<DoNotCallEntry> add(List<DoNotCallEntry> entries) {
            return Jdbc.unchecked(c, c -> {
                List<DoNotCallEntry> added = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO do_not_call (tenant_id, number, added_by, added_at)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (int from = 0; from < entries.size(); from += 1000) {
                        List<DoNotCallEntry> batch = entries.subList(from, Math.min(entries.size(), from + 1000));
                        for (DoNotCallEntry e : batch) {
                            s.setString(1, e.tenantId());
                            s.setString(2, e.number());
                            s.setString(3, e.addedBy());
                            s.setObject(4, Jdbc.time(e.addedAt()));
                            s.addBatch();
                        }
                        int[] counts = s.executeBatch();
                        for (int i = 0; i < counts.length; i++) {
                            if (counts[i] != 0) {
                                added.add(batch.get(i));
                            }
                        }
                    }
                }
                return added;
            });
        }

        @Override
        public boolean remove(String tenantId, String number) {
            return Jdbc.unchecked(c, c -> Jdbc.update(c, "DELETE FROM do_not_call WHERE tenant_id = ? AND number = ?", s -> {
                s.setString(1, tenantId);
                s.setString(2, number);
            }) == 1);
        }

        @Override
        public boolean optedOutElsewhere(String tenantId, String number) {
            return Jdbc.unchecked(c, c -> Jdbc.one(c, "SELECT EXISTS (SELECT 1 FROM consent WHERE tenant_id = ? AND address = ?"
                    + " AND source_kind = '" + OTHER_KIND + "' AND opted_out)", s -> {
                        s.setString(1, tenantId);
                        s.setString(2, number);
                    }, r -> r.getBoolean(1)).orElse(false));
        }

        @Override
        public void publish(StoredEvent event) {
            Jdbc.unchecked(c, c -> {
                RecordSql.outbox(c, event);
                return null;
            });
        }

        @Override
        public Optional<DoNotCallEntry> find(String tenantId, String number) {
            return Jdbc.unchecked(c, c -> Jdbc.one(c, "SELECT tenant_id, number, added_by, added_at FROM do_not_call"
                    + " WHERE tenant_id = ? AND number = ?", s -> {
                        s.setString(1, tenantId);
                        s.setString(2, number);
                    }, r -> new DoNotCallEntry(r.getString(1), r.getString(2), r.getString(3), Jdbc.instant(r, "added_at"))));
        }
    }
}
