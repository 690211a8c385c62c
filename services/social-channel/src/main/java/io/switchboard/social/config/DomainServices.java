package io.switchboard.social.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.switchboard.social.domain.AccountDirectory;
import io.switchboard.social.domain.EventPublisher;
import io.switchboard.social.domain.InboundProcessor;
import io.switchboard.social.domain.PlatformGateway;
import io.switchboard.social.domain.ReplyDelivery;
import io.switchboard.social.domain.ReplyPolicies;
import io.switchboard.social.domain.SocialStore;
import io.switchboard.social.domain.TemplateCatalog;

/** Wires the framework-free domain services to the adapters that implement their ports. */
@ApplicationScoped
public class DomainServices {

    @Produces
    @ApplicationScoped
    TemplateCatalog templates(SocialConfig config) {
        return TemplateCatalog.parse(config.templates());
    }

    @Produces
    @ApplicationScoped
    InboundProcessor inboundProcessor(AccountDirectory directory, SocialStore store, EventPublisher publisher,
            PlatformGateway platforms, SocialConfig config) {
        return new InboundProcessor(directory, store, publisher, platforms, Clock.systemUTC(), config.publicUrl(),
                config.media().maxBytes(), config.publishTimeout());
    }

    @Produces
    @ApplicationScoped
    ReplyDelivery replyDelivery(SocialStore store, PlatformGateway platforms, EventPublisher publisher, TemplateCatalog templates,
            SocialConfig config) {
        return new ReplyDelivery(store, platforms, publisher, templates, Clock.systemUTC(), new ReplyDelivery.Settings(
                config.outbound().maxAttempts(), config.outbound().retryDelay(), config.outbound().maxRetryDelay(),
                config.meta().humanAgentTag(), config.publishTimeout()));
    }

    @Produces
    @ApplicationScoped
    ReplyPolicies replyPolicies(SocialStore store, TemplateCatalog templates, SocialConfig config) {
        return new ReplyPolicies(store, templates, Clock.systemUTC(), config.meta().humanAgentTag());
    }
}
