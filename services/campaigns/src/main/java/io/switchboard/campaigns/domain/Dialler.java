package io.switchboard.campaigns.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.switchboard.dialer.engine.AnswerRate;
import io.switchboard.dialer.engine.CallOutcome;
import io.switchboard.dialer.engine.DialMode;
import io.switchboard.dialer.engine.HandleTimes;
import io.switchboard.dialer.engine.Pacer;
import io.switchboard.dialer.engine.PacingState;

/**
 * One tick of a running campaign: take its lease, fail attempts lost for too long, read the live pacing inputs,
 * ask the engine how many lines to place, pick that many callable records (oldest due first, inside their
 * calling window in the callee's zones) and record each attempt with its request event in the same transaction.
 * The outbox relay publishes the events after the commit, so a crash in between neither loses nor repeats a call.
 * Pacing is rebuilt from the database at every tick, so whichever instance holds the lease paces alike.
 */
public final class Dialler {

    /** What one tick did. */
    public record Tick(int placed, int lost, boolean completed) {
        static final Tick NOTHING = new Tick(0, 0, false);
    }

    private final DiallerStore store;
    private final Directory directory;
    private final CallRequests requests;
    private final OutboxSignal outbox;
    private final DiallerSettings settings;
    private final String instance;
    private final Clock clock;

    public Dialler(DiallerStore store, Directory directory, CallRequests requests, OutboxSignal outbox, DiallerSettings settings,
            String instance, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.requests = requests;
        this.outbox = outbox;
        this.settings = settings;
        this.instance = instance;
        this.clock = clock;
    }

    public String instance() {
        return instance;
    }

    /** The running campaigns this instance may dial now (their lease free, expired or its own). */
    public List<UUID> dialable() {
        return store.dialable(instance, clock.instant());
    }

    /** Ticks every running campaign this instance may dial; returns the calls placed. */
    public int tickAll() {
        int placed = 0;
        for (UUID id : dialable()) {
            placed += tick(id).placed();
        }
        return placed;
    }

    public Tick tick(UUID campaignId) {
        Instant now = clock.instant();
        Optional<Tick> tick = store.withLease(campaignId, instance, now, now.plus(settings.lease()),
                (campaign, session) -> tick(campaign, session, now));
        tick.filter(t -> t.placed() > 0).ifPresent(t -> outbox.committed());
        return tick.orElse(Tick.NOTHING);
    }

    private Tick tick(Campaign campaign, DialSession session, Instant now) {
        CampaignSettings s = campaign.settings();
        Optional<Directory.Tenant> tenant = directory.tenant(campaign.tenantId());
        if (tenant.isEmpty()) {
            // Without the tenant's zone and region no number's day or window can be judged: wait for the configuration.
            return Tick.NOTHING;
        }
        ZoneId zone = tenant.get().zone();
        int lost = session.failLost(now.minusSeconds(s.ringSeconds()).minus(settings.lostAfter()), now);
        LocalDate today = LocalDate.ofInstant(now, zone);
        PacingInputs inputs = session.inputs(now, today.atStartOfDay(zone).toInstant(), now.minus(settings.figuresMaxAge()));
        int lines = lines(campaign, inputs);
        int placed = 0;
        if (lines > 0) {
            List<DialRecord> candidates = session.callable(now, today, s.retries().maxAttemptsPerDay(),
                    Math.min(settings.maxFetch(), lines * 3 + 10));
            List<UUID> outside = new ArrayList<>();
            for (DialRecord record : candidates) {
                if (placed == lines) {
                    break;
                }
                if (!s.window().allows(record.phone(), now, zone)) {
                    outside.add(record.id());
                    continue;
                }
                requests.request(campaign, record, null, now, today, tenant.get().region(), session);
                placed++;
            }
            session.defer(outside, now.plus(settings.windowRecheck()));
        }
        boolean completed = false;
        if (placed == 0 && !session.anyLeft()) {
            session.complete(now);
            completed = true;
        }
        return new Tick(placed, lost, completed);
    }

    /** How many new lines the campaign places now, before records are picked. */
    int lines(Campaign campaign, PacingInputs inputs) {
        CampaignSettings s = campaign.settings();
        if (s.kind() == CampaignKind.SURVEY) {
            return Math.max(0, s.surveyLines() - inputs.linesRinging());
        }
        if (s.mode() == DialMode.PREVIEW) {
            return 0;
        }
        PacingState state = new PacingState(inputs.freeAgents(), inputs.busyElapsed(), inputs.linesRinging(), settings.maxFetch(),
                inputs.answeredToday(), inputs.abandonedToday());
        return new Pacer(s.pacing()).linesToDial(state, answerRate(inputs).estimate(), handleTimes(inputs));
    }

    static AnswerRate answerRate(PacingInputs inputs) {
        AnswerRate rate = new AnswerRate(0.3, 10, 0.98);
        for (CallOutcome outcome : inputs.recentOutcomes()) {
            rate.record(outcome == CallOutcome.CONNECTED || outcome == CallOutcome.ABANDONED);
        }
        return rate;
    }

    static HandleTimes handleTimes(PacingInputs inputs) {
        HandleTimes times = new HandleTimes(500, 150);
        inputs.handleSeconds().forEach(times::record);
        return times;
    }
}
