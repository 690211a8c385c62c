package io.switchboard.chat.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.switchboard.chat.domain.ChatSettings;

/** Hands the domain its settings as plain values, so {@code domain} reads no configuration API. */
@ApplicationScoped
public class DomainServices {

    @Produces
    @Singleton
    ChatSettings settings(ChatConfig config, @ConfigProperty(name = "quarkus.uuid") String instanceId) {
        return new ChatSettings(config.tokenSecret(), config.tokenTtl(), config.maxMessageChars(), config.abandonAfter(),
                config.publishTimeout(), instanceId);
    }
}
