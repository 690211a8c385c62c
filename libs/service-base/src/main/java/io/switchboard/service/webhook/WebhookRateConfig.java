package io.switchboard.service.webhook;

import io.smallrye.config.WithDefault;

/**
 * A service's webhook budget per source address, {@code switchboard.<service>.webhook-rate.*}. The
 * defaults are above what one instance stores (a few hundred webhooks a second), so only a flood meets them.
 */
public interface WebhookRateConfig {

    /** Webhooks a second one source address may send on average. */
    @WithDefault("200")
    double perSecond();

    /** Webhooks one source address may send at once before the average applies. */
    @WithDefault("400")
    int burst();

    /** Source addresses whose budgets are held at once; beyond, the one heard from longest ago is forgotten. */
    @WithDefault("10000")
    int maxSources();
}
