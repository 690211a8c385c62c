package io.switchboard.voice.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How long a caller joining a queue should expect to wait: a moving average of how long this
 * gateway's recent callers of that queue waited until an agent answered (the "average speed of
 * answer" that ACDs announce). Unknown until the queue's first answered call.
 */
@ApplicationScoped
public class WaitEstimates {

    /** The newest answer's share of the average: recent enough to follow a busy hour, steady enough not to jump per call. */
    private static final double NEWEST_WEIGHT = 0.2;

    private final Map<String, Double> averageSeconds = new ConcurrentHashMap<>();

    public void answered(String tenantId, String queueId, Duration waited) {
        if (queueId == null || waited.isNegative()) {
            return;
        }
        double seconds = waited.toMillis() / 1000.0;
        averageSeconds.merge(key(tenantId, queueId), seconds, (average, newest) -> average + NEWEST_WEIGHT * (newest - average));
    }

    public Optional<Duration> expected(String tenantId, String queueId) {
        Double seconds = queueId == null ? null : averageSeconds.get(key(tenantId, queueId));
        return Optional.ofNullable(seconds).map(s -> Duration.ofMillis(Math.round(s * 1000)));
    }

    private static String key(String tenantId, String queueId) {
        return tenantId + "/" + queueId;
    }
}
