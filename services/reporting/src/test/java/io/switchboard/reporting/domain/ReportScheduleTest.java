package io.switchboard.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Which periods a schedule owes at a moment, in the tenant's zone. */
class ReportScheduleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    private static ReportSchedule schedule(Frequency frequency, DayOfWeek weekday, String sendAt, Instant effectiveFrom) {
        return new ReportSchedule(UUID.randomUUID(), "acme-bank", "", frequency, weekday, LocalTime.parse(sendAt), List.of(Dimension.QUEUE),
                Granularity.DAY, ReportFormat.PDF, List.of("ops@acme-client.example"), effectiveFrom);
    }

    private static ReportPeriod period(String from, String to) {
        return new ReportPeriod(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void aDailyReportIsTheLocalDayBeforeAndIsDueAtTheLocalSendTime() {
        ReportSchedule daily = schedule(Frequency.DAILY, null, "07:00", Instant.parse("2026-12-01T13:00:00Z"));
        // 07:00 in New York is 12:00 UTC in December.
        assertThat(daily.periodsDue(Instant.parse("2026-12-02T11:59:59Z"), NEW_YORK, LONG_AGO)).isEmpty();
        assertThat(daily.periodsDue(Instant.parse("2026-12-02T12:00:00Z"), NEW_YORK, LONG_AGO))
                .containsExactly(period("2026-12-01", "2026-12-02"));
    }

    @Test
    void aWeeklyReportIsThePreviousMondayToSundaySentOnItsWeekday() {
        ReportSchedule wednesday = schedule(Frequency.WEEKLY, DayOfWeek.WEDNESDAY, "08:00", Instant.parse("2026-12-03T00:00:00Z"));
        // Wednesday 9 December: the week of 30 November to 6 December; nothing on the Tuesday.
        assertThat(wednesday.periodsDue(Instant.parse("2026-12-08T23:00:00Z"), ZoneId.of("UTC"), LONG_AGO)).isEmpty();
        assertThat(wednesday.periodsDue(Instant.parse("2026-12-09T08:00:00Z"), ZoneId.of("UTC"), LONG_AGO))
                .containsExactly(period("2026-11-30", "2026-12-07"));
        assertThat(wednesday.dueAt(period("2026-11-30", "2026-12-07"), ZoneId.of("UTC"))).isEqualTo(Instant.parse("2026-12-09T08:00:00Z"));
    }

    @Test
    void aMonthlyReportIsThePreviousMonthSentOnTheFirst() {
        ReportSchedule monthly = schedule(Frequency.MONTHLY, null, "06:00", Instant.parse("2026-12-15T00:00:00Z"));
        assertThat(monthly.periodsDue(Instant.parse("2027-01-01T11:00:00Z"), NEW_YORK, LONG_AGO))
                .containsExactly(period("2026-12-01", "2027-01-01"));
        assertThat(monthly.periodsDue(Instant.parse("2027-01-20T11:00:00Z"), NEW_YORK, LONG_AGO))
                .containsExactly(period("2026-12-01", "2027-01-01"));
    }

    @Test
    void aNewOrChangedScheduleOwesNothingDueBeforeItAndCatchUpStopsAtTheHorizon() {
        Instant now = Instant.parse("2026-12-10T13:00:00Z");
        ReportSchedule created = schedule(Frequency.DAILY, null, "07:00", Instant.parse("2026-12-07T13:00:00Z"));
        // Due 8, 9 and 10 December at 12:00 UTC: the days 7, 8 and 9, newest first.
        assertThat(created.periodsDue(now, NEW_YORK, LONG_AGO)).containsExactly(period("2026-12-09", "2026-12-10"),
                period("2026-12-08", "2026-12-09"), period("2026-12-07", "2026-12-08"));
        assertThat(created.periodsDue(now, NEW_YORK, Instant.parse("2026-12-09T00:00:00Z")))
                .containsExactly(period("2026-12-09", "2026-12-10"), period("2026-12-08", "2026-12-09"));
    }

    @Test
    void aSendTimeInTheSpringForwardGapIsSentAnHourLater() {
        // 2027-03-14 02:30 does not exist in New York: the report is sent at 03:30 EDT (07:30 UTC).
        ReportSchedule daily = schedule(Frequency.DAILY, null, "02:30", Instant.parse("2027-03-01T00:00:00Z"));
        assertThat(daily.dueAt(period("2027-03-13", "2027-03-14"), NEW_YORK)).isEqualTo(Instant.parse("2027-03-14T07:30:00Z"));
        assertThat(daily.periodsDue(Instant.parse("2027-03-14T07:29:00Z"), NEW_YORK, LONG_AGO)).first()
                .isEqualTo(period("2027-03-12", "2027-03-13"));
    }

    @Test
    void theBackoffDoublesUpToItsCapAndTheAttemptsAreBounded() {
        RetryPolicy policy = new RetryPolicy(5, java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(5));
        assertThat(List.of(1, 2, 3, 4).stream().map(policy::backoffAfter).map(java.time.Duration::toMinutes).toList())
                .containsExactly(1L, 2L, 4L, 5L);
        assertThat(policy.mayRetryAfter(4)).isTrue();
        assertThat(policy.mayRetryAfter(5)).isFalse();
    }

    @Test
    void recipientsArePlainAddresses() {
        assertThat(Recipients.problem("ops@acme-client.example")).isNull();
        assertThat(Recipients.problem("first.last+reports@mail.acme.co.uk")).isNull();
        assertThat(Recipients.problem("Ops <ops@acme.example>")).contains("not an email address");
        assertThat(Recipients.problem("ops@localhost")).contains("not an email address");
        assertThat(Recipients.problem("ops@acme.example\r\nBcc: x@y.example")).contains("not an email address");
        assertThat(Recipients.problem("a..b@acme.example")).contains("not an email address");
        assertThat(Recipients.problem(" ")).isEqualTo("is empty");
    }
}
