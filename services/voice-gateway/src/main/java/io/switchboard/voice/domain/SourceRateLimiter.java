package io.switchboard.voice.domain;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A token bucket per source address (against SIP floods): {@code burst} requests at once, then
 * {@code perSecond} on average. The state is bounded: a source whose bucket has filled up again is
 * no different from one never seen, so it is forgotten, and beyond {@code maxSources} the source
 * heard from longest ago is forgotten first.
 */
public final class SourceRateLimiter {

    private final double perSecond;
    private final double burst;
    private final int maxSources;
    private final long idleNanos;
    /** In access order: the head is the source heard from longest ago. */
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    public SourceRateLimiter(double perSecond, int burst, int maxSources) {
        if (perSecond <= 0 || burst < 1 || maxSources < 1) {
            throw new IllegalArgumentException("rate limits need a positive rate, burst and number of sources");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxSources = maxSources;
        this.idleNanos = (long) Math.ceil(burst / perSecond * 1e9);
    }

    /**
     * Takes one request of {@code source} at {@code nanos} (a monotonic clock): empty when admitted,
     * else how many whole seconds until it would be (the Retry-After).
     */
    public synchronized OptionalLong acquire(String source, long nanos) {
        forgetIdle(nanos);
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            if (buckets.size() >= maxSources) {
                Iterator<Bucket> eldest = buckets.values().iterator();
                eldest.next();
                eldest.remove();
            }
            bucket = new Bucket(burst, nanos);
            buckets.put(source, bucket);
        }
        bucket.tokens = Math.min(burst, bucket.tokens + (nanos - bucket.updated) / 1e9 * perSecond);
        bucket.updated = nanos;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond)));
    }

    /** Sources whose state is held now. */
    public synchronized int tracked() {
        return buckets.size();
    }

    /** How long a source must stay quiet before it is forgotten (its bucket is full again by then). */
    public Duration idleAfter() {
        return Duration.ofNanos(idleNanos);
    }

    private void forgetIdle(long nanos) {
        Iterator<Map.Entry<String, Bucket>> oldest = buckets.entrySet().iterator();
        while (oldest.hasNext() && nanos - oldest.next().getValue().updated >= idleNanos) {
            oldest.remove();
        }
    }
}
