package io.switchboard.social.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.service.webhook.WebhookRateLimit;

/** The social-channel's webhook budget per source address, {@code switchboard.social.webhook-rate.*}, for service-base's rate filter. */
@ApplicationScoped
public class WebhookBudget {

    @Produces
    @Singleton
    WebhookRateLimit webhookRateLimit(SocialConfig config, MeterRegistry registry) {
        return new WebhookRateLimit("social-channel", config.webhookRate(), registry, System::nanoTime);
    }
}
