package io.switchboard.dialer.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import io.switchboard.dialer.engine.AnswerRate;
import io.switchboard.dialer.engine.HandleTimes;
import io.switchboard.dialer.engine.Pacer;
import io.switchboard.dialer.engine.PacingState;

/**
 * A campaign day in discrete events: calls ring and are answered (or not), answered calls take a
 * free agent or wait the grace time and are abandoned, agents finish their calls. The pacer decides
 * after every event and every second, seeing only what a real dialer sees (free and busy agents,
 * lines ringing, the day's counts) and learning the answer rate and handle times as the day goes.
 */
public final class DialerSimulator {

    private record Event(double at, Kind kind, int agent) {
    }

    private enum Kind {
        ANSWERED, NOT_ANSWERED, AGENT_FREE, TICK
    }

    private DialerSimulator() {
    }

    public static DayResult run(DayScenario day) {
        return new Run(day).go();
    }

    private static final class Run {

        private final DayScenario day;
        private final SplittableRandom random;
        private final Pacer pacer;
        private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> Double.compare(a.at, b.at));
        private final Deque<Integer> idle = new ArrayDeque<>();
        private final double[] idleSince;
        private final double[] busySince;
        private final Deque<Double> waiting = new ArrayDeque<>();
        private final AnswerRate answerRate;
        private final HandleTimes handleTimes;
        private final double sigma;
        private final double mu;
        private int ringing;
        private long dials;
        private long answered;
        private long connected;
        private long abandoned;
        private double idleSeconds;

        Run(DayScenario day) {
            this.day = day;
            this.random = new SplittableRandom(day.seed());
            this.pacer = new Pacer(day.pacing());
            this.idleSince = new double[day.agents()];
            this.busySince = new double[day.agents()];
            for (int a = 0; a < day.agents(); a++) {
                idle.add(a);
                busySince[a] = -1;
            }
            this.answerRate = new AnswerRate(0.2, 20, 0.98);
            this.handleTimes = new HandleTimes(500, 120);
            this.sigma = Math.sqrt(Math.log(1 + day.handleCv() * day.handleCv()));
            this.mu = Math.log(day.ahtSeconds()) - sigma * sigma / 2;
        }

        DayResult go() {
            double end = day.hours() * 3600;
            for (double t = 1; t < end; t += 1) {
                events.add(new Event(t, Kind.TICK, -1));
            }
            pace(0);
            while (!events.isEmpty()) {
                Event e = events.poll();
                if (e.at > end && e.kind == Kind.TICK) {
                    continue;
                }
                expireWaiting(e.at);
                switch (e.kind) {
                    case ANSWERED -> answered(e.at);
                    case NOT_ANSWERED -> {
                        ringing--;
                        answerRate.record(false);
                    }
                    case AGENT_FREE -> agentFree(e.agent, e.at);
                    case TICK -> {
                    }
                }
                if (e.at < end) {
                    pace(e.at);
                }
            }
            for (int a : idle) {
                idleSeconds += Math.max(0, end - idleSince[a]);
            }
            double agentSeconds = day.agents() * end;
            return new DayResult(dials, answered, connected, abandoned, answered == 0 ? 0 : (double) abandoned / answered,
                    idleSeconds / agentSeconds, connected / (day.agents() * day.hours()));
        }

        private void pace(double now) {
            List<Double> busy = new ArrayList<>();
            for (int a = 0; a < day.agents(); a++) {
                if (busySince[a] >= 0) {
                    busy.add(now - busySince[a]);
                }
            }
            PacingState state = new PacingState(idle.size(), busy, ringing, Integer.MAX_VALUE, answered, abandoned);
            int lines = pacer.linesToDial(state, answerRate.estimate(), handleTimes);
            for (int i = 0; i < lines; i++) {
                dial(now);
            }
        }

        private void dial(double now) {
            dials++;
            ringing++;
            if (random.nextDouble() < day.answerRateAt(now)) {
                double ring = day.ringMinSeconds() + random.nextDouble() * (day.ringMaxSeconds() - day.ringMinSeconds());
                events.add(new Event(now + ring, Kind.ANSWERED, -1));
            } else {
                events.add(new Event(now + day.noAnswerSeconds() * (0.3 + 0.7 * random.nextDouble()), Kind.NOT_ANSWERED, -1));
            }
        }

        private void answered(double now) {
            ringing--;
            answered++;
            answerRate.record(true);
            if (!idle.isEmpty()) {
                connect(idle.poll(), now);
            } else {
                waiting.add(now + day.graceSeconds());
            }
        }

        private void agentFree(int agent, double now) {
            handleTimes.record(now - busySince[agent]);
            busySince[agent] = -1;
            if (!waiting.isEmpty()) {
                waiting.poll();
                connect(agent, now, now);
            } else {
                idle.add(agent);
                idleSince[agent] = now;
            }
        }

        private void connect(int agent, double now) {
            idleSeconds += now - idleSince[agent];
            connect(agent, now, now);
        }

        private void connect(int agent, double now, double start) {
            connected++;
            busySince[agent] = start;
            double handle = Math.exp(mu + sigma * random.nextGaussian());
            events.add(new Event(now + handle, Kind.AGENT_FREE, agent));
        }

        private void expireWaiting(double now) {
            while (!waiting.isEmpty() && waiting.peek() < now) {
                waiting.poll();
                abandoned++;
            }
        }
    }
}
