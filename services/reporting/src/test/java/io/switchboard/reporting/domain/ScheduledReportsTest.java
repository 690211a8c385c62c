package io.switchboard.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * How a delivery's failures are treated, with the ports in memory: a 5xx is final at once, what may pass is retried
 * after the backoff until the attempts run out, and every view is read for the schedule's tenant alone.
 */
class ScheduledReportsTest {

    private static final ReportSchedule DAILY = new ReportSchedule(UUID.randomUUID(), "acme-bank", "", Frequency.DAILY, null,
            LocalTime.of(7, 0), List.of(Dimension.QUEUE, Dimension.CHANNEL), Granularity.DAY, ReportFormat.XLSX,
            List.of("ops@acme-client.example"), Instant.parse("2026-12-01T08:00:00Z"));

    private Instant now = Instant.parse("2026-12-02T07:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };
    private final MemoryLedger ledger = new MemoryLedger();
    private final Deque<RelayRefusedException> refusals = new ArrayDeque<>();
    private final List<ReportMail> sent = new ArrayList<>();
    private final List<ReportQuery> queries = new ArrayList<>();

    private ScheduledReports reports() {
        ReportSource source = new ReportSource() {
            @Override
            public ZoneId timeZone(String tenantId) {
                return ZoneId.of("Europe/London");
            }

            @Override
            public List<ReportRow> rows(ReportQuery query) {
                queries.add(query);
                return List.of();
            }
        };
        ReportRenderer renderer = report -> new Attachment(report.filename(), report.schedule().format().contentType(), new byte[] {1});
        ReportMailer mailer = mail -> {
            if (!refusals.isEmpty()) {
                throw refusals.pop();
            }
            sent.add(mail);
        };
        return new ScheduledReports(() -> List.of(DAILY), ledger, source, renderer, mailer,
                new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(30)), Duration.ofDays(31), Duration.ofMinutes(10), "test", clock);
    }

    @Test
    void aPermanentRefusalIsFinalAtOnce() {
        refusals.add(new RelayRefusedException("550 5.1.1 mailbox unavailable", true));
        assertThat(reports().runDue()).isEqualTo(1);
        assertThat(ledger.only().status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(ledger.only().reason).isEqualTo("550 5.1.1 mailbox unavailable");
        now = now.plus(Duration.ofHours(1));
        assertThat(reports().runDue()).isZero();
        assertThat(sent).isEmpty();
    }

    @Test
    void aRefusalForNowIsRetriedAfterTheBackoffAndSentWhenItPasses() {
        refusals.add(new RelayRefusedException("451 4.3.0 try again later", false));
        assertThat(reports().runDue()).isEqualTo(1);
        assertThat(ledger.only().status).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(ledger.only().next).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(reports().runDue()).isZero();
        now = now.plus(Duration.ofMinutes(1));
        assertThat(reports().runDue()).isEqualTo(1);
        assertThat(ledger.only().status).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).subject()).isEqualTo("Switchboard daily report for acme-bank: 2026-12-01");
        assertThat(queries).extracting(ReportQuery::tenantId).containsOnly("acme-bank");
        assertThat(queries).extracting(ReportQuery::dimension).containsExactly(Dimension.QUEUE, Dimension.CHANNEL, Dimension.QUEUE,
                Dimension.CHANNEL);
    }

    @Test
    void refusalsForNowStopAfterTheLastAttempt() {
        for (int i = 0; i < 3; i++) {
            refusals.add(new RelayRefusedException("relay unavailable: Connection refused", false));
        }
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(reports().runDue()).as("attempt %d", attempt).isEqualTo(1);
            now = now.plus(Duration.ofHours(1));
        }
        assertThat(ledger.only().status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(ledger.only().reason).isEqualTo("relay unavailable: Connection refused (after 3 attempts)");
        assertThat(reports().runDue()).isZero();
    }

    /** The ledger's contract in memory: insert once, claim what is due, settle what was claimed. */
    private static final class MemoryLedger implements DeliveryLedger {

        static final class Entry {
            DeliveryStatus status = DeliveryStatus.PENDING;
            Instant next;
            int attempts;
            String reason;
        }

        final Map<ReportPeriod, Entry> entries = new LinkedHashMap<>();

        Entry only() {
            assertThat(entries).hasSize(1);
            return entries.values().iterator().next();
        }

        @Override
        public void plan(ReportSchedule schedule, Map<ReportPeriod, Instant> dueAt, Instant now) {
            dueAt.forEach((period, due) -> entries.computeIfAbsent(period, p -> {
                Entry entry = new Entry();
                entry.next = due;
                return entry;
            }));
        }

        @Override
        public Optional<DeliveryClaim> claimNext(Instant now, Duration lease, String claimant) {
            for (var e : entries.entrySet()) {
                Entry entry = e.getValue();
                if ((entry.status == DeliveryStatus.PENDING || entry.status == DeliveryStatus.RETRYING) && !entry.next.isAfter(now)) {
                    entry.status = DeliveryStatus.SENDING;
                    entry.attempts++;
                    return Optional.of(new DeliveryClaim(DAILY, e.getKey(), entry.attempts));
                }
            }
            return Optional.empty();
        }

        @Override
        public boolean sent(DeliveryClaim claim, String claimant, Instant at) {
            entries.get(claim.period()).status = DeliveryStatus.SENT;
            return true;
        }

        @Override
        public boolean retry(DeliveryClaim claim, String claimant, String reason, Instant at, Instant nextAttemptAt) {
            Entry entry = entries.get(claim.period());
            entry.status = DeliveryStatus.RETRYING;
            entry.reason = reason;
            entry.next = nextAttemptAt;
            return true;
        }

        @Override
        public boolean failed(DeliveryClaim claim, String claimant, String reason, Instant at) {
            Entry entry = entries.get(claim.period());
            entry.status = DeliveryStatus.FAILED;
            entry.reason = reason;
            return true;
        }
    }
}
