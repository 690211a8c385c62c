package io.switchboard.routing.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.service.messaging.KafkaConnection;

class KafkaClientsTest {

    /** Routing's own clients take the cluster's TLS and SASL settings, and nothing that would override their own choices. */
    @Test
    void theConnectionSettingsOfTheChannelsAreTakenAndNothingElse() {
        Map<String, Object> broker = Map.of("bootstrap.servers", "kafka:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.type", "PEM", "ssl.truststore.location", "/etc/switchboard/kafka-ca/ca.crt", "acks", "all",
                "enable.idempotence", "false");
        assertThat(KafkaConnection.settings(broker)).containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config",
                "ssl.truststore.type", "ssl.truststore.location");
    }
}
