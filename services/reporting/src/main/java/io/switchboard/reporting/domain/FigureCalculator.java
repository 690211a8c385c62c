package io.switchboard.reporting.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.switchboard.events.Channel;

/** The figures of each leg, and their sums per queue, agent and channel in the interval the leg was offered in. */
public final class FigureCalculator {

    /** A customer who leaves sooner than this is a short abandon, kept apart from the abandons. */
    public static final long SHORT_ABANDON_SECONDS = 5;
    /** The threshold of a queue no configuration has been seen for (routing's own default). */
    public static final int DEFAULT_THRESHOLD_SECONDS = 20;
    /** A survey score this high or higher is a satisfied customer (CSAT counts the 4s and 5s of 1..5). */
    public static final int SATISFIED_SCORE = 4;

    private FigureCalculator() {
    }

    public static Map<FigureKey, Figures> aggregate(Collection<LegReport> reports) {
        Map<FigureKey, Figures> rows = new HashMap<>();
        for (LegReport report : reports) {
            Instant interval = report.leg().interval();
            if (interval == null) {
                continue;
            }
            Figures figures = of(report);
            rows.merge(new FigureKey(Dimension.QUEUE, report.leg().queueId(), interval), figures, Figures::plus);
            Channel channel = report.leg().channel() != null ? report.leg().channel()
                    : report.contact() == null ? null : report.contact().channel();
            if (channel != null) {
                rows.merge(new FigureKey(Dimension.CHANNEL, channel.name(), interval), figures, Figures::plus);
            }
            if (report.leg().answered()) {
                rows.merge(new FigureKey(Dimension.AGENT, report.leg().agentId(), interval), figures, Figures::plus);
            }
        }
        return rows;
    }

    /**
     * How the rows move when the legs {@code before} become the legs {@code after}: a row is the sum of its legs'
     * contributions, so it moves by the contributions after less those before. Rows that do not move are left out.
     */
    public static Map<FigureKey, Figures> difference(Collection<LegReport> before, Collection<LegReport> after) {
        Map<FigureKey, Figures> rows = aggregate(after);
        aggregate(before).forEach((key, figures) -> rows.merge(key, Figures.ZERO.minus(figures), Figures::plus));
        rows.values().removeIf(Figures::isZero);
        return rows;
    }

    /** One leg's contribution; zero for a leg whose queued event has not arrived (it is offered nowhere yet). */
    public static Figures of(LegReport report) {
        LegFact leg = report.leg();
        if (leg.queuedAt() == null) {
            return Figures.ZERO;
        }
        long answered = 0;
        long inThreshold = 0;
        long waitMs = 0;
        long abandoned = 0;
        long shortAbandoned = 0;
        if (leg.answered()) {
            answered = 1;
            waitMs = Math.max(0, Intervals.millisBetween(leg.queuedAt(), leg.assignedAt()));
            inThreshold = waitMs <= report.thresholdSeconds() * 1000L ? 1 : 0;
        } else if (leg.abandonedAt() != null) {
            if (leg.waitedSeconds() != null && leg.waitedSeconds() >= SHORT_ABANDON_SECONDS) {
                abandoned = 1;
            } else {
                shortAbandoned = 1;
            }
        }
        long handled = 0;
        long talk = 0;
        long hold = 0;
        long wrap = 0;
        long fcrContacts = 0;
        long fcrResolved = 0;
        long surveys = 0;
        long satisfied = 0;
        long scoreSum = 0;
        Instant end = report.handleEnd();
        if (end != null) {
            handled = 1;
            long span = Math.max(0, Intervals.millisBetween(leg.assignedAt(), end));
            ContactFact contact = report.contact();
            if (report.finalAnswered() && contact.channel() == Channel.VOICE && contact.talkSeconds() != null) {
                // The gateway measures the whole call; an earlier leg's share of it is not this leg's.
                talk = Math.min(contact.talkSeconds() * 1000, span);
                hold = Math.min(contact.holdSeconds() == null ? 0 : contact.holdSeconds() * 1000, span - talk);
            } else {
                talk = span;
            }
            if (report.wrapStart() != null) {
                wrap = Intervals.millisBetween(report.wrapStart(), report.wrapCompletedAt());
            }
            if (report.finalAnswered() && contact.createdAt() != null) {
                fcrContacts = 1;
                fcrResolved = report.cameBack() ? 0 : 1;
            }
            if (report.finalAnswered() && contact.surveyScore() != null) {
                surveys = 1;
                satisfied = contact.surveyScore() >= SATISFIED_SCORE ? 1 : 0;
                scoreSum = contact.surveyScore();
            }
        }
        return new Figures(1, answered, abandoned, shortAbandoned, inThreshold, waitMs, handled, talk, hold, wrap,
                leg.transfers(), leg.overflows(), fcrContacts, fcrResolved, surveys, satisfied, scoreSum);
    }
}
