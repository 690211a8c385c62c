package io.switchboard.campaigns.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.campaigns.domain.Campaign;
import io.switchboard.campaigns.domain.CampaignSettings;
import io.switchboard.campaigns.domain.Progress;

/** A campaign as the API shows it, with its live progress. */
public record CampaignBody(UUID id, String tenant, String state, String name, String queueId, String callerId, String kind, String mode,
        WindowBody window, Map<String, RetryBody> retries, int maxAttemptsPerDay, double abandonCapPercent, int ringSeconds,
        int abandonGraceSeconds, String script, List<String> surveyPrompts, int surveyLines, List<String> listColumns, String createdBy,
        Instant createdAt, Instant updatedAt, ProgressBody progress) {

    public record WindowBody(String from, String until, List<String> days) {
    }

    public record RetryBody(int attempts, long delaySeconds) {
    }

    public record ProgressBody(long records, long remaining, long dialled, long connected, long abandoned, long machine, long busy,
            long noAnswer, long failed, long inFlight, Double abandonRateToday, double abandonCapPercent, long answeredToday,
            long abandonedToday) {
    }

    static CampaignBody of(Campaign c, Progress p) {
        CampaignSettings s = c.settings();
        Map<String, RetryBody> retries = new LinkedHashMap<>();
        s.retries().rules().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> retries.put(e.getKey().name(), new RetryBody(e.getValue().attempts(), e.getValue().after().toSeconds())));
        WindowBody window = new WindowBody(s.window().from().toString(), s.window().until().toString(),
                s.window().days().stream().sorted().map(DayOfWeek::name).toList());
        ProgressBody progress = p == null ? null : new ProgressBody(p.records(), p.remaining(), p.dialled(), p.connected(), p.abandoned(),
                p.machine(), p.busy(), p.noAnswer(), p.failed(), p.inFlight(), p.abandonRateToday(), s.abandonCapPercent(),
                p.answeredToday(), p.abandonedToday());
        return new CampaignBody(c.id(), c.tenantId(), c.state().name(), s.name(), s.queueId(), s.callerId(), s.kind().name(),
                s.mode().name(), window, retries, s.retries().maxAttemptsPerDay(), s.abandonCapPercent(), s.ringSeconds(),
                s.abandonGraceSeconds(), s.script(), s.surveyPrompts(), s.surveyLines(), c.listColumns(), c.createdBy(), c.createdAt(),
                c.updatedAt(), progress);
    }
}
