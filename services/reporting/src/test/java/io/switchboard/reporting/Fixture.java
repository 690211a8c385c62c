package io.switchboard.reporting;

import static java.time.Instant.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.reporting.domain.AgentTimeFigures;
import io.switchboard.reporting.domain.Dimension;
import io.switchboard.reporting.domain.FactBook.AgentInterval;
import io.switchboard.reporting.domain.FigureKey;
import io.switchboard.reporting.domain.Figures;

/**
 * The recorded stream {@code fixtures/acme-day.jsonl} (one CloudEvent per line, in the order it was
 * delivered: late and out-of-order events and one duplicate included) and the figures worked out by
 * hand from it, with the working in the comments (docs/reporting.md walks through the same day).
 */
public final class Fixture {

    public static final String RESOURCE = "/fixtures/acme-day.jsonl";
    public static final String ACME = "acme-bank";
    public static final String GLOBEX = "globex-travel";

    private Fixture() {
    }

    /** The CloudEvent bytes of each line, duplicate included. */
    public static List<byte[]> records() {
        try (InputStream in = Fixture.class.getResourceAsStream(RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank()).map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<SwitchboardEvent> events() {
        List<SwitchboardEvent> events = new ArrayList<>();
        for (byte[] record : records()) {
            if (EventCodec.decode(record) instanceof DecodeResult.Decoded decoded) {
                events.add(decoded.event());
            } else {
                throw new IllegalStateException("fixture line does not decode: " + new String(record, StandardCharsets.UTF_8));
            }
        }
        return events;
    }

    private static final Instant I0900 = parse("2026-12-01T09:00:00Z");
    private static final Instant I0915 = parse("2026-12-01T09:15:00Z");
    private static final Instant I1000 = parse("2026-12-01T10:00:00Z");
    private static final Instant I2000 = parse("2026-12-01T20:00:00Z");

    private static FigureKey queue(String queue, Instant interval) {
        return new FigureKey(Dimension.QUEUE, queue, interval);
    }

    private static FigureKey channel(String channel, Instant interval) {
        return new FigureKey(Dimension.CHANNEL, channel, interval);
    }

    private static FigureKey agent(String agent, Instant interval) {
        return new FigureKey(Dimension.AGENT, agent, interval);
    }

    private static long s(long seconds) {
        return seconds * 1000;
    }

    // f(offered, answered, abandoned, short, inThreshold, waitMs, handled, talkMs, holdMs, wrapMs, transfers,
    //   overflows, fcrContacts, fcrResolved), plus surveys(answers, satisfied, score sum) where a survey counts.

    private static Figures f(long offered, long answered, long abandoned, long shortAbandoned, long inThreshold, long waitMs,
            long handled, long talkMs, long holdMs, long wrapMs, long transfers, long overflows, long fcrContacts, long fcrResolved) {
        return new Figures(offered, answered, abandoned, shortAbandoned, inThreshold, waitMs, handled, talkMs, holdMs, wrapMs,
                transfers, overflows, fcrContacts, fcrResolved, 0, 0, 0);
    }

    private static Figures surveys(long answers, long satisfied, long scoreSum) {
        return new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, answers, satisfied, scoreSum);
    }

    /**
     * Survey answers: C1 5 (09:07), C2 2 (09:15; its second answer, 5 at 09:16, is delivered first and does not
     * count), C3 1 (a short abandon, handled by nobody: counted nowhere), and C5 4 at 20:30, delivered last,
     * long after C5's 09:15 interval was computed. Each counts on the leg that ended its contact (C5's billing
     * leg, not its sales leg), so satisfied = scores of 4 or 5.
     */
    public static boolean isLateSurvey(SwitchboardEvent event) {
        return event instanceof ContactSurveyAnswered survey && survey.contactId().equals("c5");
    }

    /** acme-bank's rows. */
    public static final Map<FigureKey, Figures> ACME_FIGURES = Map.ofEntries(
            // C1 (voice, 10 s, talk 200 hold 30, wrap 09:05:10-09:06:00 = 50 s, came back as C6),
            // C2 (chat, 30 s > 20, talk 09:03:30-09:13:30 = 600, wrap 30), C3 short abandon, C4 abandon.
            Map.entry(queue("billing", I0900), f(4, 2, 1, 1, 1, s(40), 2, s(800), s(30), s(80), 0, 0, 2, 1).plus(surveys(2, 1, 5 + 2))),
            // C5's second leg: 10 s, talk 09:16:10-09:26:10, wrap 60, came back as C7 (Jane's phone).
            Map.entry(queue("billing", I0915), f(1, 1, 0, 0, 1, s(10), 1, s(600), 0, s(60), 0, 0, 1, 0).plus(surveys(1, 1, 4))),
            Map.entry(queue("billing", I2000), f(1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            // C5's first leg: 120 s > 30, talk 09:12:00-09:16:00 until the transfer, no wrap, not the final leg.
            Map.entry(queue("sales", I0900), f(1, 1, 0, 0, 0, s(120), 1, s(240), 0, 0, 1, 0, 0, 0)),
            Map.entry(queue("sales", I1000), f(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0)),
            Map.entry(queue("general", I1000), f(1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            Map.entry(channel("VOICE", I0900), f(3, 1, 1, 1, 1, s(10), 1, s(200), s(30), s(50), 0, 0, 1, 0).plus(surveys(1, 1, 5))),
            Map.entry(channel("CHAT", I0900), f(1, 1, 0, 0, 0, s(30), 1, s(600), 0, s(30), 0, 0, 1, 1).plus(surveys(1, 0, 2))),
            Map.entry(channel("EMAIL", I0900), f(1, 1, 0, 0, 0, s(120), 1, s(240), 0, 0, 1, 0, 0, 0)),
            Map.entry(channel("EMAIL", I0915), f(1, 1, 0, 0, 1, s(10), 1, s(600), 0, s(60), 0, 0, 1, 0).plus(surveys(1, 1, 4))),
            Map.entry(channel("VOICE", I1000), f(2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0)),
            Map.entry(channel("SMS", I2000), f(1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            Map.entry(agent("alice", I0900), f(2, 2, 0, 0, 1, s(130), 2, s(440), s(30), s(50), 1, 0, 1, 0).plus(surveys(1, 1, 5))),
            Map.entry(agent("bob", I0900), f(1, 1, 0, 0, 0, s(30), 1, s(600), 0, s(30), 0, 0, 1, 1).plus(surveys(1, 0, 2))),
            Map.entry(agent("bob", I0915), f(1, 1, 0, 0, 1, s(10), 1, s(600), 0, s(60), 0, 0, 1, 0).plus(surveys(1, 1, 4))));

    /** globex-travel's rows: G1, chat, 5 s (no queue configuration: 20 s), talk 240 s. */
    public static final Map<FigureKey, Figures> GLOBEX_FIGURES = Map.of(
            queue("support", I0900), f(1, 1, 0, 0, 1, s(5), 1, s(240), 0, 0, 0, 0, 1, 1),
            channel("CHAT", I0900), f(1, 1, 0, 0, 1, s(5), 1, s(240), 0, 0, 0, 0, 1, 1),
            agent("dave", I0900), f(1, 1, 0, 0, 1, s(5), 1, s(240), 0, 0, 0, 0, 1, 1));

    // AgentTimeFigures(loggedIn, available, busy, availableIdle)

    /**
     * alice: available 08:55-09:40; busy 09:01:10-09:06:00 (C1 and its wrap-up) and 09:12:00-09:16:00 (C5 until
     * she transferred it). bob: available 09:00, away 09:28-09:29, offline 09:45; busy 09:03:30-09:14:00 (C2 and
     * wrap-up) and 09:16:10-09:27:10 (C5 and wrap-up). Both offline states are open (no next change): not counted.
     */
    public static final Map<AgentInterval, AgentTimeFigures> ACME_AGENT_TIME = Map.of(
            new AgentInterval("alice", parse("2026-12-01T08:45:00Z")), new AgentTimeFigures(s(300), s(300), 0, s(300)),
            new AgentInterval("alice", I0900), new AgentTimeFigures(s(900), s(900), s(290 + 180), s(900 - 470)),
            new AgentInterval("alice", I0915), new AgentTimeFigures(s(900), s(900), s(60), s(840)),
            new AgentInterval("alice", parse("2026-12-01T09:30:00Z")), new AgentTimeFigures(s(600), s(600), 0, s(600)),
            new AgentInterval("bob", I0900), new AgentTimeFigures(s(900), s(900), s(630), s(270)),
            new AgentInterval("bob", I0915), new AgentTimeFigures(s(900), s(840), s(660), s(180)),
            new AgentInterval("bob", parse("2026-12-01T09:30:00Z")), new AgentTimeFigures(s(900), s(900), 0, s(900)));
}
