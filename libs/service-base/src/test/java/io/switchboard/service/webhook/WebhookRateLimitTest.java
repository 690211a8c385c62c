package io.switchboard.service.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.service.api.IngressRefusals;

/** A service's webhook budget: per source, on the given clock, every refusal counted under the service's name. */
class WebhookRateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    private record Budget(double perSecond, int burst, int maxSources) implements WebhookRateConfig {
    }

    @Test
    void aSourceOverItsBudgetWaitsAndIsCountedWhileOthersAreServed() {
        AtomicLong now = new AtomicLong();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WebhookRateLimit limit = new WebhookRateLimit("sms-channel", new Budget(1, 2, 100), registry, now::get);

        assertThat(limit.take("192.0.2.1")).isEmpty();
        assertThat(limit.take("192.0.2.1")).isEmpty();
        assertThat(limit.take("192.0.2.1")).isEqualTo(OptionalLong.of(1));
        assertThat(limit.take("192.0.2.2")).as("another source").isEmpty();
        now.set(SECOND);
        assertThat(limit.take("192.0.2.1")).as("a token later").isEmpty();

        assertThat(registry.get(IngressRefusals.METRIC).tags("service", "sms-channel", "ingress", "webhook", "reason", "source-rate")
                .counter().count()).isEqualTo(1.0);
    }
}
