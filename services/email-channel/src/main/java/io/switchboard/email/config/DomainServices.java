package io.switchboard.email.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.switchboard.email.domain.EmailSettings;

/** Hands the domain its settings as plain values, so {@code domain} reads no configuration API. */
@ApplicationScoped
public class DomainServices {

    @Produces
    @Singleton
    EmailSettings settings(EmailConfig config) {
        return new EmailSettings(config.publicUrl(), config.attachments().maxBytes(), config.publishTimeout(),
                config.outbound().maxAttempts(), config.outbound().retryDelay());
    }
}
