package io.switchboard.sms.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.switchboard.sms.domain.NumberDirectory;
import io.switchboard.sms.domain.NumberRoute;

class SmsReadinessTest {

    @Test
    void downUntilTheTenantsAreLoaded() {
        boolean[] loaded = {false};
        NumberDirectory directory = new NumberDirectory() {
            @Override
            public Optional<NumberRoute> route(String e164) {
                return Optional.empty();
            }

            @Override
            public boolean loaded() {
                return loaded[0];
            }
        };
        SmsReadiness readiness = new SmsReadiness(directory);
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        loaded[0] = true;
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
