package io.switchboard.fax.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.service.webhook.WebhookRateLimit;

/** The fax-channel's webhook budget per source address, {@code switchboard.fax.webhook-rate.*}, for service-base's rate filter. */
@ApplicationScoped
public class WebhookBudget {

    @Produces
    @Singleton
    WebhookRateLimit webhookRateLimit(FaxConfig config, MeterRegistry registry) {
        return new WebhookRateLimit("fax-channel", config.webhookRate(), registry, System::nanoTime);
    }
}
