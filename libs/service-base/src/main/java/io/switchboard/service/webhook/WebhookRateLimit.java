package io.switchboard.service.webhook;

import java.util.OptionalLong;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.service.api.IngressRefusals;
import io.switchboard.service.ratelimit.KeyedRateLimiter;

/**
 * One service's webhook budget per source address. A service that has webhooks produces one (from its
 * {@link WebhookRateConfig}) and marks the resources {@link WebhookRateLimited}.
 */
public final class WebhookRateLimit {

    private final KeyedRateLimiter sources;
    private final LongSupplier nanoTime;
    private final Counter refused;
    private final double perSecond;

    public WebhookRateLimit(String service, WebhookRateConfig config, MeterRegistry registry, LongSupplier nanoTime) {
        this.sources = new KeyedRateLimiter(config.perSecond(), config.burst(), config.maxSources());
        this.nanoTime = nanoTime;
        this.refused = IngressRefusals.counter(registry, service, "webhook", "source-rate");
        this.perSecond = config.perSecond();
    }

    /** Takes one webhook of {@code source}: empty when within its budget, else the seconds to wait (counted as refused). */
    public OptionalLong take(String source) {
        OptionalLong retryAfter = sources.acquire(source, nanoTime.getAsLong());
        if (retryAfter.isPresent()) {
            refused.increment();
        }
        return retryAfter;
    }

    public double perSecond() {
        return perSecond;
    }
}
