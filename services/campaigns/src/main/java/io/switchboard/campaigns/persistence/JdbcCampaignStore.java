package io.switchboard.campaigns.persistence;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.campaigns.domain.Campaign;
import io.switchboard.campaigns.domain.CampaignSettings;
import io.switchboard.campaigns.domain.CampaignState;
import io.switchboard.campaigns.domain.CampaignStore;
import io.switchboard.campaigns.domain.ListEntry;
import io.switchboard.campaigns.domain.Overlap;
import io.switchboard.campaigns.domain.Progress;
import io.switchboard.campaigns.domain.RecordView;

/** Campaigns, their records and figures in schema {@code campaign}. */
@ApplicationScoped
public class JdbcCampaignStore implements CampaignStore {

    private static final int BATCH = 5000;

    private final DataSource dataSource;

    public JdbcCampaignStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void insert(Campaign campaign) {
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "INSERT INTO campaign (id, tenant_id, name, queue_id, caller_id, kind, mode,"
                + " window_from, window_until, window_days, retries, max_attempts_per_day, abandon_cap_percent, ring_seconds,"
                + " abandon_grace_seconds, script, survey_prompts, survey_lines, list_columns, state, created_by, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
                    s.setObject(1, campaign.id());
                    s.setString(2, campaign.tenantId());
                    int next = settings(s, 3, campaign.settings());
                    s.setString(next++, Rows.json(campaign.listColumns()));
                    s.setString(next++, campaign.state().name());
                    s.setString(next++, campaign.createdBy());
                    s.setObject(next++, Jdbc.time(campaign.createdAt()));
                    s.setObject(next, Jdbc.time(campaign.updatedAt()));
                }));
    }

    /** Binds the settings' 16 columns from {@code first}; returns the next index. */
    private static int settings(PreparedStatement s, int first, CampaignSettings settings) throws SQLException {
        int i = first;
        s.setString(i++, settings.name());
        s.setString(i++, settings.queueId());
        s.setString(i++, settings.callerId());
        s.setString(i++, settings.kind().name());
        s.setString(i++, settings.mode().name());
        s.setObject(i++, settings.window().from());
        s.setObject(i++, settings.window().until());
        s.setString(i++, Rows.days(settings.window().days()));
        s.setString(i++, Rows.retries(settings.retries()));
        s.setInt(i++, settings.retries().maxAttemptsPerDay());
        s.setDouble(i++, settings.abandonCapPercent());
        s.setInt(i++, settings.ringSeconds());
        s.setInt(i++, settings.abandonGraceSeconds());
        s.setString(i++, settings.script());
        s.setString(i++, Rows.json(settings.surveyPrompts()));
        s.setInt(i++, settings.surveyLines());
        return i;
    }

    @Override
    public Optional<Campaign> find(String tenantId, UUID id) {
        return Jdbc.withConnection(dataSource, c -> Jdbc.one(c, "SELECT " + Rows.CAMPAIGN_COLUMNS + " FROM campaign c WHERE c.tenant_id = ? AND c.id = ?",
                s -> {
                    s.setString(1, tenantId);
                    s.setObject(2, id);
                }, Rows::campaign));
    }

    @Override
    public List<Campaign> list(String tenantId) {
        return Jdbc.withConnection(dataSource, c -> Jdbc.list(c, "SELECT " + Rows.CAMPAIGN_COLUMNS
                + " FROM campaign c WHERE c.tenant_id = ? ORDER BY c.created_at DESC, c.id", s -> s.setString(1, tenantId), Rows::campaign));
    }

    @Override
    public boolean update(Campaign campaign, Set<CampaignState> from) {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE campaign SET name = ?, queue_id = ?, caller_id = ?, kind = ?,"
                + " mode = ?, window_from = ?, window_until = ?, window_days = ?, retries = ?, max_attempts_per_day = ?,"
                + " abandon_cap_percent = ?, ring_seconds = ?, abandon_grace_seconds = ?, script = ?, survey_prompts = ?, survey_lines = ?,"
                + " state = ?, updated_at = ?,"
                // A campaign that stops running gives its lease up at once.
                + " lease_owner = CASE WHEN CAST(? AS text) = 'RUNNING' THEN lease_owner END, lease_until = CASE WHEN CAST(? AS text) = 'RUNNING' THEN lease_until END"
                + " WHERE id = ? AND tenant_id = ? AND state = ANY (?)", s -> {
                    int i = settings(s, 1, campaign.settings());
                    s.setString(i++, campaign.state().name());
                    s.setObject(i++, Jdbc.time(campaign.updatedAt()));
                    s.setString(i++, campaign.state().name());
                    s.setString(i++, campaign.state().name());
                    s.setObject(i++, campaign.id());
                    s.setString(i++, campaign.tenantId());
                    s.setArray(i, s.getConnection().createArrayOf("text", from.stream().map(Enum::name).toArray()));
                }) == 1);
    }

    @Override
    public List<ListEntry> add(Campaign campaign, Collection<ListEntry> entries, List<String> columns, boolean replace, Instant now) {
        return Jdbc.inTransaction(dataSource, c -> {
            // The campaign row first, so that two imports into one campaign take turns.
            Jdbc.one(c, "SELECT id FROM campaign WHERE id = ? FOR UPDATE", s -> s.setObject(1, campaign.id()), r -> r.getObject(1));
            if (replace) {
                Jdbc.update(c, "DELETE FROM campaign_record WHERE campaign_id = ?", s -> s.setObject(1, campaign.id()));
            }
            Set<String> existing = new HashSet<>();
            if (!replace) {
                existing.addAll(Jdbc.list(c, "SELECT phone FROM campaign_record WHERE campaign_id = ? AND phone = ANY (?)", s -> {
                    s.setObject(1, campaign.id());
                    s.setArray(2, c.createArrayOf("text", entries.stream().map(ListEntry::phone).toArray()));
                }, r -> r.getString(1)));
            }
            long[] last = { Jdbc.one(c, "SELECT coalesce(max(seq), 0) FROM campaign_record WHERE campaign_id = ?",
                    s -> s.setObject(1, campaign.id()), r -> r.getLong(1)).orElse(0L) };
            List<ListEntry> duplicates = new ArrayList<>();
            List<ListEntry> fresh = new ArrayList<>(entries.size());
            for (ListEntry entry : entries) {
                if (existing.contains(entry.phone())) {
                    duplicates.add(entry);
                } else {
                    fresh.add(entry);
                }
            }
            // Arrays unnested server-side: a few statements for a whole list instead of one round trip per row.
            for (int from = 0; from < fresh.size(); from += BATCH) {
                List<ListEntry> chunk = fresh.subList(from, Math.min(fresh.size(), from + BATCH));
                Object[] ids = new Object[chunk.size()];
                Object[] seqs = new Object[chunk.size()];
                Object[] phones = new Object[chunk.size()];
                Object[] fields = new Object[chunk.size()];
                for (int i = 0; i < chunk.size(); i++) {
                    ids[i] = UUID.randomUUID();
                    seqs[i] = ++last[0];
                    phones[i] = chunk.get(i).phone();
                    fields[i] = Rows.json(chunk.get(i).fields());
                }
                Jdbc.update(c, "INSERT INTO campaign_record (id, campaign_id, tenant_id, seq, phone, fields, next_due_at)"
                        + " SELECT u.id, ?, ?, u.seq, u.phone, u.fields, ? FROM unnest(?, ?, ?, ?) AS u (id, seq, phone, fields)", s -> {
                            s.setObject(1, campaign.id());
                            s.setString(2, campaign.tenantId());
                            s.setObject(3, Jdbc.time(now));
                            s.setArray(4, c.createArrayOf("uuid", ids));
                            s.setArray(5, c.createArrayOf("int8", seqs));
                            s.setArray(6, c.createArrayOf("text", phones));
                            s.setArray(7, c.createArrayOf("text", fields));
                        });
            }
            Jdbc.update(c, "UPDATE campaign SET list_columns = ?, updated_at = ? WHERE id = ?", s -> {
                s.setString(1, Rows.json(columns));
                s.setObject(2, Jdbc.time(now));
                s.setObject(3, campaign.id());
            });
            return duplicates;
        });
    }

    @Override
    public boolean hasAttempts(UUID campaignId) {
        return Jdbc.withConnection(dataSource, c -> Jdbc.one(c, "SELECT EXISTS (SELECT 1 FROM attempt WHERE campaign_id = ?)",
                s -> s.setObject(1, campaignId), r -> r.getBoolean(1)).orElse(false));
    }

    @Override
    public long recordCount(UUID campaignId) {
        return Jdbc.withConnection(dataSource, c -> Jdbc.one(c, "SELECT count(*) FROM campaign_record WHERE campaign_id = ?",
                s -> s.setObject(1, campaignId), r -> r.getLong(1)).orElse(0L));
    }

    @Override
    public List<Overlap> overlaps(String tenantId, UUID campaignId) {
        return Jdbc.withConnection(dataSource, c -> Jdbc.list(c, "SELECT o.id, o.name, count(*) FROM campaign_record mine"
                + " JOIN campaign_record theirs ON theirs.tenant_id = mine.tenant_id AND theirs.phone = mine.phone"
                + " AND theirs.campaign_id <> mine.campaign_id"
                + " JOIN campaign o ON o.id = theirs.campaign_id AND o.state IN ('RUNNING', 'PAUSED')"
                + " WHERE mine.campaign_id = ? AND mine.tenant_id = ? GROUP BY o.id, o.name ORDER BY count(*) DESC, o.name", s -> {
                    s.setObject(1, campaignId);
                    s.setString(2, tenantId);
                }, r -> new Overlap(r.getObject(1, UUID.class), r.getString(2), r.getLong(3))));
    }

    @Override
    public Progress progress(UUID campaignId, Instant dayStart) {
        return Jdbc.withConnection(dataSource, c -> {
            long[] records = Jdbc.one(c, "SELECT count(*), count(*) FILTER (WHERE NOT done) FROM campaign_record WHERE campaign_id = ?",
                    s -> s.setObject(1, campaignId), r -> new long[] { r.getLong(1), r.getLong(2) }).orElseThrow();
            return Jdbc.one(c, "SELECT count(*), count(*) FILTER (WHERE result = 'CONNECTED'), count(*) FILTER (WHERE result = 'ABANDONED'),"
                    + " count(*) FILTER (WHERE result = 'MACHINE'), count(*) FILTER (WHERE result = 'BUSY'),"
                    + " count(*) FILTER (WHERE result = 'NO_ANSWER'), count(*) FILTER (WHERE result = 'FAILED'),"
                    + " count(*) FILTER (WHERE result IS NULL),"
                    + " count(*) FILTER (WHERE result IN ('CONNECTED', 'ABANDONED') AND completed_at >= ?),"
                    + " count(*) FILTER (WHERE result = 'ABANDONED' AND completed_at >= ?)"
                    + " FROM attempt WHERE campaign_id = ?", s -> {
                        s.setObject(1, Jdbc.time(dayStart));
                        s.setObject(2, Jdbc.time(dayStart));
                        s.setObject(3, campaignId);
                    }, r -> new Progress(records[0], records[1], r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                            r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10))).orElseThrow();
        });
    }

    private static final String VIEW = "SELECT id, phone, fields, attempts, last_result, disposition, notes, promise_amount, promise_date,"
            + " survey_answers, done, in_flight, next_due_at FROM campaign_record WHERE campaign_id = ? ORDER BY seq";

    @Override
    public List<RecordView> records(UUID campaignId, int offset, int limit) {
        return Jdbc.withConnection(dataSource, c -> Jdbc.list(c, VIEW + " OFFSET ? LIMIT ?", s -> {
            s.setObject(1, campaignId);
            s.setInt(2, offset);
            s.setInt(3, limit);
        }, JdbcCampaignStore::view));
    }

    @Override
    public void eachRecord(UUID campaignId, Consumer<RecordView> row) {
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(VIEW)) {
                // A cursor, not the whole list in memory (needs the transaction).
                s.setFetchSize(1000);
                s.setObject(1, campaignId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        row.accept(view(r));
                    }
                }
            }
            return null;
        });
    }

    static RecordView view(ResultSet r) throws SQLException {
        BigDecimal amount = r.getBigDecimal("promise_amount");
        String answers = r.getString("survey_answers");
        return new RecordView(r.getObject("id", UUID.class), r.getString("phone"), Rows.fields(r.getString("fields")), r.getInt("attempts"),
                r.getString("last_result"), r.getString("disposition"), r.getString("notes"), amount, Jdbc.date(r, "promise_date"),
                answers == null ? List.of() : Rows.strings(answers), r.getBoolean("done"), r.getBoolean("in_flight"),
                Jdbc.instant(r, "next_due_at"));
    }
}
