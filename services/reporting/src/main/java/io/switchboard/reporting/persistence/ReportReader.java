package io.switchboard.reporting.persistence;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.temporal.TemporalAdjusters;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.reporting.domain.AgentTimeFigures;
import io.switchboard.reporting.domain.Dimension;
import io.switchboard.reporting.domain.Figures;
import io.switchboard.reporting.domain.Granularity;
import io.switchboard.reporting.domain.ReportQuery;
import io.switchboard.reporting.domain.ReportRow;
import io.switchboard.reporting.domain.ReportSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads reports: the interval rows (intervals) or the daily rollup's (days, weeks, months) summed into the
 * requested buckets in the tenant's time zone. The API reads
 * through {@link #read}; the scheduled reports through the blocking {@link ReportSource} methods, the same query.
 */
@ApplicationScoped
public class ReportReader implements ReportSource {

    public record Report(ZoneId zone, List<ReportRow> rows) {
    }

    private static final String FIGURE_SUMS = "sum(offered)::bigint, sum(answered)::bigint, sum(abandoned)::bigint,"
            + " sum(short_abandoned)::bigint, sum(answered_in_threshold)::bigint, sum(answer_wait_ms)::bigint, sum(handled)::bigint,"
            + " sum(talk_ms)::bigint, sum(hold_ms)::bigint, sum(wrap_ms)::bigint, sum(transfers)::bigint, sum(overflows)::bigint,"
            + " sum(fcr_contacts)::bigint, sum(fcr_resolved)::bigint, sum(surveys)::bigint, sum(csat_satisfied)::bigint,"
            + " sum(csat_score_sum)::bigint";
    private static final String TIME_SUMS = "sum(logged_in_ms)::bigint, sum(available_ms)::bigint, sum(busy_ms)::bigint,"
            + " sum(available_idle_ms)::bigint";

    private static final Duration BLOCKING = Duration.ofSeconds(60);

    private final Pool pool;

    public ReportReader(Pool pool) {
        this.pool = pool;
    }

    /** The tenant's time zone: its latest configuration's, UTC until one arrives. */
    public Uni<ZoneId> zone(String tenant) {
        return pool.preparedQuery("SELECT time_zone FROM tenant_config WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .map(rows -> rows.iterator().hasNext() ? ZoneId.of(rows.iterator().next().getString(0)) : ZoneId.of("UTC"));
    }

    @Override
    public ZoneId timeZone(String tenantId) {
        return zone(tenantId).await().atMost(BLOCKING);
    }

    @Override
    public List<ReportRow> rows(ReportQuery query) {
        return read(query).await().atMost(BLOCKING).rows();
    }

    public Uni<Report> read(ReportQuery query) {
        return zone(query.tenantId()).chain(zone -> {
            List<OffsetDateTime> starts = bucketStarts(query, zone);
            // Intervals are their own buckets, read from the 15-minute rows. Days, weeks and months are read from the
            // daily rollup, whose days are local to the tenant's zone, each bucket found by binary search over the
            // buckets' first days (width_bucket).
            boolean intervals = query.granularity() == Granularity.INTERVAL;
            String bucket = intervals ? "extract(epoch from interval_start)::bigint" : "width_bucket(day, $5::date[])::bigint";
            String range = intervals ? "interval_start >= $2 AND interval_start < $3" : "day >= $2 AND day < $3";
            String where = " WHERE tenant_id = $1 AND " + range + " AND ($4::text IS NULL OR %s = $4)";
            Map<List<Object>, ReportRow> rows = new LinkedHashMap<>();
            String dimension = intervals ? "$5" : "$6";
            Uni<Void> figures = pool.preparedQuery("SELECT key, " + bucket + " AS bucket, " + FIGURE_SUMS + " FROM "
                    + (intervals ? "interval_figures" : "day_figures") + where.formatted("key") + " AND dimension = " + dimension
                    + " GROUP BY 1, 2")
                    .execute(params(query, zone, starts).addString(query.dimension().slug()))
                    .invoke(result -> result.forEach(row -> {
                        OffsetDateTime start = start(row, query.granularity(), starts, zone);
                        rows.put(List.of(row.getString(0), start), new ReportRow(start, row.getString(0), figures(row, 2),
                                query.dimension() == Dimension.AGENT ? AgentTimeFigures.ZERO : null));
                    }))
                    .replaceWithVoid();
            if (query.dimension() == Dimension.AGENT) {
                figures = figures.chain(() -> pool.preparedQuery("SELECT agent_id, " + bucket + " AS bucket, " + TIME_SUMS
                        + " FROM " + (intervals ? "agent_time" : "agent_day_time") + where.formatted("agent_id") + " GROUP BY 1, 2")
                        .execute(params(query, zone, starts)))
                        .invoke(result -> result.forEach(row -> {
                            OffsetDateTime start = start(row, query.granularity(), starts, zone);
                            AgentTimeFigures time = new AgentTimeFigures(row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5));
                            rows.merge(List.of(row.getString(0), start), new ReportRow(start, row.getString(0), Figures.ZERO, time),
                                    (a, b) -> new ReportRow(a.start(), a.key(), a.figures(), b.time()));
                        }))
                        .replaceWithVoid();
            }
            return figures.map(nothing -> {
                List<ReportRow> sorted = new ArrayList<>(rows.values());
                sorted.sort(Comparator.comparing(ReportRow::start).thenComparing(ReportRow::key));
                return new Report(zone, sorted);
            });
        });
    }

    /** $1 tenant, $2 and $3 the range (instants for intervals, local days otherwise), $4 the key or null, then the days' buckets. */
    private static Tuple params(ReportQuery query, ZoneId zone, List<OffsetDateTime> starts) {
        Tuple params = Tuple.tuple().addString(query.tenantId());
        if (query.granularity() == Granularity.INTERVAL) {
            return params.addOffsetDateTime(starts.get(0)).addOffsetDateTime(query.to().atStartOfDay(zone).toOffsetDateTime())
                    .addString(query.key());
        }
        return params.addLocalDate(query.from()).addLocalDate(query.to()).addString(query.key())
                .addArrayOfLocalDate(starts.stream().map(s -> s.atZoneSameInstant(zone).toLocalDate()).toArray(LocalDate[]::new));
    }

    /**
     * The starts of the report's buckets in the tenant's zone: its local days, ISO weeks (Monday) or months
     * that overlap [from, to), the first clipped to {@code from}; for intervals, {@code from} alone.
     */
    static List<OffsetDateTime> bucketStarts(ReportQuery query, ZoneId zone) {
        List<OffsetDateTime> starts = new ArrayList<>();
        starts.add(query.from().atStartOfDay(zone).toOffsetDateTime());
        if (query.granularity() == Granularity.INTERVAL) {
            return starts;
        }
        LocalDate day = switch (query.granularity()) {
            case WEEK -> query.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> query.from().withDayOfMonth(1);
            default -> query.from();
        };
        while (true) {
            day = switch (query.granularity()) {
                case WEEK -> day.plusWeeks(1);
                case MONTH -> day.plusMonths(1);
                default -> day.plusDays(1);
            };
            if (!day.isBefore(query.to())) {
                return starts;
            }
            starts.add(day.atStartOfDay(zone).toOffsetDateTime());
        }
    }

    /** Intervals keep their UTC instant (a local time repeats when clocks go back); a longer bucket is its local start. */
    private static OffsetDateTime start(Row row, Granularity granularity, List<OffsetDateTime> starts, ZoneId zone) {
        long bucket = row.getLong(1);
        if (granularity == Granularity.INTERVAL) {
            return Instant.ofEpochSecond(bucket).atZone(zone).toOffsetDateTime();
        }
        return starts.get((int) bucket - 1);
    }

    private static Figures figures(Row row, int first) {
        long[] v = new long[17];
        for (int i = 0; i < v.length; i++) {
            v[i] = row.getLong(first + i);
        }
        return new Figures(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15],
                v[16]);
    }
}
