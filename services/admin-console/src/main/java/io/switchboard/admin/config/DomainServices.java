package io.switchboard.admin.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.switchboard.admin.domain.AgentService;
import io.switchboard.admin.domain.ConfigPublisher;
import io.switchboard.admin.domain.ConfigStore;
import io.switchboard.admin.domain.ConfigurationService;
import io.switchboard.admin.domain.IdentityDirectory;

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
    AgentService agentService(IdentityDirectory directory, ConfigStore store, ConfigPublisher publisher) {
        return new AgentService(directory, store, publisher, Clock.systemUTC());
    }
}
