package io.switchboard.service.messaging;

import java.util.HashMap;
import java.util.Map;

/**
 * The part of the services' {@code kafka.*} settings that says how to reach and authenticate to the
 * brokers (TLS and SASL), for the plain Kafka clients a service creates itself (routing's, the
 * configuration catch-up), so they connect to a secured cluster exactly as the messaging channels do.
 */
public final class KafkaConnection {

    private KafkaConnection() {
    }

    /** @param broker every {@code kafka.*} setting, prefix removed ({@code @Identifier("default-kafka-broker")}) */
    public static Map<String, Object> settings(Map<String, Object> broker) {
        Map<String, Object> connection = new HashMap<>();
        broker.forEach((key, value) -> {
            if (key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                connection.put(key, value);
            }
        });
        return Map.copyOf(connection);
    }
}
