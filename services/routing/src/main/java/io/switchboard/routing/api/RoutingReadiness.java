package io.switchboard.routing.api;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.switchboard.routing.messaging.Processor;

/** Not ready until the processor runs and has rebuilt the domains of its partitions. */
@Readiness
public class RoutingReadiness implements HealthCheck {

    private final Processor processor;

    public RoutingReadiness(Processor processor) {
        this.processor = processor;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("routing-state")
                .status(processor.ready())
                .withData("domains", processor.ownedDomains().size())
                .build();
    }
}
