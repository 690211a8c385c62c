package io.switchboard.chat.domain;

/** A token bucket per connection: a steady rate with a short burst, so typing fast is fine and flooding is not. */
public final class MessageRateLimiter {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long lastNanos;

    public MessageRateLimiter(int perSecond, int burst, long nowNanos) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.lastNanos = nowNanos;
    }

    public synchronized boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
        lastNanos = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
