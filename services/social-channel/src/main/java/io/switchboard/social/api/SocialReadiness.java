package io.switchboard.social.api;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.switchboard.social.domain.AccountDirectory;

/** Not ready until the tenants' configuration has been read, so a webhook never meets a spurious "unknown account". */
@Readiness
public class SocialReadiness implements HealthCheck {

    private final AccountDirectory directory;

    public SocialReadiness(AccountDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("social-accounts").status(directory.loaded()).build();
    }
}
