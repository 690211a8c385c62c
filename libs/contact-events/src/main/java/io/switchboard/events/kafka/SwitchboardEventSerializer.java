package io.switchboard.events.kafka;

import java.net.URI;
import java.util.Map;

import org.apache.kafka.common.serialization.Serializer;

import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.codec.EventCodec;

/**
 * For integrators on a plain Kafka client: writes events as structured CloudEvents JSON. Configure
 * the source with {@code switchboard.event.source} (default {@code /integrations}).
 */
public class SwitchboardEventSerializer implements Serializer<SwitchboardEvent> {

    public static final String SOURCE_CONFIG = "switchboard.event.source";

    private URI source = URI.create("/integrations");

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object configured = configs.get(SOURCE_CONFIG);
        if (configured != null) {
            source = URI.create(configured.toString());
        }
    }

    @Override
    public byte[] serialize(String topic, SwitchboardEvent event) {
        return event == null ? null : EventCodec.encode(event, source);
    }
}
