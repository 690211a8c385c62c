package io.switchboard.service.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.switchboard.events.Topics;

/**
 * A channel is ready once it knows its tenants' entry points (read to the end of the configuration
 * topic by {@link ConfigTopicCatchUp}); until then {@code /q/health/ready} is DOWN and says why, so
 * ./switchboard up and Kubernetes send it nothing it would have to refuse.
 */
@Readiness
@ApplicationScoped
public class EntryPointReadiness implements HealthCheck {

    private final Instance<EntryPointDirectory> directories;

    public EntryPointReadiness(Instance<EntryPointDirectory> directories) {
        this.directories = directories;
    }

    @Override
    public HealthCheckResponse call() {
        return of(directories);
    }

    static HealthCheckResponse of(Iterable<? extends EntryPointDirectory> directories) {
        boolean loaded = true;
        for (EntryPointDirectory directory : directories) {
            loaded &= directory.loaded();
        }
        var response = HealthCheckResponse.named("entry-points").status(loaded);
        if (!loaded) {
            response.withData("waiting", "the tenants' configuration from " + Topics.CONFIG);
        }
        return response.build();
    }
}
