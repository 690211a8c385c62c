package io.switchboard.sms.api;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.switchboard.sms.domain.NumberDirectory;

/**
 * Not ready until the tenants' configuration has been read, so traffic goes to an instance that knows the
 * numbers (one that does not yet answers a webhook 503, which the provider retries).
 */
@Readiness
public class SmsReadiness implements HealthCheck {

    private final NumberDirectory directory;

    public SmsReadiness(NumberDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sms-tenant-configuration").status(directory.loaded()).build();
    }
}
