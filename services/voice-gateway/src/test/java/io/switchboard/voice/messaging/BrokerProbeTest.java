package io.switchboard.voice.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.kafka.EmbeddedKafkaBroker;

/** The probe against a broker of its own, which the test stops: away while it is gone, up while it answers. */
class BrokerProbeTest {

    @Test
    void aStoppedBrokerIsAwayWithinTwoProbesAndABrokerThatAnswersIsUp() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        BrokerProbe probe = new BrokerProbe(broker.bootstrapServers(), Map.of(), Duration.ofMillis(500));
        try {
            probe.start();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(probe::up);

            broker.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> !probe.up());
        } finally {
            probe.stop();
            broker.close();
        }
    }

    @Test
    void aRefusedPublicationCountsAsAwayUntilTheNextAnsweredProbe() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        BrokerProbe probe = new BrokerProbe(broker.bootstrapServers(), Map.of(), Duration.ofMillis(500));
        try {
            probe.refused();
            assertThat(probe.up()).isFalse();
            probe.start();
            await().atMost(Duration.ofSeconds(5)).until(probe::up);
        } finally {
            probe.stop();
        }
    }
}
