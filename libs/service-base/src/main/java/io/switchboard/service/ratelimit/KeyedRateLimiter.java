package io.switchboard.service.ratelimit;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A token bucket per key (a source address, a sender, an agent): {@code burst} requests at once, then
 * {@code perSecond} on average. The state is bounded, as the keys come from outside: a key whose
 * bucket has filled up again is no different from one never seen, so it is forgotten, and beyond
 * {@code maxKeys} keys the one heard from longest ago is forgotten first. Time is the caller's
 * monotonic clock in nanoseconds, so tests need no sleeping.
 */
public final class KeyedRateLimiter {

    private final double perSecond;
    private final double burst;
    private final int maxKeys;
    private final long idleNanos;
    /** In access order: the head is the key heard from longest ago. */
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    public KeyedRateLimiter(double perSecond, int burst, int maxKeys) {
        if (perSecond <= 0 || burst < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("rate limits need a positive rate, burst and number of keys");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxKeys = maxKeys;
        this.idleNanos = (long) Math.ceil(burst / perSecond * 1e9);
    }

    /**
     * Takes one request of {@code key} at {@code nanos} (a monotonic clock): empty when admitted,
     * else how many whole seconds until it would be (the Retry-After).
     */
    public synchronized OptionalLong acquire(String key, long nanos) {
        forgetIdle(nanos);
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxKeys) {
                Iterator<Bucket> eldest = buckets.values().iterator();
                eldest.next();
                eldest.remove();
            }
            bucket = new Bucket(burst, nanos);
            buckets.put(key, bucket);
        }
        bucket.tokens = Math.min(burst, bucket.tokens + (nanos - bucket.updated) / 1e9 * perSecond);
        bucket.updated = nanos;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond)));
    }

    /** Keys whose state is held now. */
    public synchronized int tracked() {
        return buckets.size();
    }

    /** How long a key must stay quiet before it is forgotten (its bucket is full again by then). */
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
