package io.switchboard.sms.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.service.webhook.WebhookRateLimit;

/** The sms-channel's webhook budget per source address, {@code switchboard.sms.webhook-rate.*}, for service-base's rate filter. */
@ApplicationScoped
public class WebhookBudget {

    @Produces
    @Singleton
    WebhookRateLimit webhookRateLimit(SmsConfig config, MeterRegistry registry) {
        return new WebhookRateLimit("sms-channel", config.webhookRate(), registry, System::nanoTime);
    }
}
