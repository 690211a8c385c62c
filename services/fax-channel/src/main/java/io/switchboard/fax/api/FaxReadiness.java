package io.switchboard.fax.api;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.switchboard.fax.domain.NumberDirectory;

/**
 * Not ready until the tenants' configuration has been read, so traffic goes to an instance that knows the
 * fax numbers (one that does not yet answers a webhook 503, which the provider retries).
 */
@Readiness
public class FaxReadiness implements HealthCheck {

    private final NumberDirectory directory;

    public FaxReadiness(NumberDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("fax-tenant-configuration").status(directory.loaded()).build();
    }
}
