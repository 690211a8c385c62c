package io.switchboard.admin.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.switchboard.admin.domain.AgentService;
import io.switchboard.admin.domain.ConfigPublisher;
import io.switchboard.admin.domain.ConfigStore;
import io.switchboard.admin.domain.ConfigurationService;
import io.switchboard.admin.domain.IdentityDirectory;
import io.switchboard.admin.domain.PhoneService;
import io.switchboard.admin.domain.PromptService;

/** Wires the framework-free domain services to the adapters that implement their ports. */
@ApplicationScoped
public class DomainServices {

    @Produces
    @ApplicationScoped
    ConfigurationService configurationService(ConfigStore store, ConfigPublisher publisher) {
        return new ConfigurationService(store, publisher, Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    PhoneService phoneService(IdentityDirectory directory, ConfigStore store, ConfigPublisher publisher, AdminConfig config) {
        return new PhoneService(directory, store, publisher, Clock.systemUTC(), config.sipRealm());
    }

    @Produces
    @ApplicationScoped
    AgentService agentService(IdentityDirectory directory, ConfigStore store, ConfigPublisher publisher, PhoneService phones) {
        return new AgentService(directory, store, publisher, Clock.systemUTC(), phones);
    }

    @Produces
    @ApplicationScoped
    PromptService promptService(ConfigStore store, ConfigPublisher publisher) {
        return new PromptService(store, publisher, Clock.systemUTC());
    }
}
